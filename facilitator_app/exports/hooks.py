"""Sections that come from other features, switched on here one by one as they land on main.

A hook whose feature is not on `main` yet returns None; the builders then leave the section out
(or say it was not recorded) instead of inventing a result. When the feature lands, only the
body of its hook changes. Off (None) until their branch lands:

- `setup_checklist`    <- `facilitator_app.checklist` (the setup checklist, branch language)
- `language_guide`     <- the language-guide rules in `resources/` (branch language)

On:

- `action_verdict`     <- the action-item checker, `facilitator_app.action_check` (on)
- `factor_voters`      <- per-attendee dot votes, `ContributingFactor.dots` (on)
- `factor_ranking`     <- the vote ranking with equal-team weighting, `facilitator_app.voting` (on)
- `phase_minutes_used` <- the phase's own start and end times; switch to the meeting engine's
                          phase clock (branch engine) when it lands, if it keeps pauses apart.
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
    """The specific test's verdict ("specific"/"vague") with its reasons."""
    from facilitator_app.action_check import check_item

    verdict = check_item(item, session)
    return ActionVerdict(verdict.is_specific, tuple(r.message for r in verdict.reasons))


def factor_voters(session: Session, factor: ContributingFactor) -> list[str] | None:
    """Who put dots on a factor ("Name ×2"), plus votes entered as counts; None: no detail."""
    if not factor.dots:
        return None
    names = {a.id: a.name for a in session.attendees}
    voters = [
        f"{names.get(attendee_id, 'someone')}" + (f" ×{n}" if n > 1 else "")
        for attendee_id, n in factor.dots.items()
    ]
    if factor.unattributed_votes:
        voters.append(f"{factor.unattributed_votes} entered as a count")
    return voters


@dataclass(frozen=True)
class RankedFactor:
    rank: int  # equal scores share a rank
    factor: ContributingFactor
    score: float  # weighted when equal-team weighting is on, else the votes


def factor_ranking(session: Session) -> list[RankedFactor]:
    """Factors by vote score, highest first, as the room saw them ranked."""
    from facilitator_app.voting import ranking

    return [RankedFactor(r.rank, r.factor, r.score) for r in ranking(session)]


def phase_minutes_used(session: Session, phase: Phase) -> float | None:
    """Minutes a phase ran: from its start and end times until the engine's clock lands."""
    if phase.started_at is None:
        return None
    if phase.ended_at is None:
        return None
    return max(0.0, (phase.ended_at - phase.started_at).total_seconds() / 60)
