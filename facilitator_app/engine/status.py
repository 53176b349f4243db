"""One frozen picture of the meeting at an instant: everything a view draws, nothing it computes.

Views (the countdown, phase strip, balance bar, per-person totals) read a `MeetingStatus` and
draw it; they hold no meeting state of their own and do no time arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from facilitator_app.engine.floor import Floor
from facilitator_app.engine.timebox import Countdown, PhaseState
from facilitator_app.model import Lane
from facilitator_app.speaking_totals import SpeakingTotals


class ClockState(StrEnum):
    IDLE = "idle"  # not started yet
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class HintKind(StrEnum):
    CLOCK_NOT_STARTED = "clock-not-started"
    NOBODY_HAS_FLOOR = "nobody-has-floor"
    DOMINANCE = "dominance"
    CONFIRM_PHASE = "confirm-phase"
    NOTICE = "notice"  # something the engine did on its own (suspend, recovery)


@dataclass(frozen=True)
class Hint:
    kind: HintKind
    text: str


@dataclass(frozen=True)
class PhaseView:
    phase_id: int | None
    key: str
    title: str
    planned: float  # seconds
    budget: float  # seconds, as adapted
    spent: float  # seconds of meeting time
    state: PhaseState


@dataclass(frozen=True)
class Balance:
    team_a: float  # seconds, whole meeting
    team_b: float
    share_a: float | None  # of the two teams' time; None before either has spoken
    fair_a: float  # team A's fair share (0.5, or by head-count)
    dominant: Lane | None  # over its fair share in the rolling window

    def share(self, lane: Lane) -> float | None:
        if self.share_a is None:
            return None
        return self.share_a if lane is Lane.A else 1.0 - self.share_a


@dataclass(frozen=True)
class MeetingStatus:
    clock: ClockState
    elapsed: float  # meeting time so far (running time of the meeting clock)
    meeting: Countdown  # the whole time-box
    phase: Countdown | None  # the current phase (None when the session has no phases)
    phase_index: int | None
    phases: tuple[PhaseView, ...]
    projected_finish: datetime  # aware UTC
    projected_over: float  # seconds the projected finish lies past the time-box (<= 0: on time)
    holder: Floor
    holder_seconds: float  # how long the current holder has had the floor (0 when stopped)
    totals: SpeakingTotals
    balance: Balance
    hints: tuple[Hint, ...]

    @property
    def current_phase(self) -> PhaseView | None:
        return None if self.phase_index is None else self.phases[self.phase_index]

    def hint(self, kind: HintKind) -> Hint | None:
        return next((h for h in self.hints if h.kind is kind), None)
