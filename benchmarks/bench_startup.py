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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bare = [sys.executable, "-c", BARE_APP]
    ours = [sys.executable, "-m", "facilitator_app", "--demo", "--smoke"]
    run_once(bare), run_once(ours)  # warm the page cache and the font cache
    bare_t, bare_w, bare_c, bare_m, ours_t, ours_w, ours_c, ours_m = ([] for _ in range(8))
    for _ in range(args.runs):
        t, w, c, m = run_once(bare)
        bare_t.append(t * 1000)
        bare_w.append(w * 1000)
        bare_c.append(c * 1000)
        bare_m.append(m)
        t, w, c, m = run_once(ours)
        ours_t.append(t * 1000)
        ours_w.append(w * 1000)
        ours_c.append(c * 1000)
        ours_m.append(m)
    print(
        f"start-up, median of {args.runs} runs each "
        f"(platform {os.environ.get('QT_QPA_PLATFORM') or 'auto'}):"
    )
    report(
        "both windows painted, demo session loaded",
        median(ours_t),
        median(bare_t),
        "ms",
        "<= 2x, stretch 1.5x",
    )
    report("whole process (spawn to exit)", median(ours_w), median(bare_w), "ms", "<= 2x")
    report("whole process, CPU time (user + system)", median(ours_c), median(bare_c), "ms")
    report("peak memory (max RSS)", median(ours_m), median(bare_m), "MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
