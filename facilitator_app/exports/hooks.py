"""Sections that come from features still being built on other branches, switched on here.

Each hook returns None while the feature it needs is not on `main`; the builders then leave the
section out (or say it was not recorded) instead of inventing a result. When the feature lands,
only the body of its hook changes:

- `setup_checklist`    <- `facilitator_app.checklist` (the setup checklist, branch language)
- `language_guide`     <- the language-guide rules in `resources/` (branch language)
- `action_verdict`     <- the action-item checker (branch actions)
- `factor_voters`      <- per-attendee dot votes (branch actions)
- `phase_minutes_used` <- the meeting engine's phase clock (branch engine); until then the
                          phase's own start and end times are used.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.model import ActionItem, ContributingFactor, Phase, Session


@dataclass(frozen=True)
class ChecklistLine:
    label: str
    ok: bool
    advice: str = ""  # how to fix it, when not ok


@dataclass(frozen=True)
class ActionVerdict:
    specific: bool
    reasons: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return "specific" if self.specific else "vague"


@dataclass(frozen=True)
class GuideRule:
    avoid: str
    why: str
    instead: str


# The ground rules of the framing phase (DESIGN.md §1, issue 5). The language branch will hold
# them as data next to the guide; until then the pre-read prints these.
GROUND_RULES: tuple[str, ...] = (
    "Each team owns its own contributing factors; the other team listens.",
    "The integration between the two systems is a contributing factor in its own right.",
    "Ask “how”, not “why”.",
    "Describe what happened; don't judge who did it.",
)


def setup_checklist(session: Session) -> list[ChecklistLine] | None:
    """HOOK(checklist): the setup checklist's results, or None while it is not on main."""
    return None


def language_guide() -> list[GuideRule] | None:
    """HOOK(language guide): the guide's rules for the pre-read, or None while not on main."""
    return None


def ground_rules() -> tuple[str, ...]:
    """The framing phase's ground rules (switch to the language branch's data when it lands)."""
    return GROUND_RULES


def action_verdict(session: Session, item: ActionItem) -> ActionVerdict | None:
    """HOOK(action checker): "specific"/"vague" with reasons, or None while not on main."""
    return None


def factor_voters(session: Session, factor: ContributingFactor) -> list[str] | None:
    """HOOK(per-attendee votes): who put dots on a factor, or None while votes are counts."""
    return None


def phase_minutes_used(session: Session, phase: Phase) -> float | None:
    """Minutes a phase ran: from its start and end times until the engine's clock lands."""
    if phase.started_at is None:
        return None
    if phase.ended_at is None:
        return None
    return max(0.0, (phase.ended_at - phase.started_at).total_seconds() / 60)
