"""Draws the chart specs with matplotlib: SVG for HTML, PNG for PDF.

The only module of the exports that imports matplotlib, and it does so inside the functions,
so start-up, the CLI and Markdown never pay for it. It uses `matplotlib.figure.Figure` with the
Agg and SVG canvases directly: no pyplot, no global backend, never a Qt backend. Text stays
text in the SVG (`svg.fonttype: none`), escaped by matplotlib's XML writer, and `$` in a name is
never read as mathtext (`text.parse_math: False`).
"""

from __future__ import annotations

import io
from typing import Any

from facilitator_app.exports.chart_specs import (
    BarChartSpec,
    ChartSpec,
    PhaseChartSpec,
    StackedBarChartSpec,
    TimelineChartSpec,
)
from facilitator_app.exports.formatting import mmss

INK = "#1d1d1f"
MUTED = "#5f6368"
PLANNED = "#C9CED6"
WITHIN = "#009E73"  # Okabe-Ito bluish green
OVER = "#D55E00"  # Okabe-Ito vermillion; always with the word "over" beside it
MAX_LABEL = 36
MAX_NUMBERED_POINTS = 80  # beyond this the event numbers would overlap into a smear
MAX_MARKED_POINTS = 200  # beyond this events are ticks in one path (markers cost one element each)

_RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "svg.hashsalt": "facilitator",
}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _figure(width: float, height: float, labels: list[str]) -> Any:
    """A figure with margins set from the longest y label.

    Matplotlib's constrained layout would measure every text by drawing the figure an extra
    time, which doubles the cost of a chart; DejaVu Sans at 10 pt averages about 6 pt a
    character, which is all the margin needs.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    longest = max((len(label) for label in labels), default=4)
    left = min(0.45, (longest * 6.2 + 18) / 72 / width)
    fig.subplots_adjust(left=left, right=0.97, top=1 - 0.42 / height, bottom=0.55 / height)
    return fig


def _value_label(spec: BarChartSpec, value: float) -> str:
    if spec.value_format == "percent":
        return f"{value * 100:.0f} %"
    if spec.value_format == "count":
        return f"{value:g}"
    return mmss(value * 60)


def _bar_chart(spec: BarChartSpec) -> Any:
    bars = list(spec.bars)
    labels = [_short(b.label) for b in bars]
    fig = _figure(8.0, 1.0 + 0.42 * max(1, len(bars)), labels)
    ax = fig.add_subplot()
    positions = list(range(len(bars)))[::-1]
    ax.barh(positions, [b.value for b in bars], color=[b.colour for b in bars], height=0.62)
    ax.set_yticks(positions, labels)
    top = max((b.value for b in bars), default=0.0) or 1.0
    for pos, bar in zip(positions, bars, strict=True):
        ax.text(
            bar.value + top * 0.01,
            pos,
            _value_label(spec, bar.value),
            va="center",
            fontsize=9,
            color=INK,
        )
    if spec.reference is not None:
        ax.axvline(spec.reference, color=MUTED, linestyle="--", linewidth=1)
        top = max(top, spec.reference)
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(spec.unit)
    if spec.value_format == "count":
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    elif spec.value_format == "percent":
        from matplotlib.ticker import PercentFormatter

        ax.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    ax.set_title(spec.title, loc="left", fontsize=11, color=INK)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _phase_chart(spec: PhaseChartSpec) -> Any:
    phases = list(spec.phases)
    fig = _figure(8.0, 1.1 + 0.55 * max(1, len(phases)), [_short(u.title) for u in phases])
    ax = fig.add_subplot()
    positions = list(range(len(phases)))[::-1]
    ax.barh(
        [p + 0.18 for p in positions],
        [u.planned_minutes for u in phases],
        height=0.34,
        color=PLANNED,
        label="planned",
    )
    used = [u.used_minutes or 0.0 for u in phases]
    colours = [OVER if (u.used_minutes or 0) > u.planned_minutes + 0.05 else WITHIN for u in phases]
    ax.barh([p - 0.18 for p in positions], used, height=0.34, color=colours, label="used")
    top = max([*used, *(u.planned_minutes for u in phases), 1.0])
    for pos, use in zip(positions, phases, strict=True):
        if use.used_minutes is None:
            note = "not started"
        else:
            delta = use.used_minutes - use.planned_minutes
            note = mmss(use.used_minutes * 60)
            if delta > 0.05:
                note += f"  over +{mmss(delta * 60)}"
        ax.text(
            (use.used_minutes or 0) + top * 0.01,
            pos - 0.18,
            note,
            va="center",
            fontsize=8.5,
            color=INK,
        )
    ax.set_yticks(positions, [_short(u.title) for u in phases])
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel("minutes")
    ax.legend(loc="lower right", frameon=False, fontsize=8.5)
    ax.set_title(spec.title, loc="left", fontsize=11, color=INK)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _ticks(ax: Any, times: list[Any], y: float, colour: str) -> None:
    """Many events as short vertical ticks in one path: one SVG element, not one per event."""
    import matplotlib.dates as mdates

    xs: list[float] = []
    ys: list[float] = []
    for x in mdates.date2num(times):
        xs += [x, x, float("nan")]
        ys += [y - 0.14, y + 0.14, float("nan")]
    ax.plot(xs, ys, color=colour, linewidth=1.1, zorder=3, solid_capstyle="butt")


def _timeline_chart(spec: TimelineChartSpec) -> Any:
    import matplotlib.dates as mdates

    from facilitator_app.timeutil import to_utc

    fig = _figure(10.0, 2.9, [_short(n) for n in spec.lane_names])
    ax = fig.add_subplot()
    lane_y = (1.0, 0.0)
    times = [to_utc(p.at) for p in spec.points]
    for lane in (0, 1):
        ax.axhline(lane_y[lane], color=spec.lane_colours[lane], linewidth=2, alpha=0.35, zorder=1)
        mine = [(t, p) for t, p in zip(times, spec.points, strict=True) if p.lane == lane]
        if not mine:
            continue
        if len(spec.points) > MAX_MARKED_POINTS:
            _ticks(ax, [t for t, _ in mine], lane_y[lane], spec.lane_colours[lane])
        else:
            ax.scatter(
                [t for t, _ in mine],
                [lane_y[lane]] * len(mine),
                s=46,
                zorder=3,
                color=spec.lane_colours[lane],
                edgecolors="white",
                linewidths=0.8,
            )
        local = [t for t, p in mine if p.locally_correct]
        if local and len(spec.points) <= MAX_MARKED_POINTS:
            ax.scatter(
                local,
                [lane_y[lane]] * len(local),
                s=170,
                zorder=2,
                facecolors="none",
                edgecolors=INK,
                linewidths=1.2,
            )
    for t, point in zip(times, spec.points, strict=True):
        if point.divergence:
            ax.axvline(t, color=OVER, linestyle="--", linewidth=1.2, zorder=0)
            ax.scatter(
                [t],
                [lane_y[point.lane]],
                marker="D",
                s=90,
                zorder=4,
                color=OVER,
                edgecolors=INK,
                linewidths=0.8,
            )
            ax.annotate(
                "diverged", (t, 1.5), ha="center", fontsize=8.5, color=OVER, annotation_clip=False
            )
    if len(spec.points) <= MAX_NUMBERED_POINTS:
        for i, (t, point) in enumerate(zip(times, spec.points, strict=True)):
            above = 0.16 if i % 2 == 0 else -0.24
            if point.lane == 1:
                above = -above
            ax.annotate(
                str(point.number),
                (t, lane_y[point.lane] + above),
                ha="center",
                va="center",
                fontsize=7.5,
                color=MUTED,
            )
    ax.set_yticks(lane_y, [_short(n) for n in spec.lane_names])
    ax.set_ylim(-0.6, 1.7)
    locator = mdates.AutoDateLocator(maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=mdates.UTC))
    ax.set_xlabel("time (UTC)")
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title(spec.title, loc="left", fontsize=11, color=INK)
    if len(times) == 1:
        from datetime import timedelta

        ax.set_xlim(times[0] - timedelta(minutes=5), times[0] + timedelta(minutes=5))
    return fig


def _stacked_chart(spec: StackedBarChartSpec) -> Any:
    """Bars of parts, each part labelled with its count where it is wide enough, and a legend
    (the parts are told apart by name, never by colour alone)."""
    labels = [_short(label) for label, _ in spec.rows]
    fig = _figure(8.0, 1.6 + 0.5 * max(1, len(spec.rows)), labels)
    ax = fig.add_subplot()
    positions = list(range(len(spec.rows)))[::-1]
    lefts = [0.0] * len(spec.rows)
    top = max((sum(values) for _, values in spec.rows), default=0.0) or 1.0
    for k, segment in enumerate(spec.segments):
        values = [values[k] for _, values in spec.rows]
        ax.barh(
            positions,
            values,
            left=lefts,
            color=segment.colour,
            height=0.6,
            label=segment.label,
            edgecolor="white",
            linewidth=0.8,
        )
        for pos, left, value in zip(positions, lefts, values, strict=True):
            if value and value >= top * 0.04:
                ax.text(
                    left + value / 2,
                    pos,
                    f"{value:g}",
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    color=INK,
                )
        lefts = [a + b for a, b in zip(lefts, values, strict=True)]
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, top * 1.02)
    ax.set_xlabel(spec.unit)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.5 / (1.6 + 0.5 * len(spec.rows)) - 0.12),
        ncol=min(4, len(spec.segments)),
        frameon=False,
        fontsize=8.5,
    )
    fig.subplots_adjust(bottom=min(0.45, 1.0 / (1.6 + 0.5 * len(spec.rows))))
    ax.set_title(spec.title, loc="left", fontsize=11, color=INK)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _draw(spec: ChartSpec) -> Any:
    if isinstance(spec, BarChartSpec):
        return _bar_chart(spec)
    if isinstance(spec, StackedBarChartSpec):
        return _stacked_chart(spec)
    if isinstance(spec, PhaseChartSpec):
        return _phase_chart(spec)
    return _timeline_chart(spec)


def figure(spec: ChartSpec) -> Any:
    """The chart as a matplotlib `Figure` without a canvas (a Qt view attaches its own)."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        return _draw(spec)


def render_svg(spec: ChartSpec) -> str:
    """The chart as an `<svg>` element (no XML prolog) to inline in HTML."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    with matplotlib.rc_context(_RC):
        fig = _draw(spec)
        FigureCanvasSVG(fig)
        out = io.StringIO()
        fig.savefig(out, format="svg")
    text = out.getvalue()
    return text[text.index("<svg") :]


def render_png(spec: ChartSpec, dpi: int = 150) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with matplotlib.rc_context(_RC):
        fig = _draw(spec)
        FigureCanvasAgg(fig)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()
