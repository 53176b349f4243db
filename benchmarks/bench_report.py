"""The quarterly report over 500 reviews: from the database, and from an archive of 500 files.

Goal (issue 13): under 2 s for 500 reviews. Each figure is the median of N warm runs next to
its floor measured in the same run: for the database, the bare SQL queries that read every row
the report uses (sqlite3, `SELECT *` of each table, fetched); for the archive, reading and
`json.loads` of every file. The reviews come from the sample-history generator (seed 2026), so
they span the two quarters before today; the report covers both (`--since` the first day).

    python benchmarks/bench_report.py [--runs 3] [--reviews 500]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import median, report

from facilitator_app.exports.render import render_document
from facilitator_app.report.archive import publish, read_archive
from facilitator_app.report.build import build_report
from facilitator_app.report.gather import latest_revisions, load_local, select
from facilitator_app.report.period import span
from facilitator_app.sample_history import history_span, sample_history
from storage import SqliteStore

TARGET_MS = 2000.0
TABLES = (
    "session",
    "team",
    "attendee",
    "phase",
    "timeline_event",
    "observation",
    "speaking_interval",
    "factor",
    "factor_vote",
    "action_item",
    "action_status_change",
    "note",
    "parked_idea",
    "closing_poll",
    "closing_poll_answer",
    "event_link",
)


def timed(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return median(times), result


def sql_floor(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return sum(len(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES)
    finally:
        conn.close()


def json_floor(folder: Path) -> int:
    return sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in folder.glob("*.json"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reviews", type=int, default=500)
    args = parser.parse_args()
    today = datetime.now(UTC).date()
    first, last = history_span(today)
    period = span(first, last)
    reviews = sample_history(2026, today=today, count=args.reviews)
    over = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        archive = folder / "archive"
        archive.mkdir()
        store = SqliteStore.open(db)
        try:
            for session in reviews:
                store.create_session(session)
                publish(session, archive)
            print(
                f"report over {args.reviews} generated reviews ({period.label}), median of "
                f"{args.runs} warm runs; floors: bare SQL of every table / bare JSON parsing"
            )
            floor_sql, _ = timed(lambda: sql_floor(db), max(args.runs, 3))
            floor_json, _ = timed(lambda: json_floor(archive), max(args.runs, 3))
            render_document(build_report(select(reviews[:3], period)), "html")  # imports, once

            def from_db(fmt: str):  # type: ignore[no-untyped-def]
                def run() -> bytes:
                    chosen = select(load_local(store), period)
                    return render_document(build_report(chosen), fmt)

                return run

            def from_archive() -> bytes:
                read = read_archive(archive)
                chosen = select(latest_revisions(read.sessions), period, problems=read.problems)
                return render_document(build_report(chosen, archive_files=read.files), "md")

            load_ms, _ = timed(lambda: load_local(store), args.runs)
            report("  load 500 reviews from SQLite", load_ms, floor_sql, "ms")
            for fmt in ("md", "html"):
                ms, data = timed(from_db(fmt), args.runs)
                over |= ms > TARGET_MS
                report(
                    f"report --format {fmt} ({len(data) // 1024} KiB)",  # type: ignore[arg-type]
                    ms,
                    floor_sql,
                    "ms",
                    f"< {TARGET_MS:.0f} ms",
                )
            ms, data = timed(from_archive, args.runs)
            over |= ms > TARGET_MS
            report(
                f"report --archive ({args.reviews} files), md",
                ms,
                floor_json,
                "ms",
                f"< {TARGET_MS:.0f} ms",
            )
        finally:
            store.close()
    if over:
        print("over the 2 s goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
