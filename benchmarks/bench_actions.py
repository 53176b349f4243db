"""The specific test and dot voting: what the facilitator waits for while typing and voting.

- checking one action item (the live verdict runs on every keystroke), against the floor of
  running one compiled regular expression over the same text;
- one dot cast through the workspace (model, SQLite write, undo, notify), against the floor of
  one bare sqlite3 UPDATE transaction in WAL + synchronous=FULL on the same disk.

    python benchmarks/bench_actions.py [--runs 2000]
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median, report  # noqa: E402

from facilitator_app.actions.check import ActionSpec, check_action  # noqa: E402
from facilitator_app.factors import add_factor  # noqa: E402
from facilitator_app.model import (  # noqa: E402
    ActionKind,
    Attendee,
    FactorOwner,
    Lane,
    Session,
    two_teams,
)
from facilitator_app.voting import cast_dot, clear_dots, voters  # noqa: E402
from facilitator_app.workspace import Workspace  # noqa: E402
from storage import SqliteStore  # noqa: E402

ITEMS = [
    ActionSpec(
        "Joint runbook for failover, reviewed in a game day",
        ActionKind.JOINT,
        lead="Priya Raman",
        due="2026-12-15",
        test="runbook reviewed in a game day",
    ),
    ActionSpec("Improve communication between teams", ActionKind.PROCESS, owner="Dana", due="soon"),
    ActionSpec(
        "Add an alert when checkout 5xx rate exceeds 2% for 5 minutes",
        owner="Marco",
        due="2026-12-05",
    ),
]


def small_session() -> Session:
    people = [Attendee(n, lane=Lane.A) for n in ("Ana", "Ben", "Cleo", "Dev")]
    people += [Attendee(n, lane=Lane.B) for n in ("Eve", "Finn")]
    return Session("bench", two_teams("Payments", "Edge"), attendees=people)


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e6)
    return samples


def bench_checker(runs: int) -> None:
    check_action(ITEMS[0])  # load the patterns once, as the app does on first use
    floor_pattern = re.compile(r"\b(?:improve|look into|runbook|alert)\b", re.IGNORECASE)
    texts = [i.description for i in ITEMS]
    check = median(timed(lambda: [check_action(i) for i in ITEMS], runs)) / len(ITEMS)
    floor = median(timed(lambda: [floor_pattern.search(t) for t in texts], runs)) / len(texts)
    report("check one action item (live verdict)", check, floor, "µs", "< 5000 µs per keystroke")


def bench_dot(runs: int, directory: Path) -> None:
    store = SqliteStore.open(directory / "bench.db")
    session = small_session()
    store.create_session(session)
    ws = Workspace(store, session)
    factor = add_factor(ws, "factor", FactorOwner.A)
    people = [a.id for a in voters(session) if a.id is not None]

    def one_round() -> None:
        for person in people:
            cast_dot(ws, person, factor)
        for person in people:
            clear_dots(ws, person)

    per_round = len(people) * 2
    dot = median(timed(one_round, max(10, runs // 20))) / per_round
    store.close()

    conn = sqlite3.connect(directory / "floor.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, votes INTEGER)")
    conn.execute("INSERT INTO t VALUES (1, 0)")

    def bare() -> None:
        conn.execute("BEGIN")
        conn.execute("UPDATE t SET votes = votes + 1 WHERE id = 1")
        conn.execute("COMMIT")

    floor = median(timed(bare, max(10, runs // 20)))
    conn.close()
    report("one dot cast (model + SQLite + undo)", dot, floor, "µs", "< 50 ms per key")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    bench_checker(args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        bench_dot(args.runs, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
