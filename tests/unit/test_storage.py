"""The SQLite store: lossless, every edit on disk at once, and safe with whatever file it meets."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from facilitator_app.demo import load_demo_session
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
from facilitator_app.paths import default_database_path
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


# ---- safe opening -------------------------------------------------------------------------

MOVED = re.compile(r"moved it to (\S+) and started a fresh database")


def moved_to(notice: str) -> Path:
    found = MOVED.search(notice)
    assert found, notice
    return Path(found.group(1))


def assert_fresh_and_usable(path: Path) -> None:
    store = SqliteStore.open(path)
    try:
        assert store.notices == []
        assert store.list_sessions() == []
        sid = store.create_session(Session("Fresh", two_teams("Pay", "Edge")))
        assert store.load_session(sid).title == "Fresh"
    finally:
        store.close()


def test_a_text_file_is_moved_aside_with_its_wal_and_shm(db_path: Path) -> None:
    db_path.write_text("my shopping list\n")
    db_path.with_name(db_path.name + "-wal").write_bytes(b"wal bytes")
    db_path.with_name(db_path.name + "-shm").write_bytes(b"shm bytes")
    store = SqliteStore.open(db_path)
    try:
        (notice,) = store.notices
        assert "is not a SQLite database" in notice and "\n" not in notice
        target = moved_to(notice)
        assert notice.startswith(str(db_path))
        assert re.fullmatch(r"facilitator\.db\.not-sqlite-\d{8}T\d{6}Z", target.name)
        assert target.read_text() == "my shopping list\n"
        assert Path(f"{target}-wal").read_bytes() == b"wal bytes"
        assert Path(f"{target}-shm").read_bytes() == b"shm bytes"
        assert store.list_sessions() == []
    finally:
        store.close()
    assert_fresh_and_usable(db_path)


@pytest.mark.parametrize("application_id", [0, 0x12345678])
def test_another_applications_database_is_moved_aside(db_path: Path, application_id: int) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('Blue Monday')")
    conn.commit()
    conn.close()
    digest = sha256(db_path)
    store = SqliteStore.open(db_path)
    try:
        (notice,) = store.notices
        assert "belongs to another application" in notice
        target = moved_to(notice)
        assert ".foreign-" in target.name
        assert sha256(target) == digest
    finally:
        store.close()
    assert_fresh_and_usable(db_path)


def _corrupt(path: Path, how: str) -> None:
    store = SqliteStore.open(path)
    store.create_session(load_demo_session())
    store.create_session(rich_session())
    store.close()
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    assert pages > 12, "the database should span enough pages to damage a few"
    if how == "truncated":
        del data[len(data) // 2 :]
    else:  # garble the last pages (table data), leaving the header and schema intact
        for page in range(pages - 6, pages):
            for offset in range(page * 4096 + 8, (page + 1) * 4096, 7):
                data[offset] = 0xA5
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()


@pytest.mark.parametrize("how", ["truncated", "garbled"])
def test_a_database_failing_quick_check_is_moved_aside(db_path: Path, how: str) -> None:
    _corrupt(db_path, how)
    digest = sha256(db_path)
    store = SqliteStore.open(db_path)
    try:
        (notice,) = store.notices
        assert "failed its integrity check" in notice and "\n" not in notice
        assert len(notice) < 400
        target = moved_to(notice)
        assert ".corrupt-" in target.name
        assert sha256(target) == digest
    finally:
        store.close()
    assert_fresh_and_usable(db_path)


def test_moving_aside_never_overwrites_an_earlier_copy(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.opening._timestamp", lambda: "20261110T140000Z")
    targets = []
    for text in ("first", "second"):
        db_path.write_text(text)
        store = SqliteStore.open(db_path)
        targets.append(moved_to(store.notices[0]))
        store.close()
    assert [t.read_text() for t in targets] == ["first", "second"]


def test_an_empty_file_is_simply_a_new_database(db_path: Path) -> None:
    db_path.touch()
    assert_fresh_and_usable(db_path)


def _raise_user_version(path: Path, version: int) -> None:
    store = SqliteStore.open(path)
    store.create_session(rich_session())
    store.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()  # the last connection checkpoints and removes the -wal


def test_a_newer_schema_is_refused_and_the_file_left_byte_identical(db_path: Path) -> None:
    _raise_user_version(db_path, schema.SCHEMA_VERSION + 41)
    before = siblings(db_path)
    assert before == ["facilitator.db"]
    digest = sha256(db_path)
    with pytest.raises(StorageError) as info:
        SqliteStore.open(db_path)
    message = info.value.message
    assert f"schema version {schema.SCHEMA_VERSION + 41}" in message
    assert f"version {schema.SCHEMA_VERSION};" in message
    assert str(db_path) in message and "\n" not in message
    assert sha256(db_path) == digest
    assert siblings(db_path) == before  # no -wal, no -shm, nothing moved aside
    # the refusal released the lock: asking again gives the same answer, not "already open"
    with pytest.raises(StorageError, match="newer than this"):
        SqliteStore.open(db_path)


def test_a_newer_schema_still_in_the_wal_is_refused(db_path: Path) -> None:
    store = SqliteStore.open(db_path)
    store.create_session(rich_session())
    store.close()
    # A newer app bumped the version and crashed before checkpointing: the main file's header
    # still says version 1, the -wal says 42.
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("PRAGMA user_version = 42")
    conn.commit()
    copy = db_path.with_name("crashed.db")
    copy.write_bytes(db_path.read_bytes())
    Path(f"{copy}-wal").write_bytes(Path(f"{db_path}-wal").read_bytes())
    conn.close()
    with pytest.raises(StorageError, match="schema version 42"):
        SqliteStore.open(copy)


def test_the_user_data_directory_is_owner_only() -> None:
    path = default_database_path()
    assert path.name == "facilitator.db"
    assert "postmortem-facilitator" in str(path.parent)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.parent.chmod(0o755)
    assert stat.S_IMODE(default_database_path().parent.stat().st_mode) == 0o700


def test_a_db_path_in_a_new_directory_creates_it_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "x.db"
    SqliteStore.open(path).close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


# ---- one process at a time ----------------------------------------------------------------


def start_holder(path: Path) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.hold_database", str(path)],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    line = holder.stdout.readline().split()
    assert line[:1] == ["ready"], f"holder did not start: {line}"
    return holder, int(line[1])


@pytest.mark.slow
def test_a_second_process_is_refused_and_a_killed_holder_leaves_no_stale_lock(
    db_path: Path,
) -> None:
    holder, session_id = start_holder(db_path)
    try:
        with pytest.raises(StorageError) as info:
            SqliteStore.open(db_path)
        message = info.value.message
        assert "already open in another Facilitator" in message
        assert f"(process {holder.pid})" in message
        assert str(db_path) in message and "\n" not in message
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.stdout.close()
    assert holder.returncode == -signal.SIGKILL
    assert Path(f"{db_path}-wal").exists(), "the killed holder should leave its WAL behind"

    store = SqliteStore.open(db_path)
    try:
        assert store.notices == []  # a crash is not corruption: nothing is moved aside
        assert [s.title for s in store.list_sessions()] == ["Held by another process"]
        assert len(store.load_session(session_id).events) >= 35
    finally:
        store.close()


def test_the_same_process_cannot_open_a_database_twice_and_close_releases_it(
    db_path: Path,
) -> None:
    first = SqliteStore.open(db_path)
    try:
        with pytest.raises(StorageError, match="already open"):
            SqliteStore.open(db_path)
    finally:
        first.close()
    SqliteStore.open(db_path).close()


# ---- migrations ---------------------------------------------------------------------------


def _future_schema(monkeypatch: pytest.MonkeyPatch, step: list[str]) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, step])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))


def test_a_backup_is_taken_through_the_backup_api_before_migrating(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteStore.open(db_path)
    session_id = store.create_session(rich_session())
    store.close()
    old_version = schema.SCHEMA_VERSION
    _future_schema(monkeypatch, ["ALTER TABLE session ADD COLUMN mood TEXT"])

    store = SqliteStore.open(db_path)
    try:
        (notice,) = store.notices
        assert notice.startswith("Backed up the database to ")
        backup = Path(notice.removeprefix("Backed up the database to ").split(" before")[0])
        assert f"backup-v{old_version}" in backup.name
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(session)")]
        assert "mood" in columns
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == old_version + 1
        assert store.load_session(session_id).title == rich_session().title
    finally:
        store.close()

    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert "mood" not in [r[1] for r in conn.execute("PRAGMA table_info(session)")]
        assert conn.execute("SELECT title FROM session").fetchall() == [(rich_session().title,)]
    finally:
        conn.close()


def test_a_failing_migration_leaves_the_database_at_its_old_version(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteStore.open(db_path)
    session_id = store.create_session(rich_session())
    store.close()
    old_version = schema.SCHEMA_VERSION
    _future_schema(
        monkeypatch,
        ["ALTER TABLE session ADD COLUMN mood TEXT", "ALTER TABLE no_such_table ADD COLUMN x"],
    )
    with pytest.raises(StorageError, match="could not set up the database"):
        SqliteStore.open(db_path)
    monkeypatch.undo()
    store = SqliteStore.open(db_path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == old_version
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(session)")]
        assert "mood" not in columns
        assert store.load_session(session_id).title == rich_session().title
    finally:
        store.close()


def test_a_new_database_gets_no_backup(db_path: Path) -> None:
    SqliteStore.open(db_path).close()
    assert not [p for p in db_path.parent.iterdir() if ".backup-" in p.name]
