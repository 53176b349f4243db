"""Helpers shared by the benchmarks: medians, percentiles, and the ratio line format.

Every figure is printed next to the floor of the same operation measured in the same run, so the
ratio means something on a noisy machine where absolute times do not.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, value: float, floor: float, unit: str, target: str = "") -> str:
    ratio = value / floor if floor else float("inf")
    line = f"{name:<48} {value:10.2f} {unit:<3} floor {floor:10.2f} {unit:<3} ratio {ratio:5.2f}x"
    if target:
        line += f"   (target {target})"
    print(line, flush=True)
    return line
