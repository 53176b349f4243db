"""Geometry of the incident-flow diagram: the two systems, and each cross-team interaction in order.

A sequence diagram in two columns: each team's system is a box with a lifeline below it; every
link (one team's action reaching the other team's system) is a numbered arrow across, in the
order of the actions, with the action written on its side and the effect on the other. Pure
Python: text heights come from a `measure(text, width) -> height` function the caller gives
(Qt font metrics in the app, a fake in the tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from facilitator_app.model import EventLink, Lane, Session, Tag, TimelineEvent
from ui.timeline.timefmt import clock

Measure = Callable[[str, float], float]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Interaction:
    number: int
    source: TimelineEvent
    target: TimelineEvent
    note: str

    @property
    def seconds(self) -> float:
        return (self.target.occurred_at - self.source.occurred_at).total_seconds()


@dataclass(frozen=True)
class FlowRow:
    interaction: Interaction
    arrow_y: float
    x_from: float
    x_to: float
    label: Rect  # the number and note, above the arrow
    source_box: Rect
    target_box: Rect
    source_text: str  # first line: time and actor; then the event
    target_text: str
    divergence: bool


@dataclass(frozen=True)
class FlowLayout:
    width: float
    height: float
    headers: dict[Lane, Rect]
    lifelines: dict[Lane, float]  # x of each lifeline
    lifeline_top: float
    lifeline_bottom: float
    rows: list[FlowRow]


def interactions(session: Session) -> list[Interaction]:
    """The links whose two events exist, in the order of the acting (source) event."""
    by_id = {e.id: e for e in session.events if e.id is not None}
    pairs: list[tuple[TimelineEvent, TimelineEvent, EventLink]] = []
    for link in session.links:
        source, target = by_id.get(link.source_id), by_id.get(link.target_id)
        if source is not None and target is not None and source.lane is not target.lane:
            pairs.append((source, target, link))
    pairs.sort(key=lambda p: (p[0].sort_key, p[1].sort_key))
    return [Interaction(i + 1, s, t, k.note) for i, (s, t, k) in enumerate(pairs)]


def label_text(item: Interaction) -> str:
    """The words over an arrow: its number and what the link says happened."""
    return f"{item.number}. {item.note}" if item.note else f"{item.number}."


def block_text(event: TimelineEvent, zone: tzinfo) -> str:
    actor = f" · {event.actor}" if event.actor else ""
    return f"{clock(event.occurred_at, zone)}{actor}\n{event.description}"


def build_flow(
    session: Session,
    width: float,
    measure: Measure,
    zone: tzinfo,
    *,
    header_height: float = 70.0,
    margin: float = 24.0,
    gap: float = 14.0,
    label_height: float = 24.0,
    row_padding: float = 18.0,
    measure_label: Measure | None = None,
) -> FlowLayout:
    found = interactions(session)
    width = max(480.0, width)
    x_a, x_b = width * 0.32, width * 0.68
    header_w = min(width * 0.28, 360.0)
    headers = {
        Lane.A: Rect(x_a - header_w / 2, margin, header_w, header_height),
        Lane.B: Rect(x_b - header_w / 2, margin, header_w, header_height),
    }
    text_w = {Lane.A: x_a - margin - gap, Lane.B: width - margin - x_b - gap}
    text_x = {Lane.A: margin, Lane.B: x_b + gap}
    y = margin + header_height + row_padding
    rows: list[FlowRow] = []
    for item in found:
        source_lane, target_lane = item.source.lane, item.target.lane
        source_text = block_text(item.source, zone)
        target_text = block_text(item.target, zone)
        source_h = measure(source_text, text_w[source_lane])
        target_h = measure(target_text, text_w[target_lane])
        middle = x_b - x_a - 2 * gap
        label_h = measure_label(label_text(item), middle) if measure_label else label_height
        height = max(source_h, target_h, label_h + label_height)
        arrow_y = y + max(label_h + 4, height / 2)
        x_from = x_a if source_lane is Lane.A else x_b
        x_to = x_b if source_lane is Lane.A else x_a
        rows.append(
            FlowRow(
                interaction=item,
                arrow_y=arrow_y,
                x_from=x_from,
                x_to=x_to,
                label=Rect(x_a + gap, arrow_y - label_h - 4, middle, label_h),
                source_box=Rect(text_x[source_lane], y, text_w[source_lane], source_h),
                target_box=Rect(text_x[target_lane], y, text_w[target_lane], target_h),
                source_text=source_text,
                target_text=target_text,
                divergence=Tag.DIVERGENCE.value in item.source.tags
                or Tag.DIVERGENCE.value in item.target.tags,
            )
        )
        y += max(height, arrow_y - y + label_height) + row_padding
    bottom = y + (0 if rows else label_height * 2)
    return FlowLayout(
        width=width,
        height=bottom + margin,
        headers=headers,
        lifelines={Lane.A: x_a, Lane.B: x_b},
        lifeline_top=margin + header_height,
        lifeline_bottom=bottom,
        rows=rows,
    )
