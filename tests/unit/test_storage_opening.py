"""Opening a database safely: whatever file is there, the user's data is never overwritten."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.demo import load_demo_session
from facilitator_app.errors import StorageError
from facilitator_app.model import Session, two_teams
from facilitator_app.paths import default_database_path
from storage import SqliteStore, schema
from storage.schema import APPLICATION_ID
from tests.helpers.sessions import rich_session

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "facilitator.db"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name + ".lock")


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


def test_commits_reach_the_disk_unless_the_database_is_thrown_away(db_path: Path) -> None:
    """The user's database flushes every commit (FULL); the demo's, while it is written, not."""
    kept = SqliteStore.open(db_path)
    try:
        assert kept.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        kept.close()
    scratch = SqliteStore.open(db_path.with_name("demo.db"), durable=False)
    try:
        assert scratch.conn.execute("PRAGMA synchronous").fetchone()[0] == 0  # OFF
    finally:
        scratch.close()
