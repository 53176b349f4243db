"""The bundle: its size (folder and .tar.gz), its build time, and the bundled app's start-up
against the source run's and against the bare two-window PySide6 floor, in one run.

    python benchmarks/bench_bundle.py [--runs 10] [--build]

Without a bundle in dist/ (or with --build) it builds one first with packaging/build_bundle.sh,
timing it; the build needs PyInstaller (`pip install -e '.[bundle]'`).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import BARE_APP, run_once
from common import median, report

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "dist" / "postmortem-facilitator"


def folder_mb(path: Path) -> float:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--build", action="store_true", help="build the bundle even if present")
    args = parser.parse_args()
    if args.build or not (FOLDER / "facilitator").exists():
        if importlib.util.find_spec("PyInstaller") is None:
            print("skipped: no bundle in dist/ and no PyInstaller (make bundle)")
            return 0
        start = time.perf_counter()
        subprocess.run(
            ["bash", str(ROOT / "packaging" / "build_bundle.sh"), sys.executable],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - start
        print(f"{'build time (PyInstaller, one folder, .tar.gz)':<48} {elapsed:10.1f} s")
    archive = next((ROOT / "dist").glob("postmortem-facilitator-*.tar.gz"), None)
    print(f"{'bundle folder':<48} {folder_mb(FOLDER):10.1f} MB")
    if archive is not None:
        print(f"{'bundle archive (.tar.gz)':<48} {archive.stat().st_size / 1e6:10.1f} MB")
    bare = [sys.executable, "-c", BARE_APP]
    source = [sys.executable, "-m", "facilitator_app", "--demo", "--smoke"]
    bundled = [str(FOLDER / "facilitator"), "--demo", "--smoke"]
    for argv in (bare, source, bundled):
        run_once(argv)  # warm the page cache
    times: dict[str, list[float]] = {"bare": [], "source": [], "bundle": []}
    memory: dict[str, list[float]] = {"bare": [], "source": [], "bundle": []}
    for _ in range(args.runs):
        for name, argv in (("bare", bare), ("source", source), ("bundle", bundled)):
            seconds, _whole, _cpu, mb = run_once(argv)
            times[name].append(seconds * 1000)
            memory[name].append(mb)
    print(f"start-up to first paint of both windows, median of {args.runs} interleaved runs:")
    report(
        "bundle vs bare two-window PySide6", median(times["bundle"]), median(times["bare"]), "ms"
    )
    report(
        "source run vs bare two-window PySide6",
        median(times["source"]),
        median(times["bare"]),
        "ms",
    )
    report("bundle vs source run", median(times["bundle"]), median(times["source"]), "ms")
    report("bundle peak memory vs bare", median(memory["bundle"]), median(memory["bare"]), "MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
