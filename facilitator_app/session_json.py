# Over 500 lines on purpose: the whole interchange format, writer and reader side by side.
"""The session JSON (`"format": "facilitator-session", "version": 1`): backup and hand-over.

Other tools read it, so a few keys are fixed by DESIGN.md §8 (`speaking.intervals`,
`speaking.totals_seconds`, `timeline`, `action_items`). Entities refer to each other by their
position in the file (`ref`), never by database ids, so a file imports into any database.
Reading is strict: the first bad value is reported with its JSON path as the field.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, BinaryIO

from facilitator_app import __version__
from facilitator_app.errors import UserError, ValidationError
from facilitator_app.input_files import decode_utf8, read_input
from facilitator_app.json_reader import JsonReader, parse_json
from facilitator_app.model import (
    DEFAULT_DOTS,
    DEFAULT_FRAMING_QUESTION,
    POLL_COUNTS,
    ActionItem,
    ActionKind,
    ActionStatus,
    Attendee,
    Awareness,
    ClosingPoll,
    ContributingFactor,
    EventLink,
    FactorOwner,
    HolderKind,
    Lane,
    Note,
    Observation,
    ParkedIdea,
    ParkedOutcome,
    Phase,
    PollAnswer,
    Role,
    Session,
    SessionState,
    SpeakingInterval,
    StatusChange,
    Team,
    TimelineEvent,
    canonical_uuid,
    validate_teams,
)
from facilitator_app.speaking_totals import speaking_totals
from facilitator_app.timeutil import format_iso, format_utc, now_utc, parse_date

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


def _added_by(entity: Any) -> dict[str, str]:
    """Who proposed it from the room, only when someone did: files of sessions without the
    room's contributions stay exactly as they were."""
    return {"added_by": entity.added_by} if entity.added_by else {}


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
            "uuid": session.uuid,
            "revised_at": _iso(session.revised_at),
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
        "voting": {
            "dots_per_attendee": session.dots_per_attendee,
            "equal_team_weighting": session.equal_team_weighting,
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
                        **_added_by(obs),
                    }
                    for lane, obs in sorted(e.observations.items())
                },
                **_added_by(e),
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
                "votes_by_attendee": [
                    {"attendee": attendee_ref[a], "name": names.get(a), "dots": n}
                    for a, n in f.dots.items()
                    if a in attendee_ref
                ],
                "events": [event_ref[e] for e in f.event_ids if e in event_ref],
                **_added_by(f),
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
                **_added_by(a),
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
                **_added_by(p),
            }
            for p in session.parked
        ],
        "links": [
            {
                "from": event_ref[k.source_id],
                "to": event_ref[k.target_id],
                "note": k.note,
                **_added_by(k),
            }
            for k in session.links
            if k.source_id in event_ref and k.target_id in event_ref
        ],
        "closing_poll": {
            "learned_yes": session.poll.learned_yes,
            "learned_no": session.poll.learned_no,
            "again_yes": session.poll.again_yes,
            "again_no": session.poll.again_no,
            "by_attendee": [
                {
                    "attendee": attendee_ref[a],
                    "name": names.get(a),
                    "learned": answer.learned,
                    "again": answer.again,
                }
                for a, answer in session.poll.answers.items()
                if a in attendee_ref
            ],
        },
    }


def dumps(session: Session, *, now: datetime | None = None) -> str:
    return json.dumps(session_to_dict(session, now=now), indent=2, ensure_ascii=False) + "\n"


def _with_offset(utc_value: datetime, offset: str | None) -> datetime:
    if not offset:
        return utc_value
    sign = -1 if offset.startswith("-") else 1
    hours, _, minutes = offset.lstrip("+-").partition(":")
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0)) * sign
    try:
        return utc_value.astimezone(timezone(delta))
    except OverflowError:  # year 1 or 9999 shifted past the calendar's end
        raise ValidationError("is out of range", field="timestamp") from None


def session_from_dict(data: Any, *, file: str = "session JSON") -> Session:
    """Build a Session (without ids) from the JSON data, or raise UserError naming the path.

    The returned entities cross-reference each other through temporary negative ids
    (`-1 - position`), which storage replaces by real ids when it inserts the session.
    """
    r = JsonReader(file)
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


