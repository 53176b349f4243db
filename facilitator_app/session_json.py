"""The session JSON (`"format": "facilitator-session", "version": 1`): backup and hand-over.

Other tools read it, so a few keys are fixed by DESIGN.md §8 (`speaking.intervals`,
`speaking.totals_seconds`, `timeline`, `action_items`). Entities refer to each other by their
position in the file (`ref`), never by database ids, so a file imports into any database.
Reading is strict: the first bad value is reported with its JSON path as the field.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any, TypeVar

from facilitator_app import __version__
from facilitator_app.errors import UserError, ValidationError
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Attendee,
    Awareness,
    ClosingPoll,
    ContributingFactor,
    FactorOwner,
    HolderKind,
    Lane,
    Note,
    Observation,
    ParkedIdea,
    ParkedOutcome,
    Phase,
    Role,
    Session,
    SessionState,
    SpeakingInterval,
    StatusChange,
    Team,
    TimelineEvent,
)
from facilitator_app.speaking_totals import speaking_totals
from facilitator_app.timeutil import format_iso, format_utc, now_utc, parse_date, parse_iso

E = TypeVar("E", bound=StrEnum)
FORMAT = "facilitator-session"
VERSION = 1


def _iso(value: datetime | None) -> str | None:
    return None if value is None else format_iso(value)


def _offset_text(value: datetime) -> str:
    delta = value.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _lookup(table: dict[int, Any], key: int | None) -> Any:
    return None if key is None else table.get(key)


def session_to_dict(session: Session, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole session as plain JSON-ready data."""
    attendee_ref = {a.id: i for i, a in enumerate(session.attendees) if a.id is not None}
    events = session.sorted_events()
    event_ref = {e.id: i for i, e in enumerate(events) if e.id is not None}
    action_ref = {a.id: i for i, a in enumerate(session.actions) if a.id is not None}
    totals = speaking_totals(session.speaking, now)
    names = {a.id: a.name for a in session.attendees if a.id is not None}
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"postmortem-facilitator {__version__}",
        "exported_at": format_utc(now or now_utc()),
        "session": {
            "title": session.title,
            "incident_start": _iso(session.incident_start),
            "incident_end": _iso(session.incident_end),
            "severity": session.severity,
            "impact_summary": session.impact_summary,
            "scheduled_start": _iso(session.scheduled_start),
            "pre_read_sent_at": _iso(session.pre_read_sent_at),
            "timebox_minutes": session.timebox_minutes,
            "state": session.state.value,
            "framing_question": session.framing_question,
        },
        "teams": {t.lane.value: {"name": t.name, "colour": t.colour} for t in session.teams},
        "attendees": [
            {
                "ref": i,
                "name": a.name,
                "team": a.lane.value if a.lane else None,
                "role": a.role.value,
                "present": a.present,
                "remote": a.remote,
            }
            for i, a in enumerate(session.attendees)
        ],
        "phases": [
            {
                "key": p.key,
                "title": p.title,
                "planned_minutes": p.planned_minutes,
                "started_at": _iso(p.started_at),
                "ended_at": _iso(p.ended_at),
            }
            for p in session.phases
        ],
        "timeline": [
            {
                "ref": i,
                "timestamp": format_utc(e.occurred_at),
                "original_offset": _offset_text(e.occurred_at),
                "team": e.lane.value,
                "actor": e.actor,
                "event": e.description,
                "source_url": e.source_url,
                "imported_from": e.imported_from,
                "tags": list(e.tags),
                "observations": {
                    lane.value: {
                        "saw": obs.saw,
                        "aware_of_other_team": obs.aware_of_other.value,
                    }
                    for lane, obs in sorted(e.observations.items())
                },
            }
            for i, e in enumerate(events)
        ],
        "speaking": {
            "intervals": [
                {
                    "holder": s.holder.value,
                    "team": s.lane.value if s.lane else None,
                    "attendee": _lookup(attendee_ref, s.attendee_id),
                    "attendee_name": _lookup(names, s.attendee_id),
                    "start": format_utc(s.started_at),
                    "end": format_utc(s.ended_at) if s.ended_at else None,
                    "seconds": s.seconds,
                }
                for s in session.speaking
            ],
            "totals_seconds": {
                "team_a": round(totals.team_a, 3),
                "team_b": round(totals.team_b, 3),
                "facilitator": round(totals.facilitator, 3),
                "crosstalk": round(totals.crosstalk, 3),
                "nobody": round(totals.nobody, 3),
                "by_attendee": {
                    names.get(k, str(k)): round(v, 3) for k, v in totals.by_attendee.items()
                },
            },
        },
        "factors": [
            {
                "text": f.text,
                "owner": f.owner.value,
                "votes": f.votes,
                "events": [event_ref[e] for e in f.event_ids if e in event_ref],
            }
            for f in session.factors
        ],
        "action_items": [
            {
                "kind": a.kind.value,
                "description": a.description,
                "owner": a.owner,
                "team": a.lane.value if a.lane else None,
                "lead": a.lead,
                "due": a.due.isoformat() if a.due else None,
                "test": a.test_of_done,
                "status": a.status.value,
                "ticket_url": a.ticket_url,
                "history": [
                    {"status": h.status.value, "at": format_utc(h.changed_at)} for h in a.history
                ],
            }
            for a in session.actions
        ],
        "notes": [
            {"text": n.text, "phase": n.phase_key, "event": _lookup(event_ref, n.event_id)}
            for n in session.notes
        ],
        "parking_lot": [
            {
                "text": p.text,
                "event": _lookup(event_ref, p.event_id),
                "outcome": p.outcome.value,
                "action": _lookup(action_ref, p.action_id),
            }
            for p in session.parked
        ],
        "closing_poll": {
            "learned_yes": session.poll.learned_yes,
            "learned_no": session.poll.learned_no,
            "again_yes": session.poll.again_yes,
            "again_no": session.poll.again_no,
        },
    }


