"""The SQLite store: lossless, and every edit on disk when the call returns."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from facilitator_app.errors import StorageError
from facilitator_app.model import (
    ActionStatus,
    Attendee,
    ClosingPoll,
    HolderKind,
    Lane,
    Note,
    Observation,
    ParkedOutcome,
    Role,
    Session,
    SessionState,
    SpeakingInterval,
    StatusChange,
    TimelineEvent,
    two_teams,
)
from storage import SqliteStore, schema
from storage.schema import APPLICATION_ID
from tests.helpers.sessions import at, rich_session, snapshot
from tests.helpers.strategies import sessions

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "facilitator.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SqliteStore]:
    opened = SqliteStore.open(db_path)
    yield opened
    opened.close()


def reload(path: Path, session_id: int) -> Session:
    """The session as a fresh process would see it."""
    store = SqliteStore.open(path)
    try:
        return store.load_session(session_id)
    finally:
        store.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name + ".lock")


# ---- round trips --------------------------------------------------------------------------


def test_a_rich_session_survives_create_and_load(store: SqliteStore, db_path: Path) -> None:
    original = rich_session()
    expected = snapshot(original)
    session_id = store.create_session(original)
    assert snapshot(store.load_session(session_id)) == expected
    store.close()
    assert snapshot(reload(db_path, session_id)) == expected


def test_the_store_returns_the_timeline_in_display_order(store: SqliteStore) -> None:
    # 14:02:00Z and 14:02:00.25Z fall in the same second: text order would swap them.
    session_id = store.create_session(rich_session())
    loaded = store.load_session(session_id)
    assert [e.id for e in loaded.events] == [e.id for e in loaded.sorted_events()]
    assert [e.occurred_at.utcoffset() for e in loaded.events][:2] == [
        timedelta(hours=-5),
        timedelta(hours=1),
    ]


def test_create_assigns_ids_and_remaps_references(store: SqliteStore) -> None:
    session = rich_session()
    session_id = store.create_session(session)
    assert session.id == session_id
    loaded = store.load_session(session_id)
    event_ids = {e.id for e in loaded.events}
    assert None not in event_ids and len(event_ids) == 4
    assert all(set(f.event_ids) <= event_ids for f in loaded.factors)
    assert loaded.parked[1].action_id == loaded.actions[1].id
    assert loaded.speaking[2].attendee_id == loaded.attendees[4].id


def test_sessions_are_listed_newest_first(store: SqliteStore) -> None:
    first = store.create_session(Session("First", two_teams("Pay", "Edge")))
    second = store.create_session(rich_session())
    listed = store.list_sessions()
    assert [s.id for s in listed] == [second, first]
    assert (listed[0].team_a, listed[0].team_b, listed[0].state) == (
        "Payments",
        "Edge Platform",
        "live",
    )
    assert listed[1].incident_start is None
    assert listed[0].incident_start == rich_session().incident_start


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_any_valid_session_survives_the_store(session: Session) -> None:
    import tempfile

    expected = snapshot(session)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "p.db"
        store = SqliteStore.open(path)
        try:
            session_id = store.create_session(session)
        finally:
            store.close()
        assert snapshot(reload(path, session_id)) == expected


# ---- every edit persists ------------------------------------------------------------------


def test_every_kind_of_edit_is_on_disk_when_save_returns(store: SqliteStore, db_path: Path) -> None:
    s = rich_session()
    sid = store.create_session(s)

    s.title = "Renamed"
    s.state = SessionState.ENDED
    s.timebox_minutes = 60
    s.incident_end = None
    store.save_session_fields(s)
    s.teams[1].name, s.teams[1].colour = "Edge & CDN", "#009E73"
    store.save_team(sid, s.teams[1])

    s.attendees[1].name, s.attendees[1].role = "Kai L.", Role.OTHER
    store.save(sid, s.attendees[1])
    newcomer = Attendee("Late Joiner", Role.ON_CALL, Lane.B, remote=True)
    s.attendees.append(newcomer)
    store.save(sid, newcomer)
    assert newcomer.id is not None

    s.phases[1].ended_at = at(15, 40)
    s.phases[2].started_at = at(15, 40)
    store.save(sid, s.phases[1])
    store.save(sid, s.phases[2])

    event = s.events[0]
    event.description = "Raised the limit (again)"
    event.tags = ["config"]
    event.observations = {Lane.A: Observation(Lane.A, "Nothing yet", "no")}  # type: ignore[arg-type]
    store.save(sid, event)
    added = TimelineEvent(at(14, 30), Lane.A, "sre", "Rolled back", seq=9)
    s.events.append(added)
    store.save(sid, added)

    s.speaking[-1].ended_at, s.speaking[-1].seconds = at(14, 11), 60.0
    store.save(sid, s.speaking[-1])
    interval = SpeakingInterval(HolderKind.TEAM, at(14, 11), lane=Lane.B)
    s.speaking.append(interval)
    store.save(sid, interval)

    s.factors[0].votes, s.factors[0].event_ids = 9, [added.id]  # type: ignore[list-item]
    store.save(sid, s.factors[0])
    store.delete(s.factors.pop(2))

    item = s.actions[0]
    item.status = ActionStatus.DONE
    item.history.append(StatusChange(ActionStatus.DONE, at(17, 0)))
    item.due = date(2026, 11, 30)
    store.save(sid, item)
    store.delete(s.actions.pop(3))

    note = Note("Rollback was the turning point", "timeline", added.id)
    s.notes.append(note)
    store.save(sid, note)
    store.delete(s.notes.pop(0))

    s.parked[0].outcome = ParkedOutcome.DROPPED
    store.save(sid, s.parked[0])
    s.poll = ClosingPoll(7, 0, 6, 1)
    store.save_poll(sid, s.poll)

    store.close()
    assert snapshot(reload(db_path, sid)) == snapshot(s)


def test_positions_keep_the_roster_order_after_edits(store: SqliteStore, db_path: Path) -> None:
    s = rich_session()
    sid = store.create_session(s)
    store.save(sid, s.attendees[0])  # an update keeps its place
    store.delete(s.attendees.pop(3))
    late = Attendee("Late", Role.OTHER)
    s.attendees.append(late)
    store.save(sid, late)
    store.close()
    assert [a.name for a in reload(db_path, sid).attendees] == [a.name for a in s.attendees]


def test_deleting_a_session_removes_all_of_it(store: SqliteStore) -> None:
    keep = store.create_session(Session("Keep", two_teams("Pay", "Edge")))
    gone = store.create_session(rich_session())
    store.delete_session(gone)
    assert [s.id for s in store.list_sessions()] == [keep]
    with pytest.raises(StorageError, match=f"there is no session {gone}"):
        store.load_session(gone)
    for table in ("attendee", "timeline_event", "observation", "action_status_change", "note"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_settings_persist(store: SqliteStore, db_path: Path) -> None:
    assert store.get_setting("last_session_id") is None
    store.set_setting("last_session_id", "3")
    store.set_setting("last_session_id", "4")
    store.close()
    again = SqliteStore.open(db_path)
    try:
        assert again.get_setting("last_session_id") == "4"
    finally:
        again.close()


def test_the_database_is_ours_wal_full_sync_and_foreign_keys(store: SqliteStore) -> None:
    pragma = lambda name: store.conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("application_id") == APPLICATION_ID
    assert pragma("user_version") == schema.SCHEMA_VERSION
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 1000
