"""Fit text to an area, never clip it: the geometry of the shared screen's text, without Qt.

A view describes its text as bands (stacked top to bottom), each band a row of columns, each
column a list of paragraphs with a size (pixels at scale 1) and a priority. `fit` finds the
largest scale, down to a floor, at which every paragraph wraps inside its column and every band
inside the height; if even the floor is too big it drops the least important paragraphs whole
(highest `priority` first, the last of them first) and says "+ N more" in their column. Nothing is
ever placed outside the area, and no two boxes overlap.

Measuring is injected (`Measure`): Qt's font metrics on the screen, a fixed-width fake in tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

SCALE_STEP = 0.95


class Measure(Protocol):
    def wrap(self, text: str, px: int, bold: bool, width: float) -> list[str]:
        """`text` broken into lines no wider than `width` (a too-long word is elided)."""
        ...

    def line_height(self, px: int, bold: bool) -> float: ...

    def advance(self, text: str, px: int, bold: bool) -> float: ...


@dataclass(frozen=True)
class Para:
    text: str
    size: float  # pixels at scale 1
    bold: bool = False
    role: str = "text"  # a colour role of the theme: text, muted, accent
    priority: int = 0  # 0: always shown; higher numbers are dropped first, whole
    gap_before: float = 0.0  # space above, as a share of the paragraph's own size
    marker: str = ""  # drawn in a gutter on the left ("1", "2", ...), same size and weight
    center: bool = False


@dataclass(frozen=True)
class Column:
    paras: tuple[Para, ...]
    weight: float = 1.0  # share of the band's width


@dataclass(frozen=True)
class Band:
    columns: tuple[Column, ...]
    gap_before: float = 0.0  # pixels at scale 1


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right - 0.5
            and other.x < self.right - 0.5
            and self.y < other.bottom - 0.5
            and other.y < self.bottom - 0.5
        )

    def inside(self, width: float, height: float) -> bool:
        return (
            self.x >= -0.5
            and self.y >= -0.5
            and self.right <= width + 0.5
            and (self.bottom <= height + 0.5)
        )


@dataclass(frozen=True)
class Placed:
    para: Para
    px: int
    lines: tuple[str, ...]
    box: Box  # the text's box (lines stacked from its top)
    marker_box: Box | None = None


@dataclass(frozen=True)
class Fit:
    placed: tuple[Placed, ...]
    scale: float
    dropped: int
    height: float  # the height used
    fits: bool = True  # False only if even the "+ N more" lines at the floor do not fit
    warnings: list[str] = field(default_factory=list)


def _more(column: Column, hidden: int) -> Para:
    base = min((p.size for p in column.paras), default=16.0)
    return Para(f"+ {hidden} more", base, bold=True, role="muted", gap_before=0.3)


def _layout(
    bands: Sequence[Band], width: float, scale: float, floor_px: int, gutter: float, m: Measure
) -> tuple[list[Placed], float]:
    placed: list[Placed] = []
    y = 0.0
    for band in bands:
        y += band.gap_before * scale
        total_weight = sum(c.weight for c in band.columns) or 1.0
        gaps = gutter * scale * (len(band.columns) - 1)
        x = 0.0
        bottom = y
        for column in band.columns:
            col_w = (width - gaps) * column.weight / total_weight
            cy = y
            marker_w = 0.0
            markers = [p for p in column.paras if p.marker]
            if markers:
                marker_w = max(
                    m.advance(p.marker, max(floor_px, round(p.size * scale)), p.bold)
                    for p in markers
                ) + 0.4 * max(p.size * scale for p in markers)
            for para in column.paras:
                px = max(floor_px, round(para.size * scale))
                cy += para.gap_before * px
                text_x = x + (marker_w if para.marker else 0.0)
                text_w = col_w - (marker_w if para.marker else 0.0)
                lines = tuple(m.wrap(para.text, px, para.bold, text_w) or [""])
                h = m.line_height(px, para.bold) * len(lines)
                marker_box = None
                if para.marker:
                    marker_box = Box(x, cy, marker_w, m.line_height(px, para.bold))
                placed.append(Placed(para, px, lines, Box(text_x, cy, text_w, h), marker_box))
                cy += h
            bottom = max(bottom, cy)
            x += col_w + gutter * scale
        y = bottom
    return placed, y


def fit(
    bands: Sequence[Band],
    width: float,
    height: float,
    measure: Measure,
    *,
    floor_px: int,
    comfort: float = 0.75,
    min_scale: float = 0.3,
    gutter: float = 32.0,
) -> Fit:
    """The largest scale (at most 1) at which the bands fit `width` x `height`.

    Down to `comfort` the text only shrinks; below it, dropping the least important lines whole
    is preferred to shrinking further, so that the essentials stay large. `floor_px`: no
    paragraph is ever drawn smaller (the projector's smallest readable size).
    """
    scale = 1.0
    while True:
        placed, used = _layout(bands, width, scale, floor_px, gutter, measure)
        if used <= height:
            return Fit(tuple(placed), scale, 0, used)
        if scale <= comfort:
            dropped = _drop(bands, width, height, measure, scale, floor_px, gutter)
            if dropped.fits:
                return dropped
        if scale <= min_scale or all(p.px <= floor_px for p in placed):
            return (
                dropped
                if scale <= comfort
                else _drop(bands, width, height, measure, scale, floor_px, gutter)
            )
        scale *= SCALE_STEP


def _drop(
    bands: Sequence[Band],
    width: float,
    height: float,
    measure: Measure,
    scale: float,
    floor_px: int,
    gutter: float,
) -> Fit:
    """At the floor: hide paragraphs whole, least important (then last) first, until it fits."""
    order = sorted(
        (
            (para.priority, bi, ci, pi)
            for bi, band in enumerate(bands)
            for ci, column in enumerate(band.columns)
            for pi, para in enumerate(column.paras)
            if para.priority > 0
        ),
        key=lambda t: (-t[0], -t[1], -t[3], -t[2]),
    )
    hidden: set[tuple[int, int, int]] = set()
    placed: list[Placed] = []
    used = height + 1
    for step in range(len(order) + 1):
        if step:
            hidden.add(order[step - 1][1:])
        trimmed = []
        for bi, band in enumerate(bands):
            columns = []
            for ci, column in enumerate(band.columns):
                kept = tuple(p for pi, p in enumerate(column.paras) if (bi, ci, pi) not in hidden)
                gone = len(column.paras) - len(kept)
                if gone:
                    kept = (*kept, _more(column, gone))
                columns.append(replace(column, paras=kept))
            trimmed.append(replace(band, columns=tuple(columns)))
        placed, used = _layout(trimmed, width, scale, floor_px, gutter, measure)
        if used <= height:
            return Fit(tuple(placed), scale, len(hidden), used)
    # Not even the essentials fit: keep what is wholly inside, never a cut line.
    inside = tuple(p for p in placed if p.box.bottom <= height)
    return Fit(inside, scale, len(hidden) + len(placed) - len(inside), used, fits=False)


def boxes(result: Fit) -> list[Box]:
    """Every text box of a fit (paragraphs and markers), for overlap checks."""
    out: list[Box] = []
    for p in result.placed:
        out.append(p.box)
        if p.marker_box is not None:
            out.append(p.marker_box)
    return out
