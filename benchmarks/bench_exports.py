"""Export speed on a large review: 1,000 timeline events, 30 action items (issue 7).

Targets: Markdown and HTML <= 0.3 s, PDF <= 2 s. Each figure is the median of N warm runs
(matplotlib, Jinja2 and fpdf2 already imported, as in a running app after its first export),
next to its floor measured in the same run: writing the same number of bytes to a new file with
fsync. The first (cold) run of each, which also pays for those imports, is printed too, and
the CPU time of the warm runs: on a shared machine it moves less than the wall-clock time.

    python benchmarks/bench_exports.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import median, report

from facilitator_app.atomic_write import write_atomically
from facilitator_app.exports.formats import FORMATS
from tests.helpers.export_sessions import export_session

TARGETS = {"md": 300.0, "html": 300.0, "pdf": 2000.0}  # milliseconds


def write_floor(data: bytes, folder: Path, runs: int) -> float:
    """Milliseconds to write `data` to a new file and fsync it: what any export pays."""
    times = []
    for i in range(runs):
        path = folder / f"floor-{i}.bin"
        start = time.perf_counter()
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        times.append((time.perf_counter() - start) * 1000)
        path.unlink()
    return median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    session = export_session(events=1000, actions=30)
    print(
        f"exports of a {len(session.events)}-event session with {len(session.actions)} action "
        f"items, median of {args.runs} warm runs (floor: writing as many bytes, fsynced):"
    )
    over = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, target in TARGETS.items():
            render = FORMATS[name].render
            start = time.perf_counter()
            data = render(session)
            cold = (time.perf_counter() - start) * 1000
            times, cpu, totals = [], [], []
            for _ in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                data = render(session)
                rendered, rendered_cpu = time.perf_counter(), time.process_time()
                write_atomically(folder / f"notes.{name}", data)
                times.append((rendered - start) * 1000)
                cpu.append((rendered_cpu - start_cpu) * 1000)
                totals.append((time.perf_counter() - start) * 1000)
            floor = write_floor(data, folder, max(args.runs, 5))
            warm = median(times)
            over |= warm > target
            report(
                f"{name} notes, render ({len(data) // 1024} KiB)",
                warm,
                floor,
                "ms",
                f"<= {target:.0f} ms",
            )
            report(f"{name} notes, render, CPU time", median(cpu), floor, "ms")
            report(f"{name} notes, render + atomic write", median(totals), floor, "ms")
            report(f"{name} notes, first (cold) run", cold, floor, "ms")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
