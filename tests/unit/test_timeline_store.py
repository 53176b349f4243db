"""Storing the timeline: the bulk import is one transaction; links and order survive a reload."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator_app import session_json
from facilitator_app.errors import ValidationError
from facilitator_app.model import EventLink, Lane, Observation, TimelineEvent
from storage import SqliteStore
from storage import mapping as m
from tests.helpers.timeline_fixtures import make_session


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = SqliteStore.open(tmp_path / "t.db")
    yield opened
    opened.close()


def new_events(n: int, start: datetime) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            start + timedelta(seconds=i),
            Lane.A if i % 2 else Lane.B,
            "",
            f"event {i}",
            observations={Lane.A: Observation(Lane.A, f"saw {i}")},
            seq=100 + i,
        )
        for i in range(n)
    ]


def test_import_events_assigns_ids_and_round_trips(store: SqliteStore) -> None:
    session = make_session()
    session_id = store.create_session(session)
    batch = new_events(5, datetime(2026, 11, 10, 16, tzinfo=UTC))
    store.import_events(session_id, batch)
    assert all(e.id is not None for e in batch)
    loaded = store.load_session(session_id)
    by_id = {e.id: e for e in loaded.events}
    for event in batch:
        assert by_id[event.id].description == event.description
        assert by_id[event.id].observations[Lane.A].saw == event.observations[Lane.A].saw
    assert len(loaded.events) == len(session.events) + 5


def test_a_failure_inside_the_bulk_insert_writes_nothing(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = store.create_session(make_session())
    before = store.conn.execute("SELECT count(*) FROM timeline_event").fetchone()[0]
    batch = new_events(10, datetime(2026, 11, 10, 16, tzinfo=UTC))
    real = m.event_tuple
    calls = {"n": 0}

    def failing(event_id: int, sid: int, e: TimelineEvent) -> tuple[object, ...]:
        calls["n"] += 1
        if calls["n"] == 7:
            raise RuntimeError("disk on fire")
        return real(event_id, sid, e)

    monkeypatch.setattr(m, "event_tuple", failing)
    with pytest.raises(RuntimeError):
        store.import_events(session_id, batch)
    assert store.conn.execute("SELECT count(*) FROM timeline_event").fetchone()[0] == before
    assert (
        store.conn.execute(
            "SELECT count(*) FROM observation o LEFT JOIN timeline_event e "
            "ON e.id = o.event_id WHERE e.id IS NULL"
        ).fetchone()[0]
        == 0
    )
    assert all(e.id is None for e in batch)


def test_delete_events_takes_observations_and_links_along(store: SqliteStore) -> None:
    session = make_session()
    session_id = store.create_session(session)
    doomed = [session.events[0].id, session.events[2].id]
    store.delete_events([i for i in doomed if i is not None])
    loaded = store.load_session(session_id)
    assert len(loaded.events) == len(session.events) - 2
    assert [(k.source_id, k.target_id) for k in loaded.links] == [
        (session.events[8].id, session.events[9].id)
    ]
    orphans = store.conn.execute(
        "SELECT count(*) FROM observation WHERE event_id IN (?, ?)", doomed
    ).fetchone()[0]
    assert orphans == 0


def test_links_are_remapped_on_create_and_round_trip_through_session_json(
    store: SqliteStore,
) -> None:
    session = make_session()
    session_id = store.create_session(session)
    loaded = store.load_session(session_id)
    ids = {e.description: e.id for e in loaded.events}
    assert [(k.source_id, k.target_id, k.note) for k in loaded.links] == [
        (
            ids["Rate limit config v2 deployed to the edge"],
            ids["Checkout error rate alert fires (5xx at 12%)"],
            "429s reach checkout",
        ),
        (ids["Rate limit config reverted"], ids["Error rate back to baseline"], "revert heals"),
    ]
    text = session_json.dumps(loaded)
    assert json.loads(text)["links"][0] == {"from": 0, "to": 2, "note": "429s reach checkout"}
    again = store.load_session(store.create_session(session_json.loads(text)))
    assert [(k.note) for k in again.links] == ["429s reach checkout", "revert heals"]
    assert again.links[0].source_id != loaded.links[0].source_id  # fresh ids, same meaning


def test_a_link_joins_two_different_events() -> None:
    with pytest.raises(ValidationError, match="cannot reach itself"):
        EventLink(3, 3)


def test_sql_order_is_utc_order_even_with_fractions_of_seconds(store: SqliteStore) -> None:
    session = make_session()
    session.events = []
    session.links = []
    session_id = store.create_session(session)
    t = datetime(2026, 11, 10, 13, tzinfo=UTC)
    store.import_events(
        session_id,
        [
            TimelineEvent(t + timedelta(microseconds=500_000), Lane.A, "", "later", seq=0),
            TimelineEvent(t, Lane.B, "", "earlier", seq=1),
        ],
    )
    assert [e.description for e in store.load_session(session_id).events] == ["earlier", "later"]
