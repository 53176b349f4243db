"""What a chart shows, as plain data; `charts.py` draws it (and only it imports matplotlib).

Keeping the numbers apart from the drawing lets the builders and their tests run without
matplotlib, and lets Markdown (which has no charts) skip them without paying for the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str  # #RRGGBB


@dataclass(frozen=True)
class BarChartSpec:
    """Horizontal bars, one per label (speaking time by team, by person; report counts)."""

    title: str
    bars: tuple[Bar, ...]
    unit: str = "minutes"
    # How a bar's value is written beside it: minutes as MM:SS, a 0..1 share, or a count.
    value_format: Literal["mmss", "percent", "count"] = "mmss"
    reference: float | None = None  # a dashed line (the fair share) at this value


@dataclass(frozen=True)
class PhaseUse:
    title: str
    planned_minutes: float
    used_minutes: float | None  # None: the phase was never started


@dataclass(frozen=True)
class PhaseChartSpec:
    title: str
    phases: tuple[PhaseUse, ...]


@dataclass(frozen=True)
class TimelinePoint:
    at: datetime
    lane: int  # 0 = team A (top lane), 1 = team B
    number: int  # the event's number in the timeline table
    locally_correct: bool = False
    divergence: bool = False


@dataclass(frozen=True)
class TimelineChartSpec:
    """The two-lane timeline: one row per team, events in time order, the divergence marked."""

    title: str
    lane_names: tuple[str, str]
    lane_colours: tuple[str, str]
    points: tuple[TimelinePoint, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Segment:
    label: str  # the legend's name for this part of every bar
    colour: str  # #RRGGBB


@dataclass(frozen=True)
class StackedBarChartSpec:
    """Horizontal bars split into parts (action follow-through: one bar per kind)."""

    title: str
    segments: tuple[Segment, ...]
    rows: tuple[tuple[str, tuple[float, ...]], ...]  # (bar label, one value per segment)
    unit: str = "items"


ChartSpec = BarChartSpec | PhaseChartSpec | TimelineChartSpec | StackedBarChartSpec
