"""Accepting a proposal: an ordinary undoable workspace edit, through the core's own commands.

Each acceptance is one undo step labelled with its author ("Observation from Amara Diallo (room)"),
so the console's undo menu says who proposed what; the room remembers which entity each
accepted proposal created. Edited values are checked again exactly as the proposal was.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from facilitator_app import closing_poll, voting
from facilitator_app.actions.items import add_action
from facilitator_app.errors import UserError
from facilitator_app.factors import add_factor
from facilitator_app.model import ActionItem, Attendee, Lane, Role
from facilitator_app.parking import park_idea
from facilitator_app.room.proposals import Proposal, ProposalKind
from facilitator_app.timeline.edit import add_event, link_events, set_observation
from facilitator_app.workspace import Workspace


def undo_label(proposal: Proposal) -> str:
    return f"{proposal.kind.value.capitalize()} from {proposal.author} (room)"


def apply(workspace: Workspace, proposal: Proposal) -> int | None:
    """Write the proposal's values as one undo step; returns the id of what it created."""
    values = proposal.values
    kind = proposal.kind
    with workspace.undo_stack.group(undo_label(proposal)):
        if kind is ProposalKind.OBSERVATION:
            event = _event(workspace, values["event_id"])
            old = event.observation(proposal.lane).saw
            saw = values["saw"] if not old or values["saw"] in old else f"{old}\n{values['saw']}"
            aware = values["aware"] if values["aware"] != "unknown" else None
            set_observation(workspace, event, proposal.lane, saw=saw, aware=aware)
            return event.id
        if kind is ProposalKind.EVENT:
            walking_at = workspace.current_event_id  # accepting does not move the walk
            made = add_event(
                workspace,
                datetime.fromisoformat(values["time"]),
                proposal.lane,
                values["description"],
                actor=values["actor"],
                source_url=values["source_url"],
            )
            workspace.set_current_event(walking_at if walking_at is not None else made.id)
            return made.id
        if kind is ProposalKind.LINK:
            source = _event(workspace, values["source_id"])
            target = _event(workspace, values["target_id"])
            return link_events(workspace, source, target, values["note"]).id
        if kind is ProposalKind.FACTOR:
            return add_factor(workspace, values["text"], values["owner"]).id
        if kind is ProposalKind.PARKED:
            return park_idea(workspace, values["text"], event_id=values["event_id"]).id
        if kind is ProposalKind.ACTION:
            item = ActionItem(
                values["kind"],
                values["description"],
                owner=values["owner"],
                lane=Lane(values["lane"]) if values.get("lane") else None,
                lead=values["lead"],
                due=date.fromisoformat(values["due"]) if values["due"] else None,
                test_of_done=values["test"],
            )
            return add_action(workspace, item).id
        if kind is ProposalKind.GUEST:
            guest = Attendee(values["name"], Role.OTHER, proposal.lane)
            workspace.add(guest, f"Add {guest.name} to the roster (room)")
            return guest.id
        if kind is ProposalKind.VOTES:
            assert proposal.attendee_id is not None
            apply_ballot(workspace, proposal.attendee_id, values["dots"])
            return None
        if kind is ProposalKind.POLL:
            assert proposal.attendee_id is not None
            closing_poll.record_answer(
                workspace, proposal.attendee_id, learned=values["learned"], again=values["again"]
            )
            return None
    raise AssertionError(f"unknown proposal kind {kind}")


def apply_ballot(workspace: Workspace, attendee_id: int, dots: dict[int, int]) -> bool:
    """Make an attendee's dots equal `dots` (one undo step of single-dot commands, so the
    core's per-attendee budget rule applies to each); False when nothing changed."""
    session = workspace.session
    attendee = session.attendee(attendee_id)
    name = attendee.name if attendee else "attendee"
    changes = [
        (f, dots.get(f.id or 0, 0) - f.dots.get(attendee_id, 0))
        for f in session.factors
        if dots.get(f.id or 0, 0) != f.dots.get(attendee_id, 0)
    ]
    if not changes:
        return False
    with workspace.undo_stack.group(f"Dots from {name} (room)"):
        for f, delta in sorted(changes, key=lambda c: c[1]):  # take back first, then cast
            for _ in range(-delta):
                voting.remove_dot(workspace, attendee_id, f)
            for _ in range(delta):
                voting.cast_dot(workspace, attendee_id, f)
    return True


def _event(workspace: Workspace, event_id: Any) -> Any:
    event = next((e for e in workspace.session.events if e.id == event_id), None)
    if event is None:
        raise UserError("the event this proposal refers to was deleted", field="event")
    return event
