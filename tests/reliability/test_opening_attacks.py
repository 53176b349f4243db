"""Items 1-4 of issue 16: what `--db` may name, and reading a database another tool damaged.

Each test starts from the reproduction in the issue (the exact command line) and asserts one
line on standard error, exit 2 (or a working command), and nothing created or lost.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import storage.db_path
from facilitator_app.cli import main
from storage import SqliteStore
from tests.helpers.sessions import rich_session

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_error(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("facilitator: error: "), repr(err)
    return err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    store = SqliteStore.open(path)
    store.create_session(rich_session())
    store.close()
    return path


# ---- 1. one lock per real file -----------------------------------------------------------------


def test_a_symlink_to_an_open_database_is_refused_as_a_second_writer(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    link = db.with_name("link.db")
    link.symlink_to(db.name)  # ln -s c.db link.db
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.hold_database", str(db)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().startswith("ready")
        status, _, err = run(capsys, "--db", link, "new-session", "--title", "t",
                             "--team-a", "a", "--team-b", "b")  # fmt: skip
        assert status == 2 and "already open in another Facilitator" in one_error(err)
        assert not link.with_name("link.db-wal").exists()  # no second journal by the other name
    finally:
        holder.kill()
        holder.wait()


def test_a_database_with_a_hard_link_is_refused_by_either_name(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    hard = db.with_name("h.db")
    os.link(db, hard)  # ln c.db h.db
    for name in (db, hard):
        status, _, err = run(capsys, "--db", name, "sessions")
        assert status == 2 and "hard link" in one_error(err)
    assert not hard.with_name("h.db-wal").exists() and not hard.with_name("h.db.lock").exists()


# ---- 2. a read-only folder ---------------------------------------------------------------------


@pytest.fixture
def read_only_folder(monkeypatch: pytest.MonkeyPatch, db: Path) -> Path:
    """As a normal user after `chmod 555` on the folder (the suite may run as root, which may
    write anywhere, so the permission check is what is replaced)."""
    real_access = os.access
    folder = db.parent

    def access(path: os.PathLike[str] | str, mode: int, **kw: object) -> bool:
        if Path(path) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(storage.db_path.os, "access", access)
    return db


def test_a_read_only_folder_opens_read_only_with_a_notice(
    capsys: pytest.CaptureFixture[str], read_only_folder: Path
) -> None:
    before = read_only_folder.read_bytes()
    status, out, err = run(capsys, "--db", read_only_folder, "sessions")
    assert status == 0 and len(out.splitlines()) == 1
    assert "read-only" in err and "Traceback" not in err
    status, _, err = run(capsys, "--db", read_only_folder, "new-session", "--title", "t",
                         "--team-a", "a", "--team-b", "b")  # fmt: skip
    assert status == 2 and "read-only; nothing can be saved" in err.splitlines()[-1]
    assert read_only_folder.read_bytes() == before


def test_a_lock_file_that_cannot_be_created_means_read_only(
    monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    def refuse(self: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("storage.lock.DatabaseLock.acquire", refuse)
    store = SqliteStore.open(db)
    try:
        assert store.read_only and store.list_sessions()
        assert any("read-only" in n for n in store.notices)
    finally:
        store.close()


# ---- 3. only a regular file or a path to create ------------------------------------------------


@pytest.mark.parametrize("name", ["somedir", "", "/", "/proc/version", "/dev/null"])
def test_a_folder_an_empty_path_root_a_kernel_file_or_a_device_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "somedir").mkdir()
    if name == "/proc/version" and not Path(name).exists():
        pytest.skip("no procfs")
    status, _, err = run(capsys, "--db", name, "sessions")
    assert status == 2
    one_error(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["somedir"]
    assert not Path("/dev/null-journal").exists() and not Path("/dev/null.lock").exists()
    assert not list((tmp_path / "somedir").iterdir())


# ---- 4. text that is not UTF-8 -----------------------------------------------------------------


def test_text_that_is_not_utf8_is_read_replaced_and_the_record_named(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE session SET title = CAST(X'4142FF' AS TEXT)")
    conn.execute("UPDATE timeline_event SET actor = CAST(X'C328' AS TEXT) WHERE id = 1")
    conn.commit()
    conn.close()
    status, out, err = run(capsys, "--db", db, "sessions")
    assert status == 0 and "AB\ufffd" in out
    assert "session 1: title held bytes that are not UTF-8" in err
    status, out, err = run(capsys, "--db", db, "export", "1", "--format", "md")
    assert status == 0 and "AB\ufffd" in out
    assert "timeline_event 1: actor" in err and "Traceback" not in err


def test_a_meeting_runs_on_a_read_only_database_and_nothing_is_saved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from facilitator_app.engine import ClockState, ManualClock, MeetingEngine
    from facilitator_app.model import Lane
    from facilitator_app.workspace import Workspace

    db = tmp_path / "meeting.db"
    store = SqliteStore.open(db)
    session_id = store.create_session(rich_session())
    store.close()
    before = db.read_bytes()
    real_access = os.access
    monkeypatch.setattr(
        storage.db_path.os,
        "access",
        lambda p, m, **kw: False if Path(p) == tmp_path and m & os.W_OK else real_access(p, m),
    )
    store = SqliteStore.open(db)
    try:
        assert store.read_only
        clock = ManualClock()
        engine = MeetingEngine(Workspace(store, store.load_session(session_id)), clock)
        engine.toggle_team(Lane.A)
        engine.start()
        clock.advance(3)
        engine.tick()
        assert engine.state is ClockState.RUNNING
        assert engine.totals().team_a >= 3
        assert store.storage_warning is not None and "read-only" in store.storage_warning
    finally:
        store.close()
    assert db.read_bytes() == before


def test_the_lock_is_keyed_by_the_files_device_and_inode(db: Path) -> None:
    """Another name for the same file (here a hard link, as a bind mount would give) meets the
    same lock, even though its `.lock` file is a different one."""
    from facilitator_app.errors import StorageError
    from storage.lock import DatabaseLock

    alias = db.with_name("alias.db")
    os.link(db, alias)
    first = DatabaseLock(db)
    first.acquire()
    try:
        with pytest.raises(StorageError, match="already open"):
            DatabaseLock(alias).acquire()
    finally:
        first.release()
    second = DatabaseLock(alias)
    second.acquire()  # free again once released
    second.release()
