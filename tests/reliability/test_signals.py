"""Item 11 of issue 16: SIGTERM and SIGINT end the app as Quit does.

The real app runs in a child process (offscreen Qt) on a meeting whose clock is running; the
test waits until the child catches SIGTERM (its /proc status says so), sends the signal, and
reads the database after the child has exited: the clock paused, no interval left open, the
lock free.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator_app.engine import MeetingEngine, SystemClock
from facilitator_app.model import Lane
from facilitator_app.workspace import Workspace
from storage import SqliteStore
from tests.helpers.meeting import new_session

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")


def _catches(pid: int, signum: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signum - 1)))


def _running_meeting(path: Path) -> int:
    """A meeting whose clock runs with team A on the floor, left as a running app leaves it."""
    store = SqliteStore.open(path)
    session_id = store.create_session(new_session())
    workspace = Workspace(store, store.load_session(session_id))
    engine = MeetingEngine(workspace, SystemClock())
    engine.toggle_team(Lane.A)
    engine.start()
    store.close()
    return session_id


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_quits_cleanly(tmp_path: Path, signum: int) -> None:
    db = tmp_path / "meeting.db"
    session_id = _running_meeting(db)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "facilitator_app", "--db", str(db), "--session", str(session_id)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60  # a safety net against a hang, not a measurement
        while not _catches(child.pid, signal.SIGTERM):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the app never installed its SIGTERM handler"
            time.sleep(0.05)
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT state FROM meeting_clock").fetchone() == ("running",)
        conn.close()
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert "Traceback" not in err
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT state, open_interval_id FROM meeting_clock").fetchone() == (
            "paused",
            None,
        )
        assert conn.execute(
            "SELECT count(*) FROM speaking_interval WHERE ended_at IS NULL"
        ).fetchone() == (0,)
    finally:
        conn.close()
    again = SqliteStore.open(db)  # the lock was released
    again.close()
