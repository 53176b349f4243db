"""The live meeting's hot path: a floor key to the projector, and a switch's database write.

1. Key press -> shared screen repainted with the new holder: `1`/`2` alternately pressed on the
   console of the real app (dispatcher -> engine -> store write -> notify -> balance bar on the
   shared screen), timed until the shared screen's balance bar has painted the new holder.
   Floors: a bare window whose QShortcut sets a QLabel's text, timed until the label painted;
   and the same with a bare sqlite3 INSERT + COMMIT first (a switch that is also durable).
2. A switch's database write (the engine's one transaction: close the running interval, open
   the next, update the clock row) vs a bare sqlite3 INSERT + COMMIT with the same pragmas
   (WAL, synchronous=FULL, foreign keys), on the same disk.

    python benchmarks/bench_engine.py [--presses 1000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, percentile, report  # noqa: E402
from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtGui import QKeySequence, QShortcut  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget  # noqa: E402

from facilitator_app.engine import FACILITATOR, SystemClock  # noqa: E402
from facilitator_app.engine.floor import Floor  # noqa: E402
from facilitator_app.model import Lane, Session, two_teams  # noqa: E402
from facilitator_app.session_open import open_workspace  # noqa: E402
from storage import SqliteStore  # noqa: E402


class PaintCounter(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def wait_for(predicate, app: QApplication) -> None:  # type: ignore[no-untyped-def]
    while not predicate():
        app.processEvents()


def bare_connection(path: Path) -> sqlite3.Connection:
    """sqlite3 with the app's pragmas, and a table shaped like the speaking intervals."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS interval (id INTEGER PRIMARY KEY, session_id INTEGER,"
        " holder TEXT, lane TEXT, started_at TEXT, ended_at TEXT, seconds REAL)"
    )
    return conn


def bare_insert(conn: sqlite3.Connection, i: int) -> None:
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO interval (session_id, holder, lane, started_at, ended_at, seconds)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (1, "team", "AB"[i % 2], "2026-01-01T09:00:00+00:00", None, None),
    )
    conn.execute("COMMIT")


def bench_floor_window(
    app: QApplication, presses: int, conn: sqlite3.Connection | None = None
) -> list[float]:
    """A bare QShortcut that sets a QLabel's text (and, with `conn`, first commits a row)."""
    window = QWidget()
    label = QLabel("nobody")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = label.font()
    font.setPixelSize(60)
    label.setFont(font)
    QVBoxLayout(window).addWidget(label)
    state = {"holder": "B"}

    def switch() -> None:
        state["holder"] = "A" if state["holder"] == "B" else "B"
        if conn is not None:
            bare_insert(conn, len(state))
        label.setText(f"Team {state['holder']} has the floor")

    shortcut = QShortcut(QKeySequence("1"), window)
    shortcut.setAutoRepeat(False)
    shortcut.activated.connect(switch)
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    wait_for(lambda: QApplication.activeWindow() is window, app)
    counter = PaintCounter(label)
    times = []
    for _ in range(presses):
        before = counter.count
        start = time.perf_counter()
        QTest.keyClick(window, Qt.Key.Key_1)
        wait_for(lambda b=before: counter.count > b, app)
        times.append((time.perf_counter() - start) * 1000)
    window.close()
    return times


def bench_app(app: QApplication, presses: int, directory: Path) -> list[float]:
    from ui.app import AppController
    from ui.widgets.balance_bar import BalanceBar

    store = SqliteStore.open(directory / "app.db")
    session = Session("Benchmark", two_teams("Payments", "Edge"))
    store.create_session(session)
    workspace = open_workspace(store, store.load_session(session.id or 0), SystemClock())
    controller = AppController(workspace)
    controller.console.resize(1280, 800)
    controller.shared.resize(1280, 720)
    controller.console.show()
    controller.shared.show()
    controller.console.activateWindow()
    wait_for(lambda: QApplication.activeWindow() is controller.console, app)
    engine = workspace.meeting
    engine.start()
    balance = controller.shared.header_slots["balance"]
    assert isinstance(balance, BalanceBar)
    for _ in range(20):
        app.processEvents()
    times = []
    keys = (Qt.Key.Key_1, Qt.Key.Key_2)
    for i in range(presses):
        lane = Lane.A if i % 2 == 0 else Lane.B
        before = balance.paints
        start = time.perf_counter()
        QTest.keyClick(controller.console, keys[i % 2])
        wait_for(lambda b=before: balance.paints > b, app)
        times.append((time.perf_counter() - start) * 1000)
        shown = balance.text()
        assert (shown.a if lane is Lane.A else shown.b).speaking, "the screen shows another holder"
    controller.close_session()
    controller.shared.close()
    controller.console.close()
    store.close()
    return times


def bench_switch_writes(presses: int, directory: Path) -> tuple[list[float], list[float]]:
    """(store write ms, whole switch ms) for `presses` floor switches through the engine."""
    store = SqliteStore.open(directory / "writes.db")
    session = Session("Benchmark", two_teams("Payments", "Edge"))
    store.create_session(session)
    engine = open_workspace(store, store.load_session(session.id or 0), SystemClock()).meeting
    engine.start()
    writes: list[float] = []
    original = store.write_meeting

    def timed(session_id, write):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        original(session_id, write)
        writes.append((time.perf_counter() - start) * 1000)

    store.write_meeting = timed  # type: ignore[method-assign]
    whole = []
    floors = [Floor.team(Lane.A), Floor.team(Lane.B), FACILITATOR]
    writes.clear()
    for i in range(presses):
        start = time.perf_counter()
        engine.set_floor(floors[i % 3])
        whole.append((time.perf_counter() - start) * 1000)
    store.close()
    return writes, whole


def bench_bare_inserts(presses: int, directory: Path) -> list[float]:
    conn = bare_connection(directory / "bare.db")
    times = []
    for i in range(presses):
        start = time.perf_counter()
        bare_insert(conn, i)
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=1000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as tmp:
        directory = Path(tmp)
        floor = bench_floor_window(app, args.presses)
        conn = bare_connection(directory / "floor.db")
        durable = bench_floor_window(app, args.presses, conn)
        conn.close()
        ours = bench_app(app, args.presses, directory)
        print(
            f"key press -> shared screen repainted with the new holder "
            f"({args.presses} presses, {os.environ['QT_QPA_PLATFORM']}):"
        )
        report(
            "  p50 key -> repainted (app vs QShortcut+QLabel)", median(ours), median(floor), "ms"
        )
        report(
            "  p99 key -> repainted (app vs QShortcut+QLabel)",
            percentile(ours, 99),
            percentile(floor, 99),
            "ms",
            "<= 16 ms and <= 1.5x",
        )
        report("  p50 (vs QShortcut+QLabel+insert+commit)", median(ours), median(durable), "ms")
        report(
            "  p99 (vs QShortcut+QLabel+insert+commit)",
            percentile(ours, 99),
            percentile(durable, 99),
            "ms",
        )
        writes, whole = bench_switch_writes(args.presses, directory)
        bare = bench_bare_inserts(args.presses, directory)
        print(f"a floor switch's database write ({args.presses} switches, WAL, synchronous=FULL):")
        report("  p50 switch write (vs bare insert+commit)", median(writes), median(bare), "ms")
        report(
            "  p99 switch write (vs bare insert+commit)",
            percentile(writes, 99),
            percentile(bare, 99),
            "ms",
        )
        report(
            "  p99 whole switch in the engine (vs bare)",
            percentile(whole, 99),
            percentile(bare, 99),
            "ms",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
