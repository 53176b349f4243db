"""Export speed on a large review: 1,000 timeline events, 30 action items (issue 7).

Targets: Markdown and HTML <= 0.3 s, PDF <= 2 s. Each figure is the median of several warm runs
(matplotlib, Jinja2 and fpdf2 already imported, as in a running app after its first export),
printed with its ratio to the floor measured in the same run: writing the same number of bytes
to a file with fsync. The first (cold) run, which pays for the imports, is printed too.

    python benchmarks/bench_exports.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator_app.atomic_write import write_atomically
from facilitator_app.export_formats import FORMATS
from tests.helpers.export_sessions import export_session

TARGETS = {"md": 0.3, "html": 0.3, "pdf": 2.0}


def write_floor(data: bytes, folder: Path, runs: int) -> float:
    """The time to write `data` to a new file and fsync it: what any export has to pay."""
    times = []
    for i in range(runs):
        path = folder / f"floor-{i}.bin"
        start = time.perf_counter()
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        times.append(time.perf_counter() - start)
        path.unlink()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    session = export_session(events=1000, actions=30)
    print(
        f"session: {len(session.events)} events, {len(session.actions)} action items, "
        f"{len(session.speaking)} speaking intervals; median of {args.runs} warm runs"
    )
    print(
        f"{'format':<6} {'cold s':>8} {'warm s':>8} {'target':>7} {'bytes':>9} "
        f"{'floor s':>9} {'ratio':>8}  {'+write s':>8}"
    )
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, target in TARGETS.items():
            render = FORMATS[name].render
            start = time.perf_counter()
            data = render(session)
            cold = time.perf_counter() - start
            times, totals = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                data = render(session)
                rendered = time.perf_counter()
                write_atomically(folder / f"notes.{name}", data)
                times.append(rendered - start)
                totals.append(time.perf_counter() - start)
            warm = statistics.median(times)
            floor = write_floor(data, folder, max(args.runs, 5))
            ok = warm <= target
            failed |= not ok
            print(
                f"{name:<6} {cold:8.3f} {warm:8.3f} {target:7.1f} {len(data):9d} "
                f"{floor:9.5f} {warm / floor:8.0f}x {statistics.median(totals):8.3f}"
                f"{'' if ok else '  OVER TARGET'}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
