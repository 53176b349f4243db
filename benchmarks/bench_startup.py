"""Start-up: `facilitator --demo --smoke` vs a bare two-window PySide6 app, to first paint.

Both are separate processes timed from spawn to the line each prints once both of its windows
have painted, and to its exit (the whole process); peak memory is the child's max RSS. Median
of N runs each, interleaved.

    python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median, report

ROOT = Path(__file__).resolve().parent.parent

BARE_APP = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
console, shared = QMainWindow(), QLabel("shared screen")
console.setCentralWidget(QLabel("console"))
waiting = {console, shared}
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj in waiting:
            waiting.discard(obj)
            if not waiting:
                print("painted", flush=True)
                QTimer.singleShot(0, app.quit)
        return False
watch = Watch()
for w in (console, shared):
    w.installEventFilter(watch)
    w.resize(1280, 720)
    w.show()
app.exec()
"""


def run_once(argv: list[str]) -> tuple[float, float, float, float]:
    """Seconds from spawn to the first line on stdout (both windows painted), seconds from spawn
    to the child's exit (the whole process: it quits right after the first paint), the child's
    CPU seconds (user + system: what a loaded machine's waiting does not inflate), and its peak
    RSS in MB."""
    env = dict(os.environ)
    # As installed: byte-code cached (a wheel install compiles it), not recompiled every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    whole = time.perf_counter() - start
    if not line or os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark child failed: {argv}")
    return elapsed, whole, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _existing_database(folder: Path) -> Path:
    """A user's database as it is on an ordinary start: the demo session, already stored at
    the current schema (an ordinary start migrates nothing)."""
    exported = folder / "demo.json"
    command = [sys.executable, "-m", "facilitator_app"]
    subprocess.run([*command, "--demo", "export", "1", "--format", "json", "-o", str(exported)],
                   check=True, capture_output=True, cwd=ROOT)  # fmt: skip
    db = folder / "user.db"
    subprocess.run([*command, "--db", str(db), "import-session", str(exported)],
                   check=True, capture_output=True, cwd=ROOT)  # fmt: skip
    return db


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bare = [sys.executable, "-c", BARE_APP]
    demo = [sys.executable, "-m", "facilitator_app", "--demo", "--smoke"]
    with tempfile.TemporaryDirectory() as folder:
        existing = [
            sys.executable,
            "-m",
            "facilitator_app",
            "--db",
            str(_existing_database(Path(folder))),
            "--smoke",
        ]
        runs = {"bare": bare, "demo": demo, "existing": existing}
        for argv in runs.values():
            run_once(argv)  # warm the page cache and the font cache
        figures: dict[str, list[list[float]]] = {name: [[], [], [], []] for name in runs}
        for _ in range(args.runs):  # interleaved: the machine's noise falls on all alike
            for name, argv in runs.items():
                t, w, c, m = run_once(argv)
                for column, value in zip(
                    figures[name], (t * 1000, w * 1000, c * 1000, m), strict=True
                ):
                    column.append(value)
    print(
        f"start-up, median of {args.runs} interleaved runs each "
        f"(platform {os.environ.get('QT_QPA_PLATFORM') or 'auto'}):"
    )
    bare_t, bare_w, bare_c, bare_m = (median(c) for c in figures["bare"])
    for name, label in (
        ("existing", "an ordinary start (the user's database)"),
        ("demo", "--demo (a new database every run, copied from the cached empty one)"),
    ):
        ours_t, ours_w, ours_c, ours_m = (median(c) for c in figures[name])
        print(f"{label}:")
        report("  both windows painted", ours_t, bare_t, "ms", "<= 2x, stretch 1.5x")
        report("  whole process (spawn to exit)", ours_w, bare_w, "ms", "<= 2x")
        report("  whole process, CPU time (user + system)", ours_c, bare_c, "ms")
        report("  peak memory (max RSS)", ours_m, bare_m, "MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
