"""How values read in exported documents: durations, times, teams, owners, tags.

One place, so the notes, the pre-read and the report say the same thing the same way.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from facilitator_app.attribution import added_by_text
from facilitator_app.exports.document import Inline, TeamName
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Awareness,
    FactorOwner,
    Lane,
    Session,
    Tag,
)
from facilitator_app.timeutil import to_utc

TAG_LABELS = {
    Tag.LOCALLY_CORRECT.value: "locally correct, globally unexpected",
    Tag.DIVERGENCE.value: "divergence point",
}
KIND_TITLES = {
    ActionKind.TEAM: "Team items",
    ActionKind.JOINT: "Joint items (shared ownership, one designated lead)",
    ActionKind.PROCESS: "Process items (how the two teams work together)",
}
AWARENESS_WORDS = {Awareness.YES: "yes", Awareness.NO: "no", Awareness.UNKNOWN: "unknown"}


def mmss(seconds: float) -> str:
    """`MM:SS`, minutes growing past 60 ("90:00", never "1:30:00"), as on the time-box."""
    total = max(0, round(seconds))
    return f"{total // 60:02d}:{total % 60:02d}"


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f} %"


def offset_text(value: datetime) -> str:
    delta = value.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def when(value: datetime | None) -> str:
    """A moment as written, with its offset: `2026-11-10 14:02 +01:00`."""
    if value is None:
        return "–"
    return f"{value:%Y-%m-%d %H:%M} {offset_text(value)}"


def event_time(value: datetime, *, with_date: bool) -> str:
    """An event's time in UTC (the timeline's order), with the team's local time beside it."""
    utc = to_utc(value)
    shown = f"{utc:%Y-%m-%d %H:%M:%S}Z" if with_date else f"{utc:%H:%M:%S}Z"
    if value.utcoffset() not in (None, timedelta(0)):
        shown += f" ({value:%H:%M} {offset_text(value)})"
    return shown


def spans_several_days(times: list[datetime]) -> bool:
    days = {to_utc(t).date() for t in times}
    return len(days) > 1


def team_name(session: Session, lane: Lane | None) -> TeamName | str:
    if lane is None:
        return "–"
    team = session.team(lane)
    return TeamName(team.name, team.colour)


def owner_label(session: Session, owner: FactorOwner) -> TeamName | str:
    if owner is FactorOwner.INTERACTION:
        return "The interaction between the teams"
    return team_name(session, Lane(owner.value))


def tag_label(tag: str) -> str:
    return TAG_LABELS.get(tag, tag)


def accountable(item: ActionItem) -> str:
    """Who answers for an item: the designated lead of a joint item, else the owner."""
    if item.kind is ActionKind.JOINT:
        return item.lead or item.owner
    return item.owner or item.lead


OPEN_STATES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def is_overdue(item: ActionItem, today: date) -> bool:
    """Due before `today` and still open or in progress."""
    return item.due is not None and item.status in OPEN_STATES and item.due < today


def generated_line(now: datetime) -> str:
    return f"Generated {now.astimezone(UTC):%Y-%m-%d %H:%M} UTC by Postmortem Facilitator"


def attributed(text: Inline, added_by: str) -> Inline:
    """A cell with who proposed it from the room under it ("added by Amara Diallo (Payments)
    from the room"); the text alone when the facilitator typed it."""
    if not added_by:
        return text
    spans = text if isinstance(text, tuple) else (text,)
    return (*spans, "\n", added_by_text(added_by))
