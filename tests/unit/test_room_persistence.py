"""Nothing the room sends is lost on a crash or a quit: the queue (pending, accepted and
dismissed proposals with their author, team, kind, values and times) is on disk as soon as it
changes, and a room turned on again for the session finds it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator_app.engine import ManualClock
from facilitator_app.model import Lane
from facilitator_app.room import ProposalKind, ProposalStatus, Room
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.helpers.room import TODAY, RoomRig, demo_room


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[RoomRig]:
    with demo_room(tmp_path) as r:
        yield r


def reopened_room(rig: RoomRig) -> tuple[SqliteStore, Room]:
    """Close the store the way a quit does, open the file again, turn the room on again."""
    path, session_id = rig.workspace.store.path, rig.workspace.session_id
    rig.room.close()
    rig.workspace.store.close()
    store = SqliteStore.open(path)
    workspace = open_workspace(store, store.load_session(session_id), ManualClock(TODAY))
    return store, Room(workspace, now=lambda: TODAY)


def test_the_queue_survives_closing_and_reopening_the_store(rig: RoomRig) -> None:
    rig.to_phase("factors")
    keiko = rig.join("Keiko Tanaka")  # Edge (B)
    amara = rig.join("Amara Diallo", client="10.0.0.8")  # Payments (A)
    rig.room.handle(keiko, {"type": "factor", "text": "Limit raised globally", "owner": "own"})
    rig.room.handle(amara, {"type": "factor", "text": "No shared canary", "owner": "interaction"})
    rig.room.handle(amara, {"type": "parked", "text": "Canary config changes"})
    limit, canary, parked = rig.room.pending()
    rig.room.accept(limit.id, text="Limit raised globally, not per route")
    rig.room.dismiss(parked.id)

    store, room = reopened_room(rig)
    try:
        items = {p.id: p for p in room.queue.items}
        assert [(p.kind, p.status) for p in items.values()] == [
            (ProposalKind.FACTOR, ProposalStatus.ACCEPTED),
            (ProposalKind.FACTOR, ProposalStatus.PENDING),
            (ProposalKind.PARKED, ProposalStatus.DISMISSED),
        ]
        accepted = items[limit.id]
        assert (accepted.author, accepted.lane) == ("Keiko Tanaka", Lane.B)
        assert accepted.values["text"] == "Limit raised globally, not per route"
        assert accepted.entity_id == limit.entity_id is not None
        assert accepted.received_at == TODAY and accepted.decided_at == TODAY
        waiting = items[canary.id]
        assert (waiting.author, waiting.lane, waiting.values["owner"]) == (
            "Amara Diallo",
            Lane.A,
            "interaction",
        )
        assert items[parked.id].values["text"] == "Canary config changes"
        # The facilitator decides what waited, as before the quit.
        assert [p.id for p in room.pending()] == [canary.id]
        room.accept(canary.id)
        assert room.workspace.session.factors[-1].text == "No shared canary"
        # New proposals are numbered after the stored ones.
        again = room.join("10.0.0.9", room.code, attendee_id=rig.member("Keiko Tanaka"))
        room.handle(again["token"], {"type": "parked", "text": "Shared limits dashboard"})
        assert room.pending()[-1].id == parked.id + 1
    finally:
        room.close()
        store.close()


def test_a_held_ballot_survives_with_its_dots(rig: RoomRig) -> None:
    rig.to_phase("factors")
    rig.room.set_count_directly(False)
    keiko = rig.join("Keiko Tanaka")
    f1 = rig.workspace.session.factors[0]
    rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): 1}})
    rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): 2}})  # changes the held one
    store, room = reopened_room(rig)
    try:
        (ballot,) = room.pending()
        assert ballot.values["dots"] == {f1.id: 2}
        factor = next(f for f in room.workspace.session.factors if f.id == f1.id)
        before = factor.votes
        room.accept(ballot.id)
        assert factor.votes == before + 2
    finally:
        room.close()
        store.close()


def test_a_privately_written_factor_stays_private_until_revealed(rig: RoomRig) -> None:
    rig.to_phase("factors")
    rig.room.set_private_factors(True)
    keiko = rig.join("Keiko Tanaka")
    rig.room.handle(keiko, {"type": "factor", "text": "Global limit change", "owner": "own"})
    store, room = reopened_room(rig)
    try:
        assert room.pending() == []
        assert room.reveal_factors() == 1
        assert [p.values["text"] for p in room.pending()] == ["Global limit change"]
    finally:
        room.close()
        store.close()


def test_a_database_from_before_the_room_migrates_with_nothing_lost(tmp_path: Path) -> None:
    import sqlite3

    from storage import schema

    path = tmp_path / "before-the-room.db"
    conn = sqlite3.connect(path)
    for statements in schema.MIGRATIONS[:3]:
        for statement in statements:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    now = "2026-03-02T09:00:00+00:00"
    conn.execute(
        "INSERT INTO session (id, title, created_at, updated_at, uuid, framing_question)"
        " VALUES (1, 'Old', ?, ?, ?, 'How did the two systems diverge?')",
        (now, now, "9f1c2d3e-4b5a-4c6d-8e7f-001122334455"),
    )
    conn.execute("INSERT INTO team (session_id, lane, name, colour) VALUES (1, 'A', 'P', '')")
    conn.execute("INSERT INTO team (session_id, lane, name, colour) VALUES (1, 'B', 'E', '')")
    conn.execute(
        "INSERT INTO factor (session_id, position, text, owner, votes, event_ids)"
        " VALUES (1, 0, 'Limits not canaried', 'B', 0, '[]')"
    )
    conn.commit()
    conn.close()
    store = SqliteStore.open(path)
    try:
        assert store.schema_version == len(schema.MIGRATIONS) == 4
        (factor,) = store.load_session(1).factors
        assert (factor.text, factor.added_by) == ("Limits not canaried", "")
        assert store.load_room_proposals(1) == []
    finally:
        store.close()
