"""The time-box arithmetic: countdowns, thresholds, adaptive phase budgets, projected finish.

Pure functions of a few numbers (seconds of meeting time), so every rule is tested without a
clock. Meeting time is the running time of the meeting clock: it stops while the clock is paused.

Budgets adapt (DESIGN.md §2): a phase's budget is its planned minutes times a scale fixed when the
phase is first entered, plus any nudges. Phases not entered yet share whatever is left of the
time-box in proportion to their plans, never more than planned and never less than `min_scale` of
it; so an overrun shrinks the rest of the meeting, and once the rest cannot shrink further the
projected finish moves past the end of the time-box.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """How urgent a countdown is; never shown by colour alone (see `Countdown.label`)."""

    NORMAL = "normal"
    WRAP_UP = "wrap-up"
    OVER = "over"


@dataclass(frozen=True)
class Thresholds:
    """Amber ("WRAP UP") at `amber_minutes` or `amber_fraction` left, whichever comes later."""

    amber_minutes: float = 5.0
    amber_fraction: float = 0.10

    def amber_at(self, budget_seconds: float) -> float:
        """Seconds left at which a countdown of this budget turns amber."""
        return max(0.0, min(self.amber_minutes * 60.0, self.amber_fraction * budget_seconds))


def format_mmss(seconds: float) -> str:
    """`MM:SS` with as many minutes as needed ("90:00", "125:07"), never hours; floors seconds."""
    whole = max(0, math.floor(seconds + 1e-9))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def format_m_ss(seconds: float) -> str:
    """`M:SS` for labels ("2:10"), floors seconds."""
    whole = max(0, math.floor(seconds + 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True)
class Countdown:
    budget: float  # seconds
    spent: float  # seconds of meeting time used
    level: Level
    digits: str  # "MM:SS" counting down, "+MM:SS" counting up once over
    label: str  # "", "WRAP UP" or "OVER +M:SS"

    @property
    def remaining(self) -> float:
        """Seconds left; negative once over."""
        return self.budget - self.spent


def countdown(budget: float, spent: float, thresholds: Thresholds) -> Countdown:
    remaining = budget - spent
    if remaining < 0:
        over = -remaining
        return Countdown(
            budget, spent, Level.OVER, "+" + format_mmss(over), f"OVER +{format_m_ss(over)}"
        )
    # Count down showing whole seconds rounded up: "00:01" until the very end, then "00:00".
    shown = format_mmss(math.ceil(remaining - 1e-9))
    if remaining <= thresholds.amber_at(budget):
        return Countdown(budget, spent, Level.WRAP_UP, shown, "WRAP UP")
    return Countdown(budget, spent, Level.NORMAL, shown, "")


class PhaseState(StrEnum):
    DONE = "done"
    CURRENT = "current"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class PhaseInput:
    """What the plan needs to know of one phase."""

    planned: float  # seconds
    scale: float | None  # fixed when first entered; None while never entered
    nudge: float  # seconds added (+) or taken (-) by the facilitator
    spent: float  # seconds of meeting time spent in it so far


@dataclass(frozen=True)
class PhasePlan:
    budget: float
    spent: float
    state: PhaseState

    @property
    def remaining(self) -> float:
        return max(0.0, self.budget - self.spent)


@dataclass(frozen=True)
class Plan:
    phases: tuple[PhasePlan, ...]
    upcoming_scale: float
    meeting_left: float  # seconds of meeting time still planned from now on

    def budget(self, index: int) -> float:
        return self.phases[index].budget


def entered_budget(p: PhaseInput) -> float:
    assert p.scale is not None
    return max(0.0, p.planned * p.scale + p.nudge)


def scale_for(available: float, planned: float, min_scale: float) -> float:
    """The share of their plan that phases not yet entered get: in [min_scale, 1]."""
    if planned <= 0:
        return 1.0
    return min(1.0, max(min_scale, available / planned))


def plan(
    phases: Sequence[PhaseInput],
    current: int | None,
    timebox: float,
    elapsed: float,
    min_scale: float = 0.5,
) -> Plan:
    """Budgets of every phase now.

    `current` is the index of the phase in progress (None before the meeting starts); `elapsed`
    is the meeting time used so far. Phases before `current` count as done, after it as upcoming.
    """
    states = []
    for i in range(len(phases)):
        if current is None or i > current:
            states.append(PhaseState.UPCOMING)
        elif i == current:
            states.append(PhaseState.CURRENT)
        else:
            states.append(PhaseState.DONE)
    # Time still promised to phases already entered (the current one, or later ones revisited).
    promised = 0.0
    fresh_planned = 0.0
    for p, state in zip(phases, states, strict=True):
        if state is PhaseState.DONE:
            continue
        if p.scale is not None:
            promised += max(0.0, entered_budget(p) - p.spent)
        else:
            fresh_planned += p.planned + p.nudge
    available = timebox - elapsed - promised
    upcoming = scale_for(available, fresh_planned, min_scale)
    result = []
    left = promised
    for p, state in zip(phases, states, strict=True):
        if p.scale is not None:
            budget = entered_budget(p)
        else:
            budget = max(0.0, p.planned * upcoming + p.nudge)
            if state is not PhaseState.DONE:
                left += budget
        result.append(PhasePlan(budget, p.spent, state))
    return Plan(tuple(result), upcoming, left)
