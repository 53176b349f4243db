"""A second Facilitator process for tests: opens a database, writes a session, then waits.

Run as `python -m tests.helpers.hold_database PATH`. It prints `ready <session id>` once the
session is committed, then holds the database (and its lock) until its standard input closes or
it is killed. It never checkpoints on purpose: a `kill -9` leaves the `-wal` file behind, as a
crash in a meeting would.
"""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator_app.demo import load_demo_session
from storage import SqliteStore


def main(path: str) -> int:
    store = SqliteStore.open(Path(path))
    session = load_demo_session()
    session.title = "Held by another process"
    session_id = store.create_session(session)
    print(f"ready {session_id}", flush=True)
    sys.stdin.read()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
