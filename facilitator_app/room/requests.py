"""A device's requests, one function each: checks before sending, proposals, dots, the poll.

They run on the room's owner thread (called from `Room.handle`); a UserError they raise is
logged as a refusal by the caller and returned to the device.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import facilitator_app.room.accept as accept
import facilitator_app.room.rules as rules
from facilitator_app import closing_poll
from facilitator_app.errors import UserError
from facilitator_app.language import BlameChecker, current_guide
from facilitator_app.room.participants import Participant
from facilitator_app.room.proposals import ProposalKind

if TYPE_CHECKING:
    from facilitator_app.room.state import RoomState as Room


def dispatch(room: Room, participant: Participant, message: Mapping[str, Any]) -> dict[str, Any]:
    kind = message.get("type")
    room._too_long(message)
    if kind == "check":
        return {"ok": True, **checks(room, participant, message)}
    if kind == "ready":
        if not room.ready_id or message.get("id") != room.ready_id:
            raise UserError("there is no such ready check", field="id")
        participant.ready_for = room.ready_id
        room._changed()
        return {"ok": True}
    if kind == "votes":
        return votes(room, participant, message)
    if kind == "poll":
        return poll(room, participant, message)
    try:
        proposal_kind = ProposalKind(str(kind))
    except ValueError:
        raise UserError(f"unknown request {str(kind)[:40]!r}", field="type") from None
    if proposal_kind in (ProposalKind.GUEST, ProposalKind.VOTES, ProposalKind.POLL):
        raise UserError("not something a device proposes", field="type")
    return propose(room, participant, proposal_kind, message)


def build_checker(team_names: list[str]) -> BlameChecker:
    """Thread-safe to call: it reads the guide and compiles patterns, touching no room state."""
    return BlameChecker.for_teams(current_guide(), team_names)


def ballot_summary(dots: dict[int, int]) -> str:
    return f"dots: {sum(dots.values())} on {len(dots)} factor(s)"


def findings(room: Room, message: Mapping[str, Any]) -> list[dict[str, Any]]:
    if room._checker is None and room.build_checker_here:
        room._checker = build_checker(room.team_names())
    checker = room._checker
    if checker is None:
        return []
    found = []
    for name in ("saw", "description", "text", "note", "test"):
        value = message.get(name)
        if isinstance(value, str) and value.strip():
            found += [{"field": name, **f.as_json()} for f in checker.check(value)]
    return found


def checks(room: Room, participant: Participant, message: Mapping[str, Any]) -> dict[str, Any]:
    """What the page shows before sending: blame findings with reframes, an item's verdict."""
    draft = message.get("draft")
    if not isinstance(draft, dict):
        raise UserError("nothing to check", field="draft")
    room._too_long(draft)
    result: dict[str, Any] = {"findings": findings(room, draft)}
    if draft.get("kind") in ("team", "joint", "process") and isinstance(
        draft.get("description"), str
    ):
        result["verdict"] = draft_verdict(room, participant, draft)
    return result


def draft_verdict(room: Room, participant: Participant, draft: Mapping[str, Any]) -> dict[str, Any]:
    from facilitator_app.actions.check import ActionSpec, check_action

    spec = ActionSpec(
        str(draft.get("description", "")),
        draft["kind"],
        str(draft.get("owner", "")),
        str(draft.get("lead", "")),
        str(draft.get("due", "")) or None,
        str(draft.get("test", "")),
        room._today(),
    )
    teams = [t.name for t in room.workspace.session.teams]
    return check_action(spec, today=room._today(), team_names=teams).to_json()


def propose(
    room: Room, participant: Participant, kind: ProposalKind, message: Mapping[str, Any]
) -> dict[str, Any]:
    rules.require_phase(kind, room.phase_key())
    verdict = ""
    reply: dict[str, Any] = {}
    ws = room.workspace
    if kind is ProposalKind.OBSERVATION:
        values, summary = rules.observation(ws, participant, message)
    elif kind is ProposalKind.EVENT:
        values, summary = rules.missing_event(ws, participant, message)
    elif kind is ProposalKind.LINK:
        values, summary = rules.link(ws, participant, message)
    elif kind is ProposalKind.FACTOR:
        values, summary = rules.factor(ws, participant, message)
    elif kind is ProposalKind.PARKED:
        values, summary = rules.parked(ws, participant, message)
    else:
        values, summary, checked = rules.action_item(ws, participant, message, room._today())
        verdict = checked.verdict
        reply["verdict"] = checked.to_json()
    found = findings(room, message)
    hidden = kind is ProposalKind.FACTOR and room.private_factors
    proposal = room._enqueue(participant, kind, values, summary, hidden=hidden)
    proposal.blame_findings = len(found)
    proposal.verdict = verdict
    return {"ok": True, "proposal": proposal.id, "findings": found, **reply}


def counted(room: Room, participant: Participant, what: str) -> int:
    if participant.attendee_id is None:
        raise UserError(
            f"your {what} count once the facilitator adds you to the roster", field="guest"
        )
    return participant.attendee_id


def votes(room: Room, participant: Participant, message: Mapping[str, Any]) -> dict[str, Any]:
    rules.require_phase(ProposalKind.VOTES, room.phase_key())
    if not room.voting_open:
        raise UserError("voting is closed", field="dots")
    dots = rules.ballot(room.workspace.session, participant, message)
    attendee_id = counted(room, participant, "votes")
    if room.count_directly:
        accept.apply_ballot(room.workspace, attendee_id, dots)
    else:
        held = room.queue.held(ProposalKind.VOTES, participant.token)
        if held is not None:
            held.values = {"dots": dots}
            held.summary = ballot_summary(dots)
            room._dirty_devices.add(participant.token)
            room._changed(all_devices=False)
        else:
            room._enqueue(participant, ProposalKind.VOTES, {"dots": dots}, ballot_summary(dots))
    room._dirty_devices.add(participant.token)
    room._changed(all_devices=False)
    return {"ok": True}


def poll(room: Room, participant: Participant, message: Mapping[str, Any]) -> dict[str, Any]:
    rules.require_phase(ProposalKind.POLL, room.phase_key())
    answers = rules.poll_answers(message)
    attendee_id = counted(room, participant, "answers")
    session = room.workspace.session
    if attendee_id in session.poll.answers or room.queue.held(ProposalKind.POLL, participant.token):
        raise UserError("you have answered the closing poll already", field="poll")
    if room.count_directly:
        closing_poll.record_answer(room.workspace, attendee_id, **answers)
        room._dirty_devices.add(participant.token)
        room._changed(all_devices=False)
    else:
        summary = "poll: learned {}, would come again {}".format(
            *("yes" if answers[k] else "no" for k in ("learned", "again"))
        )
        room._enqueue(participant, ProposalKind.POLL, answers, summary)
    return {"ok": True}
