# Over 500 lines on purpose: each timeline figure beside its floor, measured in one run.
"""The timeline: import, widget build, repaint, scrolling, memory, each beside its floor.

- import of N CSV rows (parse, validate, dedupe, one transaction into the real schema) vs the
  floor: a bare `csv.reader` + one `sqlite3.executemany` of the same rows in one transaction,
  same pragmas (WAL, synchronous=FULL);
- building the timeline widget over 10,000 events vs a QGraphicsScene of 10,000 rect items;
- one full repaint, and the p95 frame time of scrolling (target <= 16 ms), vs a bare widget that
  draws the same number of boxes and lines of text;
- peak Python memory (tracemalloc) of the import vs the floor's;
- a Slack export zip of N messages (one channel, bots, threads; another channel beside it)
  vs its floor: the same day files unzipped, `json.loads`ed, and one `executemany` of ts, user
  and text.

    python benchmarks/bench_timeline.py [--runs 3] [--rows 10000] [--big 100000]
        [--slack 50000] [--only-import]
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import median, percentile, report  # noqa: E402

from facilitator_app.model import Session, two_teams  # noqa: E402
from facilitator_app.timeline.importing import (  # noqa: E402
    FieldMapping,
    ImportOptions,
    Limits,
    parse_timeline,
)
from facilitator_app.timeline.merge import assign_seq, next_seq  # noqa: E402
from storage import SqliteStore  # noqa: E402

TEAMS = ("Payments", "Edge Platform")
HEADER = [
    "timestamp",
    "team",
    "actor",
    "event",
    "observation",
    "aware_of_other_team",
    "source_url",
    "tags",
]
OFFSETS = [timezone(timedelta(hours=h)) for h in (1, -5, 0, 5.5)]
BIG_LIMITS = Limits(max_rows=1_000_000)


def write_csv(path: Path, rows: int, seed: int = 4) -> None:
    rng = random.Random(seed)
    start = datetime(2026, 11, 10, 12, tzinfo=UTC)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            when = (start + timedelta(seconds=i * 3 + rng.randint(0, 2))).astimezone(
                rng.choice(OFFSETS)
            )
            text = f"Event {i}: service {rng.randint(1, 40)} reports, as seen, {rng.random():.4f}"
            seen = 'Dashboards said, quote: "green"\nthen red' if i % 50 == 0 else "saw it"
            writer.writerow(
                [
                    when.isoformat(),
                    TEAMS[i % 2],
                    "on-call",
                    text,
                    seen,
                    rng.choice(["yes", "no", "unknown"]),
                    f"https://logs.example.com/q?id={i}",
                    "divergence point" if i == 777 else "",
                ]
            )


def fresh_store(directory: Path) -> tuple[SqliteStore, Session]:
    path = directory / f"bench-{time.perf_counter_ns()}.db"
    store = SqliteStore.open(path, lock=False)
    session = Session("Bench", two_teams(*TEAMS))
    store.create_session(session)
    return store, session


def import_full(csv_path: Path, directory: Path, limits: Limits) -> Callable[[], int]:
    """Set up a database with a session (not timed); return the import itself (timed)."""
    store, session = fresh_store(directory)
    assert session.id is not None
    session_id = session.id

    def run() -> int:
        result = parse_timeline(
            csv_path.read_bytes(),
            file=csv_path.name,
            teams=session.teams,
            options=ImportOptions(limits=limits),
            existing=session.events,
        )
        store.import_event_rows(session_id, result.rows, next_seq(session.events))
        return len(result.rows)

    AFTER_TIMING.append(store.close)  # closing runs PRAGMA optimize: not part of an import
    return run


def import_floor(csv_path: Path, directory: Path) -> Callable[[], int]:
    """The least any importer must do: read the rows, write them in one transaction."""
    conn = sqlite3.connect(directory / f"floor-{time.perf_counter_ns()}.db")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE event (timestamp TEXT, team TEXT, actor TEXT, event TEXT, "
        "observation TEXT, aware TEXT, url TEXT, tags TEXT)"
    )

    def run() -> int:
        with csv_path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            rows = list(reader)
        with conn:
            conn.executemany("INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    AFTER_TIMING.append(conn.close)
    return run


def import_schema_floor(csv_path: Path, directory: Path) -> Callable[[], int]:
    """A second yardstick: the same rows into our own two tables (indexes, checks, foreign
    keys), with no parsing, validation or model objects: what the storage alone costs."""
    store, session = fresh_store(directory)
    conn = store.conn
    first = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM timeline_event").fetchone()[0])

    def run() -> int:
        with csv_path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            rows = list(reader)
        events = [
            (
                first + i,
                session.id,
                r[0],
                r[0],
                i,
                "A" if r[1] == TEAMS[0] else "B",
                r[2],
                r[3],
                r[6],
                "",
                "[]",
            )
            for i, r in enumerate(rows)
        ]
        observations = [(first + i, "A", r[4], r[5]) for i, r in enumerate(rows)]
        with conn:
            conn.executemany(
                "INSERT INTO timeline_event (id, session_id, occurred_at, occurred_utc, seq, "
                "lane, actor, description, source_url, imported_from, tags) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                events,
            )
            conn.executemany(
                "INSERT INTO observation (event_id, lane, saw, aware_of_other) VALUES (?, ?, ?, ?)",
                observations,
            )
        return len(rows)

    AFTER_TIMING.append(store.close)
    return run


AFTER_TIMING: list[Callable[[], object]] = []  # clean-ups that must not count

SLACK_USERS = ["U01", "U02", "U03", "U04"]
PER_DAY = 2_000


def write_slack_export(path: Path, messages: int, seed: int = 7) -> None:
    """An export zip: users, channels, #incident with `messages` messages over days (people,
    alert bots with attachments, thread replies, uploads, joins) and a #random beside it."""
    rng = random.Random(seed)
    start = int(datetime(2026, 11, 10, tzinfo=UTC).timestamp())
    users = [
        {"id": u, "name": u.lower(), "profile": {"display_name": f"user {u}"}} for u in SLACK_USERS
    ]
    channels = [{"id": "C1", "name": "incident"}, {"id": "C2", "name": "random"}]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.json", json.dumps(users))
        archive.writestr("channels.json", json.dumps(channels))
        archive.writestr(
            "random/2026-11-10.json",
            json.dumps([{"ts": f"{start}.000001", "user": "U01", "text": "hi"}]),
        )
        for day in range(0, messages, PER_DAY):
            batch = []
            for i in range(day, min(day + PER_DAY, messages)):
                ts = f"{start + i * 4}.{i % 1_000_000:06d}"
                kind = i % 20
                if kind == 0:
                    message: dict[str, object] = {
                        "type": "message",
                        "subtype": "bot_message",
                        "ts": ts,
                        "bot_id": "B1",
                        "text": "",
                        "attachments": [
                            {
                                "fallback": f"[Triggered] alert {i} on checkout-api",
                                "title": f"alert {i}",
                            }
                        ],
                    }
                elif kind == 1:
                    message = {
                        "type": "message",
                        "subtype": "channel_join",
                        "ts": ts,
                        "user": "U02",
                        "text": "<@U02> has joined the channel",
                    }
                elif kind == 2:
                    message = {
                        "type": "message",
                        "ts": ts,
                        "user": "U03",
                        "text": "",
                        "files": [{"name": f"graph-{i}.png", "title": f"graph {i}"}],
                    }
                else:
                    message = {
                        "type": "message",
                        "ts": ts,
                        "user": rng.choice(SLACK_USERS),
                        "text": f"<@U01> saw {rng.random():.4f} on "
                        f"<https://grafana.example.com/d/{i}|dashboard> &amp; more",
                        "thread_ts": ts if kind == 3 else None,
                    }
                batch.append(message)
            day_name = (datetime(2026, 11, 10) + timedelta(days=day // PER_DAY)).date().isoformat()
            archive.writestr(f"incident/{day_name}.json", json.dumps(batch, indent=4))


def slack_full(path: Path, directory: Path) -> Callable[[], int]:
    store, session = fresh_store(directory)
    assert session.id is not None
    session_id = session.id
    options = ImportOptions(
        format="slack",
        channel="incident",
        workspace_url="https://acme.slack.com",
        mapping=FieldMapping(default_team=TEAMS[0], team_values={"U02": TEAMS[1]}),
        limits=BIG_LIMITS,
    )

    def run() -> int:
        result = parse_timeline(
            path.read_bytes(), file=path.name, teams=session.teams, options=options
        )
        store.import_event_rows(session_id, result.rows, next_seq(session.events))
        return len(result.rows)

    AFTER_TIMING.append(store.close)
    return run


def slack_floor(path: Path, directory: Path) -> Callable[[], int]:
    """The least: unzip the channel's day files, parse them, write ts/user/text in one go."""
    conn = sqlite3.connect(directory / f"slack-floor-{time.perf_counter_ns()}.db")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE message (ts TEXT, user TEXT, text TEXT)")

    def run() -> int:
        rows = []
        with zipfile.ZipFile(path) as archive:
            for name in sorted(n for n in archive.namelist() if n.startswith("incident/")):
                for m in json.loads(archive.read(name)):
                    rows.append((m["ts"], m.get("user"), m.get("text")))
        with conn:
            conn.executemany("INSERT INTO message VALUES (?, ?, ?)", rows)
        return len(rows)

    AFTER_TIMING.append(conn.close)
    return run


def bench_slack(directory: Path, messages: int, runs: int) -> None:
    path = directory / f"slack-{messages}.zip"
    write_slack_export(path, messages)
    full = timed(lambda: slack_full(path, directory), runs)
    floor = timed(lambda: slack_floor(path, directory), runs)
    report(f"import a {messages:,}-message Slack export (s)", full, floor, "s")


def finish() -> None:
    while AFTER_TIMING:
        AFTER_TIMING.pop()()


def timed(setup: Callable[[], Callable[[], object]], runs: int) -> float:
    """Median seconds of `setup()()`, timing only the returned callable."""
    values = []
    for _ in range(runs):
        run = setup()
        gc.collect()
        start = time.perf_counter()
        run()
        values.append(time.perf_counter() - start)
        finish()
    return median(values)


def peak_mb(setup: Callable[[], Callable[[], object]]) -> float:
    run = setup()
    gc.collect()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    finish()
    return peak / 1e6


def bench_import(directory: Path, rows: int, runs: int, target: str) -> None:
    path = directory / f"timeline-{rows}.csv"
    write_csv(path, rows)
    limits = BIG_LIMITS if rows > 200_000 else Limits(max_rows=max(rows, 200_000))
    assert import_full(path, directory, limits)() == rows
    finish()
    full = timed(lambda: import_full(path, directory, limits), runs)
    floor = timed(lambda: import_floor(path, directory), runs)
    report(f"import {rows:,} CSV rows (s)", full, floor, "s", target)
    schema = timed(lambda: import_schema_floor(path, directory), runs)
    report("  the same vs storing into our schema only (s)", full, schema, "s")
    if rows <= 10_000:
        report(
            f"import {rows:,} rows: peak Python memory (MB)",
            peak_mb(lambda: import_full(path, directory, limits)),
            peak_mb(lambda: import_floor(path, directory)),
            "MB",
        )


def bench_widget(directory: Path, rows: int, frames: int, *, quiet: bool = False) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QPainter, QPaintEvent
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QWidget

    from facilitator_app.workspace import Workspace
    from ui.bridge import WorkspaceBridge
    from ui.timeline.widget import TimelineWidget

    app = QApplication.instance() or QApplication([])
    say = (lambda *a, **k: None) if quiet else report
    path = directory / f"widget-{rows}.csv"
    write_csv(path, rows)
    store, session = fresh_store(directory)
    assert session.id is not None
    result = parse_timeline(
        path.read_bytes(), file=path.name, teams=session.teams, options=ImportOptions()
    )
    assign_seq(session.events, result.events)
    store.import_events(session.id, result.events)
    session = store.load_session(session.id)
    workspace = Workspace(store, session)
    bridge = WorkspaceBridge(workspace)

    def build() -> TimelineWidget:
        widget = TimelineWidget(bridge)
        widget.resize(1600, 360)
        return widget

    def scene() -> QGraphicsScene:
        s = QGraphicsScene()
        for i in range(rows):
            s.addRect(QRectF(i * 30.0, (i % 2) * 150.0, 240, 110))
        return s

    say(
        f"timeline widget build, {rows:,} events (ms)",
        timed(lambda: build, 5) * 1000,
        timed(lambda: scene, 5) * 1000,
        "ms",
    )

    widget = build()
    widget.show()
    app.processEvents()
    visible = len(widget.layout_.visible_cards(0, widget.viewport().width()))

    class Bare(QWidget):
        """The floor: the same number of boxes with three lines of text each."""

        offset = 0

        def paintEvent(self, event: QPaintEvent) -> None:
            p = QPainter(self)
            p.fillRect(self.rect(), QColor("#FAFAF7"))
            for i in range(visible):
                x = (i // 2) * 300 - self.offset % 300
                box = QRectF(x, (i % 2) * 180 + 10, 280, 160)
                p.drawRect(box)
                for line in range(3):
                    p.drawText(box.adjusted(8, 8 + line * 18, 0, 0), f"event {i} line {line}")

    bare = Bare()
    bare.resize(widget.size())
    bare.show()
    app.processEvents()

    def repaint_full() -> None:
        widget.viewport().repaint()

    def repaint_bare() -> None:
        bare.repaint()

    say(
        "one full repaint (ms)",
        timed(lambda: repaint_full, 20) * 1000,
        timed(lambda: repaint_bare, 20) * 1000,
        "ms",
    )

    bar = widget.horizontalScrollBar()
    frames_ms, bare_ms = [], []
    step = 37
    for i in range(frames):
        start = time.perf_counter()
        bar.setValue((i * step) % max(1, bar.maximum()))
        widget.viewport().repaint()
        frames_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        bare.offset = i * step
        bare.repaint()
        bare_ms.append((time.perf_counter() - start) * 1000)
    say(
        "scrolling frame time p95 (ms)",
        percentile(frames_ms, 95),
        percentile(bare_ms, 95),
        "ms",
        "<= 16 ms",
    )
    widget.close()
    bare.close()
    store.close()


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM; `ru_maxrss` would include the parent's, on Linux
    a forked child inherits it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


BARE_WINDOW = """
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1600, 360)
window.show()
app.processEvents()
for line in Path("/proc/self/status").read_text().splitlines():
    if line.startswith("VmHWM:"):
        print(int(line.split()[1]) / 1024)
"""


def child_peak_mb(argv: list[str]) -> float:
    """Peak RSS of a child process: the last line it prints (MB)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True).stdout
    return float(out.strip().splitlines()[-1])


def bench_memory() -> None:
    ours = child_peak_mb([sys.executable, __file__, "--only-widget", "--frames", "20"])
    bare = child_peak_mb([sys.executable, "-c", BARE_WINDOW])
    report("peak RSS: 10,000 events in the widget (MB)", ours, bare, "MB", "floor: a bare window")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--slack", type=int, default=50_000)
    parser.add_argument("--only-import", action="store_true", help="skip the widget benchmarks")
    parser.add_argument("--only-widget", action="store_true", help=argparse.SUPPRESS)
    args, _unknown = parser.parse_known_args()
    if args.only_widget:  # the child of bench_memory: build and scroll, print the peak RSS
        with tempfile.TemporaryDirectory(prefix="bench-timeline-") as tmp:
            bench_widget(Path(tmp), args.rows, args.frames, quiet=True)
        print(peak_rss_mb())
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-timeline-") as tmp:
        directory = Path(tmp)
        bench_import(directory, args.rows, args.runs, "")
        bench_import(directory, args.big, max(1, args.runs - 1), "<= 3x")
        bench_slack(directory, args.slack, max(1, args.runs - 1))
        if args.only_import:
            return 0
        bench_widget(directory, args.rows, args.frames)
    bench_memory()
    return 0


if __name__ == "__main__":
    sys.exit(main())
