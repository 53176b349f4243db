"""Item 13 of issue 16: a checksum per session revision, rolling backups, restore-backup."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.cli import main
from facilitator_app.model import ActionItem, ActionKind, Lane, Note
from facilitator_app.workspace import Workspace
from storage import SqliteStore, schema
from storage.backups import KEEP, backup_folder, list_backups
from tests.helpers.sessions import rich_session

REPO = Path(__file__).resolve().parents[2]
MARK = "Checkout ZZQZ outage"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def checksum(path: Path, session_id: int = 1) -> str | None:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT checksum FROM session WHERE id = ?", (session_id,)).fetchone()[
            0
        ]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.db"
    store = SqliteStore.open(path)
    session = rich_session()
    session.title = MARK
    store.create_session(session)
    store.close()  # put away: sealed
    return path


def test_a_session_put_away_has_a_checksum(db: Path) -> None:
    value = checksum(db)
    assert value is not None and value.startswith("sha256:")


def flip_a_byte_in_the_title(path: Path) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(b"ZZQZ")
    assert at > 0, "the title is not in the main file (still in the WAL?)"
    data[at + 2] ^= 0x01  # Q -> P: a single bit, the page stays well-formed
    path.write_bytes(bytes(data))


def test_bytes_flipped_inside_a_page_are_noticed(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    flip_a_byte_in_the_title(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)  # SQLite sees nothing
    conn.close()
    status, out, err = run(capsys, "--db", db, "export", "1", "--format", "md")
    assert status == 0 and "Checkout ZZPZ outage" in out
    assert "session 1 ('Checkout ZZPZ outage') no longer matches its checksum" in err
    assert "restore-backup" in err
    store = SqliteStore.open(db)
    try:
        store.load_session(1)
        assert store.checksum_failures == {1}
    finally:
        store.close()


def test_changes_through_the_app_never_cause_a_false_alarm(db: Path) -> None:
    for change in range(3):
        store = SqliteStore.open(db)
        workspace = Workspace(store, store.load_session(1))
        assert not store.checksum_failures
        if change == 0:
            workspace.add(ActionItem(ActionKind.TEAM, "Add a budget", owner="Ana", lane=Lane.A))
        elif change == 1:
            workspace.update(workspace.session.events[0], description="Deploy, edited")
        else:
            workspace.add(Note("A note"))
        store.close()
    store = SqliteStore.open(db)
    try:
        store.load_session(1)
        assert not store.checksum_failures and not store.damage
    finally:
        store.close()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE session SET title = 'x' WHERE id = 1",
        "UPDATE observation SET saw = 'x'",
        "DELETE FROM action_status_change",
        "UPDATE speaking_interval SET seconds = 1",
        "INSERT INTO note (session_id, text) VALUES (1, 'n')",
        "UPDATE factor SET votes = votes + 1",
        "INSERT INTO meeting_clock (session_id, state, holder) VALUES (1, 'paused', 'nobody')",
    ],
)
def test_any_change_to_a_sessions_rows_makes_its_checksum_stale(db: Path, sql: str) -> None:
    """Including changes made by a crash-interrupted app: stale, not wrong, so never checked."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(sql)
    conn.commit()
    conn.close()
    assert checksum(db) is None
    store = SqliteStore.open(db)
    try:
        store.load_session(1)
        assert not store.checksum_failures
    finally:
        store.close()
    assert checksum(db) is not None  # sealed again when put away


def test_the_checksum_migration_keeps_every_session(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in schema.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    now = "2026-03-02T09:00:00+00:00"
    conn.execute(
        "INSERT INTO session (id, title, framing_question, created_at, updated_at)"
        " VALUES (1, 'Old', 'How?', ?, ?)",
        (now, now),
    )
    conn.execute("INSERT INTO team (session_id, lane, name, colour) VALUES (1, 'A', 'P', '')")
    conn.execute("INSERT INTO team (session_id, lane, name, colour) VALUES (1, 'B', 'E', '')")
    conn.commit()
    conn.close()
    store = SqliteStore.open(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert store.load_session(1).title == "Old" and not store.checksum_failures
        assert any("Backed up" in n for n in store.notices)
    finally:
        store.close()


# ---- rolling backups and restore ---------------------------------------------------------------


def test_the_last_opens_are_kept_as_backups(db: Path) -> None:
    for _ in range(KEEP + 2):
        store = SqliteStore.open(db)
        assert store.take_rolling_backup() is not None
        store.close()
    found = list_backups(db)
    assert len(found) == KEEP
    assert all(p.parent == backup_folder(db) for p in found)
    conn = sqlite3.connect(found[0])
    assert conn.execute("SELECT title FROM session").fetchone() == (MARK,)
    conn.close()
    assert not list(backup_folder(db).glob(".*partial"))


def test_restore_backup_puts_the_copy_back_and_keeps_the_damaged_file(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    store = SqliteStore.open(db)
    store.take_rolling_backup()
    store.close()
    flip_a_byte_in_the_title(db)
    status, out, _ = run(capsys, "--db", db, "backups")
    assert status == 0 and len(out.splitlines()) == 1
    status, out, err = run(capsys, "--db", db, "restore-backup")
    assert status == 0 and out.startswith("restored ") and "moved the current database" in err
    moved = [p for p in db.parent.iterdir() if p.name.startswith("x.db.replaced-")]
    assert len(moved) == 1 and b"ZZPZ" in moved[0].read_bytes()  # nothing deleted
    status, out, err = run(capsys, "--db", db, "export", "1", "--format", "md")
    assert status == 0 and MARK in out and "checksum" not in err


def test_restore_is_refused_while_the_app_has_the_database_open(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    store = SqliteStore.open(db)
    store.take_rolling_backup()
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.hold_database", str(db)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().startswith("ready")
        status, _, err = run(capsys, "--db", db, "restore-backup")
        assert status == 2 and "already open in another Facilitator" in err
    finally:
        holder.kill()
        holder.wait()


def test_restoring_something_that_is_not_a_backup_is_refused(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database")
    before = db.read_bytes()
    status, _, err = run(capsys, "--db", db, "restore-backup", bogus)
    assert status == 2 and err.count("\n") == 1
    assert db.read_bytes() == before
    status, _, err = run(capsys, "--db", tmp_path / "none.db", "restore-backup")
    assert status == 2 and "no backup" in err


def test_a_checksum_written_by_another_version_is_resealed_not_reported(db: Path) -> None:
    """A newer app may write the session JSON with a new key: no false alarm after an upgrade."""
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER checksum_stale_session")  # write it as another version would
    conn.execute("UPDATE session SET checksum = 'sha256:0.0.1:v1:" + "0" * 64 + "'")
    conn.commit()
    conn.close()
    store = SqliteStore.open(db)
    try:
        store.load_session(1)
        assert not store.checksum_failures and not store.damage
    finally:
        store.close()
    value = checksum(db)
    assert value is not None and value.startswith(schema_scheme()) and "0" * 64 not in value


def schema_scheme() -> str:
    from storage.checksums import SCHEME

    return SCHEME
