"""An accepted proposal is an ordinary edit attributed to its author: `added_by` on what it
created, kept through a reload of the store and the session JSON round trip, and written in
the meeting notes ("added by Amara Diallo (Payments) from the room")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator_app import session_json
from facilitator_app.exports import render_markdown
from facilitator_app.exports.notes import build_notes
from facilitator_app.model import Lane, Session
from facilitator_app.timeline.edit import set_observation
from tests.helpers.room import TODAY, RoomRig, demo_room

AMARA = "Amara Diallo (Payments)"
KEIKO = "Keiko Tanaka (Edge Platform)"


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[RoomRig]:
    with demo_room(tmp_path) as r:
        yield r


def current(rig: RoomRig):  # type: ignore[no-untyped-def]
    return next(e for e in rig.workspace.session.events if e.id == rig.workspace.current_event_id)


def accept_everything_from_the_room(rig: RoomRig) -> dict[str, int]:
    """Amara (Payments) and Keiko (Edge) propose one of each kind; all are accepted."""
    made: dict[str, int] = {}

    def accept_last(name: str) -> None:
        (proposal,) = rig.room.pending()
        rig.room.accept(proposal.id)
        assert proposal.entity_id is not None
        made[name] = proposal.entity_id

    rig.to_phase("timeline")
    amara = rig.join("Amara Diallo")
    keiko = rig.join("Keiko Tanaka", client="10.0.0.8")
    event = current(rig)
    rig.room.handle(amara, {"type": "observation", "event_id": event.id, "saw": "Checkout 502s"})
    accept_last("observation")
    rig.room.handle(keiko, {"type": "observation", "event_id": event.id, "saw": "429s at the edge"})
    accept_last("edge observation")
    rig.room.handle(
        amara, {"type": "event", "time": "2026-11-10T14:07", "description": "Retry storm began"}
    )
    accept_last("event")
    events = rig.workspace.session.sorted_events()
    a = next(e for e in events if e.lane is Lane.A)
    b = next(e for e in events if e.lane is Lane.B)
    rig.room.handle(keiko, {"type": "link", "source_id": b.id, "target_id": a.id, "note": "429s"})
    accept_last("link")
    rig.room.handle(keiko, {"type": "parked", "text": "Canary config changes"})
    accept_last("parked")
    rig.to_phase("factors")
    rig.room.handle(amara, {"type": "factor", "text": "Retries without backoff", "owner": "own"})
    accept_last("factor")
    rig.to_phase("actions")
    rig.room.handle(
        amara,
        {
            "type": "action",
            "kind": "joint",
            "description": "Joint runbook for rate-limit changes, reviewed in a game day",
            "lead": "Amara Diallo",
            "due": "2026-12-15",
        },
    )
    accept_last("action")
    return made


def attributions(session: Session, made: dict[str, int]) -> dict[str, str]:
    def by_id(items, key):  # type: ignore[no-untyped-def]
        return next(x for x in items if x.id == made[key])

    event = by_id(session.events, "observation")
    return {
        "observation A": event.observation(Lane.A).added_by,
        "observation B": event.observation(Lane.B).added_by,
        "event": by_id(session.events, "event").added_by,
        "link": by_id(session.links, "link").added_by,
        "parked": by_id(session.parked, "parked").added_by,
        "factor": by_id(session.factors, "factor").added_by,
        "action": by_id(session.actions, "action").added_by,
    }


EXPECTED = {
    "observation A": AMARA,
    "observation B": KEIKO,
    "event": AMARA,
    "link": KEIKO,
    "parked": KEIKO,
    "factor": AMARA,
    "action": AMARA,
}


def test_what_was_accepted_names_its_author_and_survives_a_reload(rig: RoomRig) -> None:
    made = accept_everything_from_the_room(rig)
    assert attributions(rig.workspace.session, made) == EXPECTED
    reloaded = rig.workspace.store.load_session(rig.workspace.session_id)
    assert attributions(reloaded, made) == EXPECTED
    # What the facilitator typed is nobody's from the room.
    typed = [e for e in reloaded.events if e.id not in made.values()]
    assert typed and all(e.added_by == "" for e in typed)


def test_the_attribution_survives_the_session_json_round_trip(rig: RoomRig) -> None:
    accept_everything_from_the_room(rig)
    text = session_json.dumps(rig.workspace.session, now=TODAY)
    back = session_json.loads(text)
    assert session_json.dumps(back, now=TODAY) == text
    assert {e.description: e.added_by for e in back.events}["Retry storm began"] == AMARA
    assert [f.added_by for f in back.factors if f.text == "Retries without backoff"] == [AMARA]
    assert [p.added_by for p in back.parked if p.text == "Canary config changes"] == [KEIKO]
    assert [k.added_by for k in back.links if k.note == "429s"] == [KEIKO]
    # ... and through the store again, once imported (new ids, same authors).
    new_id = rig.workspace.store.create_session(back)
    stored = rig.workspace.store.load_session(new_id)
    assert [a.added_by for a in stored.actions if a.lead == "Amara Diallo"] == [AMARA]


def test_a_session_without_room_contributions_writes_no_added_by(rig: RoomRig) -> None:
    assert "added_by" not in session_json.dumps(rig.workspace.session, now=TODAY)


def test_editing_an_observation_on_the_console_keeps_who_proposed_it(rig: RoomRig) -> None:
    made = accept_everything_from_the_room(rig)
    event = next(e for e in rig.workspace.session.events if e.id == made["observation"])
    set_observation(rig.workspace, event, Lane.A, saw="Checkout 502s from 14:05")
    assert event.observation(Lane.A).added_by == AMARA


def test_undoing_the_acceptance_takes_the_attribution_with_the_edit(rig: RoomRig) -> None:
    rig.to_phase("timeline")
    amara = rig.join("Amara Diallo")
    event = current(rig)
    before = event.observation(Lane.A)
    rig.room.handle(amara, {"type": "observation", "event_id": event.id, "saw": "Checkout 502s"})
    (proposal,) = rig.room.pending()
    rig.room.accept(proposal.id)
    rig.workspace.undo()
    assert event.observation(Lane.A).added_by == before.added_by == ""


def test_the_meeting_notes_say_who_added_what_from_the_room(rig: RoomRig) -> None:
    accept_everything_from_the_room(rig)
    notes = render_markdown.render(build_notes(rig.workspace.session, now=TODAY))
    for line_start in (
        "Retry storm began",
        "Retries without backoff",
        "Canary config changes",
        "Joint runbook",
    ):
        line = next(x for x in notes.splitlines() if line_start in x)
        assert "from the room" in line, line
    assert f"added by {AMARA} from the room" in notes
    assert f"added by {KEIKO} from the room" in notes
    assert notes.count("from the room") == 6  # 2 observations, event, factor, parked, action
