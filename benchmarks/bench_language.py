"""The blame-language checker: what the facilitator waits for while typing.

- checking one sentence (the underline runs on every keystroke, paragraph by paragraph), against
  the floor of one compiled regular expression searched over the same sentence, and against the
  rules alone (the second reader's share);
- building the checker (every pattern compiled, once per session, off the UI thread), against
  the floor of parsing the guide file with tomllib;
- reading the guide to show it (no pattern compiled: what the shared screen waits for), against
  the same floor;
- checking 200 KB of text without a sentence end, full of findings ("they should have known
  ..."), against the floor of 50 KB of the same: a linear checker gives a ratio near 4.

    python benchmarks/bench_language.py [--runs 300]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median, report  # noqa: E402

from facilitator_app.language import BlameChecker, load_guide  # noqa: E402
from facilitator_app.paths import read_resource_text  # noqa: E402
from tests.helpers.language_corpus import TUNING, read_corpus  # noqa: E402


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1e3)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    texts = [s.text for s in read_corpus(TUNING)][:100]
    checker = BlameChecker(load_guide(use_user_file=False))
    floor_pattern = re.compile(r"\b(?:should|could) have\b", re.IGNORECASE)
    check = median(timed(lambda: [checker.check(t) for t in texts], args.runs)) / len(texts)
    floor = median(timed(lambda: [floor_pattern.search(t) for t in texts], args.runs)) / len(texts)
    report("check one sentence (per keystroke)", check * 1000, floor * 1000, "µs", "< 5000 µs")
    rules = BlameChecker(load_guide(use_user_file=False), reader=None)
    alone = median(timed(lambda: [rules.check(t) for t in texts], args.runs)) / len(texts)
    report(
        "  with the second reader vs the rules alone", check * 1000, alone * 1000, "µs", "its share"
    )

    source = read_resource_text("language_guide.toml")
    parse = median(timed(lambda: tomllib.loads(source), 20))
    build_runs = 3
    build = median(
        timed(lambda: (re.purge(), BlameChecker(load_guide(use_user_file=False))), build_runs)
    )
    report("build the checker (once, off the UI thread)", build, parse, "ms", "< 3000 ms")
    display = median(timed(lambda: load_guide(use_user_file=False, check_patterns=False), 20))
    report("read the guide to show it", display, parse, "ms", "< 100 ms")
    unit = "they should have known "
    quarter, whole = unit * (50_000 // len(unit)), unit * (200_000 // len(unit))
    small = median(timed(lambda: checker.check(quarter), 3))
    large = median(timed(lambda: checker.check(whole), 3))
    report("check 200 KB without a sentence end (vs 50 KB)", large, small, "ms", "ratio < 5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
