"""What the devices see: the room's public state (the same for every device) and each device's
own state, as plain JSON-ready dicts. Counts only: never who voted how."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from facilitator_app import voting
from facilitator_app.factors import owner_label
from facilitator_app.model import Awareness, ParkedOutcome, TimelineEvent
from facilitator_app.room.participants import Participant, joinable
from facilitator_app.room.proposals import ProposalKind, ProposalStatus
from facilitator_app.room.rules import allowed_kinds

if TYPE_CHECKING:
    from facilitator_app.room.state import RoomState as Room

MAX_EVENTS_SENT = 500
MAX_ADDITIONS_SENT = 40
AWARE_LABELS = {Awareness.YES: "yes", Awareness.NO: "no", Awareness.UNKNOWN: "not sure"}


@dataclass(frozen=True)
class RoomCounts:
    """What the shared screen may show: numbers, never names."""

    joined: int
    expected: int  # present team members, plus guests waiting to be added
    votes_in: int  # voters who have cast at least one dot
    voters: int
    ready: int  # devices that answered the current "ready?" check
    asked: int  # devices asked (joined when it was sent)
    pending: int  # proposals waiting in the console's queue (hidden ones not counted)
    hidden: int  # factors written privately, not revealed yet

    def as_json(self) -> dict[str, int]:
        return dict(self.__dict__)


def counts(room: Room) -> RoomCounts:
    session = room.workspace.session
    statuses = voting.voter_statuses(session)
    guests = sum(1 for p in room.participants if p.attendee_id is None)
    ready = sum(1 for p in room.participants if room.ready_id and p.ready_for == room.ready_id)
    return RoomCounts(
        joined=len(room.participants),
        expected=len(statuses) + guests,
        votes_in=sum(1 for s in statuses if s.has_voted),
        voters=len(statuses),
        ready=ready,
        asked=len(room.participants) if room.ready_id else 0,
        pending=len(room.queue.pending()),
        hidden=sum(1 for p in room.queue.pending(include_hidden=True) if p.hidden),
    )


def _time_label(event: TimelineEvent, zone: str) -> str:
    return event.occurred_at.astimezone(ZoneInfo(zone)).strftime("%H:%M:%S")


def _event_json(room: Room, event: TimelineEvent, *, full: bool) -> dict[str, Any]:
    session = room.workspace.session
    data: dict[str, Any] = {
        "id": event.id,
        "time": _time_label(event, room.workspace.display_zone),
        "date": event.occurred_at.astimezone(ZoneInfo(room.workspace.display_zone))
        .date()
        .isoformat(),
        "lane": event.lane.value,
        "team": session.team(event.lane).name,
        "description": event.description,
    }
    if full:
        data["actor"] = event.actor
        data["source_url"] = event.source_url
        data["observations"] = {
            lane.value: {"saw": o.saw, "aware": AWARE_LABELS[o.aware_of_other]}
            for lane, o in event.observations.items()
        }
    return data


def public_state(room: Room) -> dict[str, Any]:
    workspace = room.workspace
    session = workspace.session
    status = workspace.meeting.status()
    phase = status.current_phase
    current = next((e for e in session.events if e.id == workspace.current_event_id), None)
    accepted = [
        p
        for p in room.queue.items
        if p.status is ProposalStatus.ACCEPTED and p.kind not in _PRIVATE_KINDS
    ]
    visible_factors = [
        p
        for p in room.queue.items
        if p.kind is ProposalKind.FACTOR
        and not p.hidden
        and p.status is not ProposalStatus.DISMISSED
    ]
    return {
        "type": "state",
        "title": session.title,
        "teams": [
            {"lane": t.lane.value, "name": t.name, "colour": t.colour} for t in session.teams
        ],
        "phase": None
        if phase is None
        else {"key": phase.key, "title": phase.title, "index": status.phase_index},
        "phases": [{"key": p.key, "title": p.title} for p in status.phases],
        "clock": status.clock.value,
        "phase_left": None if status.phase is None else status.phase.budget - status.phase.spent,
        "phase_amber_at": None
        if status.phase is None
        else workspace.meeting.settings.thresholds.amber_at(status.phase.budget),
        "framing_question": session.framing_question,
        "event": None if current is None else _event_json(room, current, full=True),
        "events": [
            _event_json(room, e, full=False) for e in session.sorted_events()[:MAX_EVENTS_SENT]
        ],
        "factors": [
            {
                "id": f.id,
                "text": f.text,
                "owner": f.owner.value,
                "owner_label": owner_label(session, f.owner),
            }
            for f in session.factors
        ],
        "parked": [p.text for p in session.parked if p.outcome is ParkedOutcome.PARKED][-30:],
        "additions": [
            {
                "kind": p.kind.value,
                "summary": p.summary,
                "author": p.author,
                "team": session.team(p.lane).name,
            }
            for p in accepted[-MAX_ADDITIONS_SENT:]
        ],
        "room_factors": [
            {
                "text": p.values["text"],
                "owner_label": owner_label(session, _owner(p.values["owner"])),
            }
            for p in visible_factors[-60:]
        ],
        "dots": session.dots_per_attendee,
        "voting_open": room.voting_open,
        "private_factors": room.private_factors,
        "ready": None
        if not room.ready_id
        else {"id": room.ready_id, "question": room.ready_question},
        "counts": counts(room).as_json(),
    }


_PRIVATE_KINDS = (ProposalKind.VOTES, ProposalKind.POLL, ProposalKind.GUEST)


def _owner(value: str):  # type: ignore[no-untyped-def]
    from facilitator_app.model import FactorOwner

    return FactorOwner(value)


def device_state(room: Room, participant: Participant) -> dict[str, Any]:
    session = room.workspace.session
    phase = room.phase_key()
    if participant.attendee_id is not None and room.count_directly:
        mine = {
            f.id: f.dots[participant.attendee_id]
            for f in session.factors
            if f.dots.get(participant.attendee_id)
        }
    else:
        held = room.queue.held(ProposalKind.VOTES, participant.token)
        mine = dict(held.values["dots"]) if held else {}
    answered = (
        participant.attendee_id is not None and participant.attendee_id in session.poll.answers
    ) or room.queue.held(ProposalKind.POLL, participant.token) is not None
    own = [
        p.as_json(team_name=session.team(p.lane).name)
        for p in room.queue.of_device(participant.token)
        if p.kind not in (ProposalKind.VOTES, ProposalKind.POLL)
    ]
    return {
        "type": "you",
        "name": participant.name,
        "lane": participant.lane.value,
        "team": session.team(participant.lane).name,
        "guest": participant.guest,
        "counted": participant.attendee_id is not None,
        "dots": {str(k): v for k, v in mine.items()},
        "dots_left": max(0, session.dots_per_attendee - sum(mine.values())),
        "poll_answered": answered,
        "ready_answered": bool(room.ready_id) and participant.ready_for == room.ready_id,
        "may": [k.value for k in allowed_kinds(phase)],
        "proposals": own[-50:],
    }


def roster_json(room: Room) -> dict[str, Any]:
    """What the join page lists once the code is right: names by team."""
    session = room.workspace.session
    return {
        "title": session.title,
        "teams": [{"lane": t.lane.value, "name": t.name} for t in session.teams],
        "roster": [
            {"id": a.id, "name": a.name, "lane": a.lane.value if a.lane else None}
            for a in joinable(session)
        ],
    }


KIND_LABELS = {
    ProposalKind.OBSERVATION: "Observation",
    ProposalKind.EVENT: "Missing event",
    ProposalKind.LINK: "Led to",
    ProposalKind.FACTOR: "Factor",
    ProposalKind.PARKED: "Parked idea",
    ProposalKind.ACTION: "Action item",
    ProposalKind.GUEST: "Guest",
    ProposalKind.VOTES: "Dots",
    ProposalKind.POLL: "Poll answers",
}


@dataclass(frozen=True)
class QueueRow:
    """One line of the console's proposals queue, worded here so the widget only draws it."""

    proposal_id: int
    kind: str  # "Observation", "Factor", ...
    author: str  # "Amara Diallo (Payments)", "Sam (Edge, guest)"
    summary: str
    notes: str  # "2 blame phrases · vague", or ""


def queue_rows(room: Room) -> list[QueueRow]:
    session = room.workspace.session
    rows = []
    for p in room.pending():
        team = session.team(p.lane).name
        notes = []
        if p.blame_findings:
            notes.append(f"{p.blame_findings} blame phrase{'s' if p.blame_findings > 1 else ''}")
        if p.verdict:
            notes.append(p.verdict)
        rows.append(
            QueueRow(
                p.id,
                KIND_LABELS[p.kind],
                f"{p.author} ({team}, guest)" if p.guest else f"{p.author} ({team})",
                p.summary,
                " · ".join(notes),
            )
        )
    return rows


def shared_screen_counts(counts: RoomCounts, phase_key: str | None) -> str:
    """The line the shared screen shows: numbers only, never names."""
    parts = [f"{counts.joined} of {counts.expected} joined"]
    if phase_key == "factors":
        parts.append(f"votes in: {counts.votes_in} of {counts.voters}")
    if counts.asked:
        parts.append(f"ready: {counts.ready} of {counts.asked}")
    if counts.hidden:
        parts.append(f"{counts.hidden} written privately")
    return " · ".join(parts)