def dumps(session: Session, *, now: datetime | None = None) -> str:
    return json.dumps(session_to_dict(session, now=now), indent=2, ensure_ascii=False) + "\n"


class _Reader:
    """Walks the parsed JSON, naming the JSON path of whatever is wrong."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, path: str, reason: str) -> UserError:
        return UserError(reason, file=self.file, field=path)

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be an object")
        return value

    def lst(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, "must be a list")
        return value

    def text(self, data: dict[str, Any], key: str, path: str, default: str = "") -> str:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", "must be text")
        return value

    def time(self, data: dict[str, Any], key: str, path: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", "must be an ISO 8601 time")
        try:
            return parse_iso(value, f"{path}.{key}")
        except ValidationError as exc:
            raise self.fail(f"{path}.{key}", exc.reason) from None

    def enum(self, kind: type[E], value: Any, path: str) -> E:
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise self.fail(path, f"{value!r} is not one of: {allowed}") from None

    def lane(self, value: Any, path: str) -> Lane | None:
        return None if value is None else self.enum(Lane, value, path)

    def ref(self, value: Any, size: int, path: str) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < size:
            raise self.fail(path, f"refers to no entry (0..{size - 1})")
        return value


def _with_offset(utc_value: datetime, offset: str | None) -> datetime:
    if not offset:
        return utc_value
    sign = -1 if offset.startswith("-") else 1
    hours, _, minutes = offset.lstrip("+-").partition(":")
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0)) * sign
    return utc_value.astimezone(timezone(delta))


def session_from_dict(data: Any, *, file: str = "session JSON") -> Session:
    """Build a Session (without ids) from the JSON data, or raise UserError naming the path.

    The returned entities cross-reference each other through temporary negative ids
    (`-1 - position`), which storage replaces by real ids when it inserts the session.
    """
    r = _Reader(file)
    root = r.obj(data, "$")
    if root.get("format") != FORMAT:
        raise r.fail("format", f"is not {FORMAT!r}")
    if root.get("version") != VERSION:
        raise r.fail("version", f"version {root.get('version')!r} is not supported (1)")
    try:
        return _build(r, root)
    except ValidationError as exc:
        raise UserError(exc.reason, file=file, field=exc.field) from None
    except (TypeError, ValueError) as exc:
        raise UserError(f"malformed value: {exc}", file=file) from None


def _build(r: _Reader, root: dict[str, Any]) -> Session:
    meta = r.obj(root.get("session"), "session")
    teams_data = r.obj(root.get("teams"), "teams")
    teams = []
    for lane in (Lane.A, Lane.B):
        t = r.obj(teams_data.get(lane.value), f"teams.{lane.value}")
        teams.append(Team(lane, r.text(t, "name", f"teams.{lane.value}"), t.get("colour") or ""))

    attendees = []
    for i, a in enumerate(r.lst(root.get("attendees"), "attendees")):
        a = r.obj(a, f"attendees[{i}]")
        attendees.append(
            Attendee(
                name=r.text(a, "name", f"attendees[{i}]"),
                role=r.enum(Role, a.get("role", "other"), f"attendees[{i}].role"),
                lane=r.lane(a.get("team"), f"attendees[{i}].team"),
                present=bool(a.get("present", True)),
                remote=bool(a.get("remote", False)),
                id=-1 - i,
            )
        )

    phases = []
    for i, p in enumerate(r.lst(root.get("phases"), "phases")):
        p = r.obj(p, f"phases[{i}]")
        phases.append(
            Phase(
                key=r.text(p, "key", f"phases[{i}]"),
                title=r.text(p, "title", f"phases[{i}]"),
                planned_minutes=float(p.get("planned_minutes", 0)),
                started_at=r.time(p, "started_at", f"phases[{i}]"),
                ended_at=r.time(p, "ended_at", f"phases[{i}]"),
            )
        )

    events = []
    timeline = r.lst(root.get("timeline"), "timeline")
    for i, e in enumerate(timeline):
        path = f"timeline[{i}]"
        e = r.obj(e, path)
        stamp = r.time(e, "timestamp", path)
        if stamp is None:
            raise r.fail(f"{path}.timestamp", "is missing")
        observations = {}
        for lane_key, o in r.obj(e.get("observations") or {}, f"{path}.observations").items():
            o = r.obj(o, f"{path}.observations.{lane_key}")
            lane = r.enum(Lane, lane_key, f"{path}.observations")
            observations[lane] = Observation(
                lane,
                r.text(o, "saw", path),
                r.enum(
                    Awareness,
                    o.get("aware_of_other_team", "unknown"),
                    f"{path}.observations.{lane_key}.aware_of_other_team",
                ),
            )
        events.append(
            TimelineEvent(
                occurred_at=_with_offset(stamp, e.get("original_offset")),
                lane=r.enum(Lane, e.get("team"), f"{path}.team"),
                actor=r.text(e, "actor", path),
                description=r.text(e, "event", path),
                source_url=r.text(e, "source_url", path),
                imported_from=r.text(e, "imported_from", path),
                tags=[str(t) for t in r.lst(e.get("tags"), f"{path}.tags")],
                observations=observations,
                seq=i,
                id=-1 - i,
            )
        )

    speaking_data = r.obj(root.get("speaking") or {}, "speaking")
    speaking = []
    for i, s in enumerate(r.lst(speaking_data.get("intervals"), "speaking.intervals")):
        path = f"speaking.intervals[{i}]"
        s = r.obj(s, path)
        start = r.time(s, "start", path)
        if start is None:
            raise r.fail(f"{path}.start", "is missing")
        attendee = r.ref(s.get("attendee"), len(attendees), f"{path}.attendee")
        seconds = s.get("seconds")
        speaking.append(
            SpeakingInterval(
                holder=r.enum(HolderKind, s.get("holder"), f"{path}.holder"),
                started_at=start,
                ended_at=r.time(s, "end", path),
                lane=r.lane(s.get("team"), f"{path}.team"),
                attendee_id=None if attendee is None else -1 - attendee,
                seconds=None if seconds is None else float(seconds),
            )
        )

    factors = []
    for i, f in enumerate(r.lst(root.get("factors"), "factors")):
        path = f"factors[{i}]"
        f = r.obj(f, path)
        refs = [r.ref(x, len(events), f"{path}.events") for x in r.lst(f.get("events"), path)]
        factors.append(
            ContributingFactor(
                text=r.text(f, "text", path),
                owner=r.enum(FactorOwner, f.get("owner"), f"{path}.owner"),
                votes=int(f.get("votes", 0)),
                event_ids=[-1 - x for x in refs if x is not None],
            )
        )

    actions = []
    for i, a in enumerate(r.lst(root.get("action_items"), "action_items")):
        path = f"action_items[{i}]"
        a = r.obj(a, path)
        history = []
        for j, h in enumerate(r.lst(a.get("history"), f"{path}.history")):
            h = r.obj(h, f"{path}.history[{j}]")
            at = r.time(h, "at", f"{path}.history[{j}]")
            if at is None:
                raise r.fail(f"{path}.history[{j}].at", "is missing")
            status = r.enum(ActionStatus, h.get("status"), f"{path}.history[{j}].status")
            history.append(StatusChange(status, at))
        due = a.get("due")
        actions.append(
            ActionItem(
                kind=r.enum(ActionKind, a.get("kind"), f"{path}.kind"),
                description=r.text(a, "description", path),
                owner=r.text(a, "owner", path),
                lane=r.lane(a.get("team"), f"{path}.team"),
                lead=r.text(a, "lead", path),
                due=parse_date(due, f"{path}.due") if due else None,
                test_of_done=r.text(a, "test", path),
                status=r.enum(ActionStatus, a.get("status", "open"), f"{path}.status"),
                ticket_url=r.text(a, "ticket_url", path),
                history=history,
                id=-1 - i,
            )
        )

    notes = []
    for i, n in enumerate(r.lst(root.get("notes"), "notes")):
        n = r.obj(n, f"notes[{i}]")
        ref = r.ref(n.get("event"), len(events), f"notes[{i}].event")
        notes.append(
            Note(
                text=r.text(n, "text", f"notes[{i}]"),
                phase_key=n.get("phase"),
                event_id=None if ref is None else -1 - ref,
            )
        )

    parked = []
    for i, p in enumerate(r.lst(root.get("parking_lot"), "parking_lot")):
        path = f"parking_lot[{i}]"
        p = r.obj(p, path)
        ev = r.ref(p.get("event"), len(events), f"{path}.event")
        act = r.ref(p.get("action"), len(actions), f"{path}.action")
        parked.append(
            ParkedIdea(
                text=r.text(p, "text", path),
                event_id=None if ev is None else -1 - ev,
                outcome=r.enum(ParkedOutcome, p.get("outcome", "parked"), f"{path}.outcome"),
                action_id=None if act is None else -1 - act,
            )
        )

    poll_data = r.obj(root.get("closing_poll") or {}, "closing_poll")
    poll = ClosingPoll(**{k: int(poll_data.get(k, 0)) for k in ClosingPoll.__dataclass_fields__})

    timebox = meta.get("timebox_minutes", 75)
    if not isinstance(timebox, int) or isinstance(timebox, bool):
        raise r.fail("session.timebox_minutes", "must be a whole number of minutes")
    return Session(
        title=r.text(meta, "title", "session"),
        teams=(teams[0], teams[1]),
        incident_start=r.time(meta, "incident_start", "session"),
        incident_end=r.time(meta, "incident_end", "session"),
        severity=r.text(meta, "severity", "session", "SEV2"),
        impact_summary=r.text(meta, "impact_summary", "session"),
        scheduled_start=r.time(meta, "scheduled_start", "session"),
        pre_read_sent_at=r.time(meta, "pre_read_sent_at", "session"),
        timebox_minutes=timebox,
        state=r.enum(SessionState, meta.get("state", "draft"), "session.state"),
        framing_question=r.text(meta, "framing_question", "session")
        or "How did our two systems combine to cause this?",
        attendees=attendees,
        phases=phases,
        events=events,
        speaking=speaking,
        factors=factors,
        actions=actions,
        notes=notes,
        parked=parked,
        poll=poll,
    )


def loads(text: str, *, file: str = "session JSON") -> Session:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"not valid JSON: {exc.msg}", file=file, line=exc.lineno) from None
    return session_from_dict(data, file=file)
