"""Undoing an accepted proposal puts it back in the queue as pending (so the facilitator can
accept it again), and redoing marks it accepted again -- in memory, on disk and on the
author's device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator_app.model import Lane
from facilitator_app.room import ProposalStatus
from tests.helpers.room import RoomRig, demo_room


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[RoomRig]:
    with demo_room(tmp_path) as r:
        yield r


def stored_status(rig: RoomRig, proposal_id: int) -> str:
    records = rig.workspace.store.load_room_proposals(rig.workspace.session_id)
    return next(r.status for r in records if r.id == proposal_id)


def test_undo_puts_an_accepted_proposal_back_in_the_queue_and_redo_accepts_it(
    rig: RoomRig,
) -> None:
    rig.to_phase("factors")
    keiko = rig.join("Keiko Tanaka")
    rig.room.hello(keiko)
    rig.room.handle(keiko, {"type": "factor", "text": "Limit raised globally", "owner": "own"})
    (proposal,) = rig.room.pending()
    count = len(rig.workspace.session.factors)
    rig.room.accept(proposal.id)
    assert rig.room.pending() == [] and stored_status(rig, proposal.id) == "accepted"

    assert rig.workspace.undo() == "Factor from Keiko Tanaka (room)"
    assert len(rig.workspace.session.factors) == count
    assert [p.id for p in rig.room.pending()] == [proposal.id]
    assert proposal.status is ProposalStatus.PENDING and proposal.entity_id is None
    assert stored_status(rig, proposal.id) == "pending"
    rig.room.flush()
    mine = rig.outbox.to(keiko, "you")[-1]["proposals"]
    assert [p["status"] for p in mine if p["id"] == proposal.id] == ["pending"]

    rig.workspace.redo()
    assert proposal.status is ProposalStatus.ACCEPTED and rig.room.pending() == []
    added = rig.workspace.session.factors[-1]
    assert proposal.entity_id == added.id and added.added_by == "Keiko Tanaka (Edge Platform)"
    assert stored_status(rig, proposal.id) == "accepted"


def test_after_an_undo_the_facilitator_accepts_it_again_with_an_edit(rig: RoomRig) -> None:
    rig.to_phase("timeline")
    amara = rig.join("Amara Diallo")
    event = next(e for e in rig.workspace.session.events if e.id == rig.workspace.current_event_id)
    rig.room.handle(amara, {"type": "observation", "event_id": event.id, "saw": "502s"})
    (proposal,) = rig.room.pending()
    rig.room.accept(proposal.id)
    rig.workspace.undo()
    assert "502s" not in event.observation(Lane.A).saw
    rig.room.accept(proposal.id, saw="Checkout 502s from 14:05")
    assert "Checkout 502s from 14:05" in event.observation(Lane.A).saw
    assert proposal.status is ProposalStatus.ACCEPTED
    assert rig.workspace.undo_stack.can_redo() is False


def test_undoing_a_guests_admission_takes_their_vote_away_until_accepted_again(
    rig: RoomRig,
) -> None:
    token = rig.room.join("10.0.0.3", rig.room.code, name="Sam Guest", lane="B")["token"]
    (guest,) = rig.room.pending()
    rig.room.accept(guest.id)
    assert rig.room.participants.get(token).attendee_id is not None  # type: ignore[union-attr]
    rig.workspace.undo()
    assert not any(a.name == "Sam Guest" for a in rig.workspace.session.attendees)
    assert rig.room.participants.get(token).attendee_id is None  # type: ignore[union-attr]
    assert [p.id for p in rig.room.pending()] == [guest.id]
    rig.workspace.redo()
    assert rig.room.participants.get(token).attendee_id is not None  # type: ignore[union-attr]


def test_a_dismissal_is_not_undone_by_the_edit_stack(rig: RoomRig) -> None:
    keiko = rig.join("Keiko Tanaka")
    rig.room.handle(keiko, {"type": "parked", "text": "Canary config changes"})
    (proposal,) = rig.room.pending()
    steps = rig.workspace.undo_stack.steps
    rig.room.dismiss(proposal.id)
    assert rig.workspace.undo_stack.steps == steps
    assert proposal.status is ProposalStatus.DISMISSED


def test_an_undo_after_the_room_was_turned_off_and_on_again_reaches_the_new_room(
    rig: RoomRig,
) -> None:
    from facilitator_app.room import Room

    keiko = rig.join("Keiko Tanaka")
    rig.room.handle(keiko, {"type": "parked", "text": "Canary config changes"})
    (proposal,) = rig.room.pending()
    rig.room.accept(proposal.id)
    rig.room.close()  # the room is turned off ...
    again = Room(rig.workspace)  # ... and on again: the queue comes back from the store
    assert again.pending() == []
    rig.workspace.undo()
    assert [p.id for p in again.pending()] == [proposal.id]
    assert stored_status(rig, proposal.id) == "pending"
    rig.workspace.redo()
    assert again.pending() == [] and stored_status(rig, proposal.id) == "accepted"
    again.close()
