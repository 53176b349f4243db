"""Rows <-> domain objects. Times are stored as ISO 8601 text with their original offset."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from typing import Any

from facilitator_app.model import (
    ActionItem,
    Attendee,
    ContributingFactor,
    EventLink,
    Lane,
    Note,
    Observation,
    ParkedIdea,
    Phase,
    PollAnswer,
    SpeakingInterval,
    StatusChange,
    Team,
    TimelineEvent,
)
from facilitator_app.timeutil import format_iso, to_utc

Row = dict[str, Any]


def iso(value: datetime | None) -> str | None:
    return None if value is None else format_iso(value)


def utc_sort_key(value: datetime) -> str:
    """Fixed-width UTC text, so that text order is time order (`14:02:00Z` would sort after
    `14:02:00.250000Z`, because "." < "Z")."""
    return to_utc(value).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def from_iso(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def lane_or_none(text: str | None) -> Lane | None:
    return None if text is None else Lane(text)


def team_row(session_id: int, team: Team) -> Row:
    return {
        "session_id": session_id,
        "lane": team.lane.value,
        "name": team.name,
        "colour": team.colour,
    }


def team_from(row: sqlite3.Row) -> Team:
    return Team(Lane(row["lane"]), row["name"], row["colour"], id=row["id"])


def attendee_row(session_id: int, a: Attendee, position: int) -> Row:
    return {
        "session_id": session_id,
        "position": position,
        "name": a.name,
        "lane": a.lane.value if a.lane else None,
        "role": a.role.value,
        "present": int(a.present),
        "remote": int(a.remote),
    }


def attendee_from(row: sqlite3.Row) -> Attendee:
    return Attendee(
        row["name"],
        row["role"],
        lane_or_none(row["lane"]),
        bool(row["present"]),
        bool(row["remote"]),
        id=row["id"],
    )


def phase_row(session_id: int, p: Phase, position: int) -> Row:
    return {
        "session_id": session_id,
        "position": position,
        "key": p.key,
        "title": p.title,
        "planned_minutes": p.planned_minutes,
        "started_at": iso(p.started_at),
        "ended_at": iso(p.ended_at),
    }


def phase_from(row: sqlite3.Row) -> Phase:
    return Phase(
        row["key"],
        row["title"],
        row["planned_minutes"],
        from_iso(row["started_at"]),
        from_iso(row["ended_at"]),
        id=row["id"],
    )


def event_row(session_id: int, e: TimelineEvent) -> Row:
    return {
        "session_id": session_id,
        "occurred_at": format_iso(e.occurred_at),
        "occurred_utc": utc_sort_key(e.occurred_at),
        "seq": e.seq,
        "lane": e.lane.value,
        "actor": e.actor,
        "description": e.description,
        "source_url": e.source_url,
        "imported_from": e.imported_from,
        "tags": json.dumps(e.tags),
        "added_by": e.added_by,
    }


def event_from(row: sqlite3.Row, observations: dict[Lane, Observation]) -> TimelineEvent:
    occurred = datetime.fromisoformat(row["occurred_at"])
    return TimelineEvent(
        occurred,
        Lane(row["lane"]),
        row["actor"],
        row["description"],
        row["source_url"],
        row["imported_from"],
        json.loads(row["tags"]),
        observations,
        row["seq"],
        id=row["id"],
        added_by=row["added_by"],
    )


def observation_row(event_id: int, o: Observation) -> Row:
    return {
        "event_id": event_id,
        "lane": o.lane.value,
        "saw": o.saw,
        "aware_of_other": o.aware_of_other.value,
        "added_by": o.added_by,
    }


def observation_from(row: sqlite3.Row) -> Observation:
    return Observation(
        Lane(row["lane"]),
        row["saw"],
        row["aware_of_other"],
        id=row["id"],
        added_by=row["added_by"],
    )


def interval_row(session_id: int, s: SpeakingInterval) -> Row:
    return {
        "session_id": session_id,
        "holder": s.holder.value,
        "lane": s.lane.value if s.lane else None,
        "attendee_id": s.attendee_id,
        "started_at": iso(s.started_at),
        "ended_at": iso(s.ended_at),
        "seconds": s.seconds,
    }


def interval_from(row: sqlite3.Row) -> SpeakingInterval:
    started = datetime.fromisoformat(row["started_at"])
    return SpeakingInterval(
        row["holder"],
        started,
        from_iso(row["ended_at"]),
        lane_or_none(row["lane"]),
        row["attendee_id"],
        row["seconds"],
        id=row["id"],
    )


def factor_row(session_id: int, f: ContributingFactor, position: int) -> Row:
    return {
        "session_id": session_id,
        "position": position,
        "text": f.text,
        "owner": f.owner.value,
        "votes": f.votes,
        "event_ids": json.dumps(f.event_ids),
        "added_by": f.added_by,
    }


def factor_from(row: sqlite3.Row, dots: dict[int, int]) -> ContributingFactor:
    return ContributingFactor(
        row["text"],
        row["owner"],
        row["votes"],
        json.loads(row["event_ids"]),
        dots,
        id=row["id"],
        added_by=row["added_by"],
    )


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _flag_row(value: bool | None) -> int | None:
    return None if value is None else int(value)


def poll_answer_values(a: PollAnswer) -> tuple[int | None, int | None]:
    return (_flag_row(a.learned), _flag_row(a.again))


def poll_answer_from(row: sqlite3.Row) -> PollAnswer:
    return PollAnswer(_flag(row["learned"]), _flag(row["again"]))


def action_row(session_id: int, a: ActionItem, position: int) -> Row:
    return {
        "session_id": session_id,
        "position": position,
        "kind": a.kind.value,
        "description": a.description,
        "owner": a.owner,
        "lane": a.lane.value if a.lane else None,
        "lead": a.lead,
        "due": a.due.isoformat() if a.due else None,
        "test_of_done": a.test_of_done,
        "status": a.status.value,
        "ticket_url": a.ticket_url,
        "added_by": a.added_by,
    }


def action_from(row: sqlite3.Row, history: list[StatusChange]) -> ActionItem:
    due = date.fromisoformat(row["due"]) if row["due"] else None
    return ActionItem(
        row["kind"],
        row["description"],
        row["owner"],
        lane_or_none(row["lane"]),
        row["lead"],
        due,
        row["test_of_done"],
        row["status"],
        row["ticket_url"],
        history,
        id=row["id"],
        added_by=row["added_by"],
    )


def status_change_row(action_id: int, h: StatusChange) -> Row:
    return {"action_id": action_id, "status": h.status.value, "changed_at": iso(h.changed_at)}


def status_change_from(row: sqlite3.Row) -> StatusChange:
    return StatusChange(row["status"], datetime.fromisoformat(row["changed_at"]), id=row["id"])


def note_row(session_id: int, n: Note) -> Row:
    return {
        "session_id": session_id,
        "phase_key": n.phase_key,
        "event_id": n.event_id,
        "text": n.text,
    }


def note_from(row: sqlite3.Row) -> Note:
    return Note(row["text"], row["phase_key"], row["event_id"], id=row["id"])


def parked_row(session_id: int, p: ParkedIdea) -> Row:
    return {
        "session_id": session_id,
        "text": p.text,
        "event_id": p.event_id,
        "outcome": p.outcome.value,
        "action_id": p.action_id,
        "added_by": p.added_by,
    }


def parked_from(row: sqlite3.Row) -> ParkedIdea:
    return ParkedIdea(
        row["text"],
        row["event_id"],
        row["outcome"],
        row["action_id"],
        id=row["id"],
        added_by=row["added_by"],
    )


def link_row(session_id: int, link: EventLink) -> Row:
    return {
        "session_id": session_id,
        "source_event_id": link.source_id,
        "target_event_id": link.target_id,
        "note": link.note,
        "added_by": link.added_by,
    }


def link_from(row: sqlite3.Row) -> EventLink:
    return EventLink(
        row["source_event_id"],
        row["target_event_id"],
        row["note"],
        id=row["id"],
        added_by=row["added_by"],
    )


EVENT_COLUMNS = (
    "id",
    "session_id",
    "occurred_at",
    "occurred_utc",
    "seq",
    "lane",
    "actor",
    "description",
    "source_url",
    "imported_from",
    "tags",
)


def event_tuple(event_id: int, session_id: int, e: TimelineEvent) -> tuple[object, ...]:
    """The values of `EVENT_COLUMNS` for one prepared-statement insert (the bulk import)."""
    return (
        event_id,
        session_id,
        e.occurred_at.isoformat(),  # the same text as format_iso, a little faster
        utc_sort_key(e.occurred_at),
        e.seq,
        e.lane.value,
        e.actor,
        e.description,
        e.source_url,
        e.imported_from,
        json.dumps(e.tags) if e.tags else "[]",
    )