def _build(r: JsonReader, root: dict[str, Any]) -> Session:
    meta = r.obj(root.get("session"), "session")
    teams_data = r.obj(root.get("teams"), "teams")
    teams = []
    for lane in (Lane.A, Lane.B):
        path = f"teams.{lane.value}"
        t = r.obj(teams_data.get(lane.value), path)
        with r.entity(path):
            teams.append(Team(lane, r.text(t, "name", path), r.text(t, "colour", path)))
    with r.entity("teams", whole=True):
        validate_teams(teams)

    attendees = []
    for i, a in enumerate(r.lst(root.get("attendees"), "attendees")):
        path = f"attendees[{i}]"
        a = r.obj(a, path)
        with r.entity(path):
            attendees.append(
                Attendee(
                    name=r.text(a, "name", path),
                    role=r.enum(Role, a.get("role", "other"), f"{path}.role"),
                    lane=r.lane(a.get("team"), f"{path}.team"),
                    present=r.boolean(a, "present", path, True),
                    remote=r.boolean(a, "remote", path, False),
                    id=-1 - i,
                )
            )

    phases = []
    for i, p in enumerate(r.lst(root.get("phases"), "phases")):
        path = f"phases[{i}]"
        p = r.obj(p, path)
        with r.entity(path):
            phases.append(
                Phase(
                    key=r.text(p, "key", path),
                    title=r.text(p, "title", path),
                    planned_minutes=r.number(p, "planned_minutes", path, 0.0),
                    started_at=r.time(p, "started_at", path),
                    ended_at=r.time(p, "ended_at", path),
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
            obs_path = f"{path}.observations.{lane_key}"
            o = r.obj(o, obs_path)
            lane = r.enum(Lane, lane_key, f"{path}.observations")
            with r.entity(obs_path):
                observations[lane] = Observation(
                    lane,
                    r.text(o, "saw", obs_path),
                    r.enum(
                        Awareness,
                        o.get("aware_of_other_team", "unknown"),
                        f"{obs_path}.aware_of_other_team",
                    ),
                    added_by=r.text(o, "added_by", obs_path),
                )
        tags = r.lst(e.get("tags"), f"{path}.tags")
        for j, tag in enumerate(tags):
            if not isinstance(tag, str):
                raise r.fail(f"{path}.tags[{j}]", "must be text")
        with r.entity(path):
            events.append(
                TimelineEvent(
                    occurred_at=_with_offset(stamp, r.offset(e, "original_offset", path)),
                    lane=r.enum(Lane, e.get("team"), f"{path}.team"),
                    actor=r.text(e, "actor", path),
                    description=r.text(e, "event", path),
                    source_url=r.text(e, "source_url", path),
                    imported_from=r.text(e, "imported_from", path),
                    tags=list(tags),
                    observations=observations,
                    seq=i,
                    id=-1 - i,
                    added_by=r.text(e, "added_by", path),
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
        seconds = None if s.get("seconds") is None else r.number(s, "seconds", path, 0.0)
        with r.entity(path):
            speaking.append(
                SpeakingInterval(
                    holder=r.enum(HolderKind, s.get("holder"), f"{path}.holder"),
                    started_at=start,
                    ended_at=r.time(s, "end", path),
                    lane=r.lane(s.get("team"), f"{path}.team"),
                    attendee_id=None if attendee is None else -1 - attendee,
                    seconds=seconds,
                )
            )

    factors = []
    for i, f in enumerate(r.lst(root.get("factors"), "factors")):
        path = f"factors[{i}]"
        f = r.obj(f, path)
        refs = [
            r.ref(x, len(events), f"{path}.events[{j}]")
            for j, x in enumerate(r.lst(f.get("events"), f"{path}.events"))
        ]
        dots: dict[int, int] = {}
        for j, v in enumerate(r.lst(f.get("votes_by_attendee"), f"{path}.votes_by_attendee")):
            vpath = f"{path}.votes_by_attendee[{j}]"
            v = r.obj(v, vpath)
            who = r.ref(v.get("attendee"), len(attendees), f"{vpath}.attendee")
            if who is None:
                raise r.fail(f"{vpath}.attendee", "is missing")
            dots[-1 - who] = dots.get(-1 - who, 0) + r.integer(v, "dots", vpath)
        with r.entity(path):
            factors.append(
                ContributingFactor(
                    text=r.text(f, "text", path),
                    owner=r.enum(FactorOwner, f.get("owner"), f"{path}.owner"),
                    votes=r.integer(f, "votes", path, sum(dots.values())),
                    event_ids=[-1 - x for x in refs if x is not None],
                    dots=dots,
                    added_by=r.text(f, "added_by", path),
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
        due = r.text(a, "due", path)
        with r.entity(path):
            actions.append(
                ActionItem(
                    kind=r.enum(ActionKind, a.get("kind"), f"{path}.kind"),
                    description=r.text(a, "description", path),
                    owner=r.text(a, "owner", path),
                    lane=r.lane(a.get("team"), f"{path}.team"),
                    lead=r.text(a, "lead", path),
                    due=parse_date(due, "due") if due else None,
                    test_of_done=r.text(a, "test", path),
                    status=r.enum(ActionStatus, a.get("status", "open"), f"{path}.status"),
                    ticket_url=r.text(a, "ticket_url", path),
                    history=history,
                    id=-1 - i,
                    added_by=r.text(a, "added_by", path),
                )
            )

    notes = []
    for i, n in enumerate(r.lst(root.get("notes"), "notes")):
        path = f"notes[{i}]"
        n = r.obj(n, path)
        ref = r.ref(n.get("event"), len(events), f"{path}.event")
        with r.entity(path):
            notes.append(
                Note(
                    text=r.text(n, "text", path),
                    phase_key=r.text(n, "phase", path) or None,
                    event_id=None if ref is None else -1 - ref,
                )
            )

    parked = []
    for i, p in enumerate(r.lst(root.get("parking_lot"), "parking_lot")):
        path = f"parking_lot[{i}]"
        p = r.obj(p, path)
        ev = r.ref(p.get("event"), len(events), f"{path}.event")
        act = r.ref(p.get("action"), len(actions), f"{path}.action")
        with r.entity(path):
            parked.append(
                ParkedIdea(
                    text=r.text(p, "text", path),
                    event_id=None if ev is None else -1 - ev,
                    outcome=r.enum(ParkedOutcome, p.get("outcome", "parked"), f"{path}.outcome"),
                    action_id=None if act is None else -1 - act,
                    added_by=r.text(p, "added_by", path),
                )
            )

    links = []
    for i, k in enumerate(r.lst(root.get("links"), "links")):
        path = f"links[{i}]"
        k = r.obj(k, path)
        source = r.ref(k.get("from"), len(events), f"{path}.from")
        target = r.ref(k.get("to"), len(events), f"{path}.to")
        if source is None or target is None:
            raise r.fail(path, "needs both 'from' and 'to'")
        with r.entity(path, whole=True):
            links.append(
                EventLink(
                    -1 - source,
                    -1 - target,
                    r.text(k, "note", path),
                    added_by=r.text(k, "added_by", path),
                )
            )

    poll_data = r.obj(root.get("closing_poll") or {}, "closing_poll")
    answers: dict[int, PollAnswer] = {}
    for j, a in enumerate(r.lst(poll_data.get("by_attendee"), "closing_poll.by_attendee")):
        apath = f"closing_poll.by_attendee[{j}]"
        a = r.obj(a, apath)
        who = r.ref(a.get("attendee"), len(attendees), f"{apath}.attendee")
        if who is None:
            raise r.fail(f"{apath}.attendee", "is missing")
        answers[-1 - who] = PollAnswer(
            r.optional_boolean(a, "learned", apath), r.optional_boolean(a, "again", apath)
        )
    counts = {k: r.integer(poll_data, k, "closing_poll") for k in POLL_COUNTS}
    with r.entity("closing_poll"):
        poll = ClosingPoll(**counts, answers=answers)
    voting = r.obj(root.get("voting") or {}, "voting")
    dots_per_attendee = r.integer(voting, "dots_per_attendee", "voting", DEFAULT_DOTS)
    equal_teams = r.boolean(voting, "equal_team_weighting", "voting", False)

    timebox = r.integer(meta, "timebox_minutes", "session", 75)
    identity = r.text(meta, "uuid", "session")
    with r.entity("session"):
        extra: dict[str, Any] = (
            {"uuid": canonical_uuid(identity, "session.uuid")} if identity else {}
        )
        return Session(
            **extra,
            revised_at=r.time(meta, "revised_at", "session"),
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
            or DEFAULT_FRAMING_QUESTION,
            attendees=attendees,
            phases=phases,
            events=events,
            speaking=speaking,
            factors=factors,
            actions=actions,
            notes=notes,
            parked=parked,
            poll=poll,
            dots_per_attendee=dots_per_attendee,
            equal_team_weighting=equal_teams,
            links=links,
        )


def loads(text: str, *, file: str = "session JSON") -> Session:
    return session_from_dict(parse_json(text, file=file), file=file)


def load_file(path: Path | str, *, stdin: BinaryIO | None = None) -> Session:
    """A session JSON file (or standard input for `-`), read within the input cap."""
    name = "<stdin>" if str(path) == "-" else str(path)
    return loads(decode_utf8(read_input(path, stdin=stdin), name), file=name)
