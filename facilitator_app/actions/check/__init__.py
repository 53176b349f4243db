"""The specific test on action items: a verdict (specific or vague) with its reasons.

An item is specific when it has (1) a verifiable outcome: a concrete deliverable or a measurable
threshold, in the description or in the test of done; (2) one accountable owner: a person or a
role, not "everyone", "the team", "TBD", nor two names without a lead (joint items need a
designated lead); (3) a calendar due date, not "soon" or "next sprint", and not already past
when the item was written. Wording and word lists live in `resources/action_check.toml`.

Judged as written: the date test compares the due date with the day the item was written (its
creation time, else the meeting's date), never with today, so a verdict never changes as the
calendar moves on. A relative due ("next Friday", "end of Q1") is resolved against that same day.
An open item past its due date is *overdue* (see `facilitator_app.follow_up`), not vague.

Owner, due and test may also be written inside the description ("Joint runbook for failover,
lead: Priya, due 2026-12-15, test: reviewed in a game day"); an empty field takes them from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from facilitator_app.actions.check.dates import find_due
from facilitator_app.actions.check.outcome import outcome_problem, second_opinion
from facilitator_app.actions.check.people import owner_problems
from facilitator_app.model import ActionItem, ActionKind, Session
from facilitator_app.timeutil import now_utc

SPECIFIC = "specific"
VAGUE = "vague"

_INLINE = re.compile(
    r"(?:^|(?<=[\s,;(\[]))(?P<key>owner|lead|assignee|assigned to|due(?: date)?|deadline|"
    r"test(?: of done)?|done when|how we know)\s*[:=]\s*(?P<value>[^,;()\[\]]+)",
    re.IGNORECASE,
)
_KEYS = {
    "owner": "owner",
    "assignee": "owner",
    "assigned to": "owner",
    "lead": "lead",
    "due": "due",
    "due date": "due",
    "deadline": "due",
    "test": "test",
    "test of done": "test",
    "done when": "test",
    "how we know": "test",
}


@dataclass(frozen=True)
class ActionSpec:
    """What the checker reads: the fields of an item as typed (due may be free text)."""

    description: str
    kind: ActionKind = ActionKind.TEAM
    owner: str = ""
    lead: str = ""
    due: date | str | None = None
    test: str = ""
    created: date | None = None  # the day the item was written (the date test's reference)


@dataclass(frozen=True)
class Reason:
    rule: str  # outcome, owner, due
    field: str  # the field to fix: description, owner, lead, due
    message: str

    @property
    def short(self) -> str:
        """What the item needs, in a word or two, for a badge ("needs outcome, lead")."""
        if self.rule == "outcome":
            return "outcome"
        if self.rule == "owner":
            return "a lead" if self.field == "lead" else "one owner"
        if "past" in self.message:
            return "future date"
        return "due date"


@dataclass(frozen=True)
class Verdict:
    reasons: tuple[Reason, ...] = ()
    due: date | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def is_specific(self) -> bool:
        return not self.reasons

    @property
    def verdict(self) -> str:
        return SPECIFIC if self.is_specific else VAGUE

    def to_json(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "reasons": [r.message for r in self.reasons],
            "failed": [{"rule": r.rule, "field": r.field} for r in self.reasons],
            "due": self.due.isoformat() if self.due else None,
        }


def split_inline(description: str) -> tuple[str, dict[str, str]]:
    """The description without its "owner: X, due: Y" parts, and those parts by field."""
    found: dict[str, str] = {}
    for match in _INLINE.finditer(description):
        found.setdefault(_KEYS[match.group("key").lower()], match.group("value").strip())
    stripped = _INLINE.sub(" ", description)
    return " ".join(stripped.split()).strip(" ,;"), found


def check_action(
    spec: ActionSpec, *, today: date | None = None, team_names: Iterable[str] = ()
) -> Verdict:
    """The verdict on one item, judged on the day it was written (`spec.created`); `today` stands
    in for that day when it is unknown."""
    created = spec.created or today or now_utc().date()
    description, inline = split_inline(spec.description)
    owner = spec.owner.strip() or inline.get("owner", "")
    lead = spec.lead.strip() or inline.get("lead", "")
    test = spec.test.strip() or inline.get("test", "")
    due_value = spec.due if spec.due not in (None, "") else inline.get("due")
    reasons: list[Reason] = []

    problem = outcome_problem(description, test)
    owner_reasons = owner_problems(ActionKind(spec.kind), owner, lead, team_names)
    due = find_due(due_value, spec.description, created)
    if problem and not owner_reasons and due.due is not None:
        # owner and date are there: say what would make the outcome checkable
        advice = second_opinion(description)
        problem = f"{problem}; {advice}" if advice else problem
    if problem:
        reasons.append(Reason("outcome", "description", problem))
    for field_name, message in owner_reasons:
        reasons.append(Reason("owner", field_name, message))
    notes: list[str] = []
    if due.phrase and due.due is not None:
        notes.append(f"due '{due.phrase}' is {due.due.isoformat()} (written {created.isoformat()})")
    if due.problem:
        reasons.append(Reason("due", "due", due.problem))
    elif due.due is not None and due.due < created:
        reasons.append(
            Reason(
                "due",
                "due",
                f"due {due.due.isoformat()} was already past when "
                f"the item was written ({created.isoformat()})",
            )
        )
    return Verdict(tuple(reasons), due.due, tuple(notes))


def written_on(item: ActionItem, session: Session | None = None) -> date | None:
    """The day an item was written: its first status change, else the meeting's scheduled day
    (else the incident's, the meeting being after it)."""
    if item.history:
        return item.history[0].changed_at.date()
    if session is None:
        return None
    for moment in (session.scheduled_start, session.incident_end, session.incident_start):
        if moment is not None:
            return moment.date()
    return None


def spec_of(item: ActionItem, session: Session | None = None) -> ActionSpec:
    created = written_on(item, session)
    return ActionSpec(
        item.description, item.kind, item.owner, item.lead, item.due, item.test_of_done, created
    )


def check_item(
    item: ActionItem, session: Session | None = None, *, today: date | None = None
) -> Verdict:
    """The verdict on a stored item, judged on the day it was written (`written_on`)."""
    teams = [t.name for t in session.teams] if session else []
    return check_action(spec_of(item, session), today=today, team_names=teams)


__all__ = [
    "SPECIFIC",
    "VAGUE",
    "ActionSpec",
    "Reason",
    "Verdict",
    "check_action",
    "check_item",
    "spec_of",
    "split_inline",
    "written_on",
]
