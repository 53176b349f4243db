"""Sections that come from other features, switched on here one by one as they land on main.

A hook whose feature is not on `main` yet returns None; the builders then leave the section out
(or say it was not recorded) instead of inventing a result. When the feature lands, only the
body of its hook changes. On:

- `setup_checklist`    <- `facilitator_app.checklist`, as it stood when the meeting began
- `language_guide`     <- the language-guide rules in `resources/` (with the user's override)
- `ground_rules`       <- the framing ground rules of the same guide
- `action_verdict`     <- the action-item checker, `facilitator_app.actions.check` (on)
- `factor_voters`      <- per-attendee dot votes, `ContributingFactor.dots` (on)
- `factor_ranking`     <- the vote ranking with equal-team weighting, `facilitator_app.voting` (on)
- `phase_minutes_used` <- the phase's own start and end times; switch to the meeting engine's
                          phase clock (branch engine) when it lands, if it keeps pauses apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from facilitator_app.model import ActionItem, ContributingFactor, Phase, Session
from facilitator_app.timeutil import now_utc


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


# The ground rules of the framing phase (DESIGN.md §1), if the guide file has none.
GROUND_RULES: tuple[str, ...] = (
    "Each team owns its own contributing factors; the other team listens.",
    "The integration between the two systems is a contributing factor in its own right.",
    "Ask “how”, not “why”.",
    "Describe what happened; don't judge who did it.",
)


def _checklist_moment(session: Session) -> datetime:
    """When the checklist is judged: the meeting's first phase start, else its schedule."""
    started = [p.started_at for p in session.phases if p.started_at is not None]
    if started:
        return min(started)
    return session.scheduled_start or now_utc()


def setup_checklist(session: Session) -> list[ChecklistLine] | None:
    """The setup checklist as it stood when the meeting began (or is scheduled to)."""
    from facilitator_app.checklist import run_checklist

    return [
        ChecklistLine(f"{c.title}: {c.detail}" if c.detail else c.title, c.ok, c.fix)
        for c in run_checklist(session, _checklist_moment(session))
    ]


def language_guide() -> list[GuideRule] | None:
    """The guide's rules for the pre-read (the organisation's override included)."""
    from facilitator_app.language.guide import current_guide

    guide = current_guide(check_patterns=False)
    return [GuideRule(r.avoid, r.why, r.instead) for r in guide.rules]


def ground_rules() -> tuple[str, ...]:
    """The framing phase's ground rules, from the language guide's data."""
    from facilitator_app.language.guide import current_guide

    return current_guide(check_patterns=False).ground_rules or GROUND_RULES


def action_verdict(session: Session, item: ActionItem) -> ActionVerdict | None:
    """The specific test's verdict ("specific"/"vague") with its reasons."""
    from facilitator_app.actions.check import check_item

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
