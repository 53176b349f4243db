"""Where everything on the two-lane timeline goes: time -> x, lanes, breaks, links, hit-testing.

Pure Python (no Qt), recomputed when the events, the zoom or the size change, and tested without
pixels; `paintEvent` only draws what this says.

The time axis is shared by both lanes and never runs backwards: an event is placed at its time
on a scale of `px_per_minute x zoom`, but never on top of the previous card in its own lane (it is
pushed right) and never left of an earlier event in the other lane. Simultaneous events in the two
lanes therefore line up, and the room reads the interleaving left to right. A quiet stretch that
would take more than `max_step_cards` card widths is compressed into a fixed-width break, marked
on the axis with how long it was. A compressed stretch is never drawn shorter than a stretch
to scale (the step grows with the gap, then stops growing), so a longer silence never looks
shorter than a brief one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from facilitator_app.model import Lane

MIN_ZOOM = 0.25
MAX_ZOOM = 8.0


@dataclass(frozen=True)
class Spot:
    """What the layout needs of an event: which one, when (any aware time), which lane."""

    event_id: int
    when: datetime
    lane: Lane


@dataclass(frozen=True)
class LayoutParams:
    card_width: float = 240.0
    card_height: float = 104.0
    card_gap: float = 12.0
    lane_padding: float = 10.0
    axis_height: float = 34.0
    label_width: float = 150.0  # the lane-name column on the left, which does not scroll
    pad: float = 20.0
    px_per_minute: float = 60.0
    max_step_cards: float = 1.25
    break_width: float = 96.0
    stem_offset: float = 14.0  # where on a card its time mark sits
    tick_label_width: float = 52.0  # room one time label needs on the axis


@dataclass(frozen=True)
class Band:
    y: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Card:
    event_id: int
    lane: Lane
    when: datetime
    order: int
    x: float
    y: float
    width: float
    height: float
    stem_x: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom


@dataclass(frozen=True)
class Tick:
    x: float
    when: datetime
    labelled: bool
    new_day: bool


@dataclass(frozen=True)
class BreakMark:
    x: float
    width: float
    seconds: float


@dataclass(frozen=True)
class LinkPath:
    source_id: int
    target_id: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def left(self) -> float:
        return min(self.x1, self.x2)

    @property
    def right(self) -> float:
        return max(self.x1, self.x2)


@dataclass
class TimelineLayout:
    params: LayoutParams
    zoom: float
    lanes: dict[Lane, Band]
    axis: Band
    cards: list[Card]
    ticks: list[Tick]
    breaks: list[BreakMark]
    links: list[LinkPath]
    width: float
    height: float
    _by_id: dict[int, Card] = field(default_factory=dict, repr=False)
    _xs: list[float] = field(default_factory=list, repr=False)
    _tick_xs: list[float] = field(default_factory=list, repr=False)
    _break_xs: list[float] = field(default_factory=list, repr=False)
    _break_ends: list[float] = field(default_factory=list, repr=False)

    # ---- queries ------------------------------------------------------------------------

    def card(self, event_id: int | None) -> Card | None:
        return self._by_id.get(event_id) if event_id is not None else None

    def visible_cards(self, x0: float, x1: float) -> list[Card]:
        """Cards overlapping content x range [x0, x1] (all cards share one width)."""
        if not self.cards:
            return []
        width = self.cards[0].width
        start = bisect_left(self._xs, x0 - width)
        stop = bisect_right(self._xs, x1)
        return [c for c in self.cards[start:stop] if c.right >= x0]

    def visible_links(self, x0: float, x1: float) -> list[LinkPath]:
        return [k for k in self.links if k.right >= x0 and k.left <= x1]

    def visible_ticks(self, x0: float, x1: float) -> list[Tick]:
        """Ticks in the range, and those up to a label's width left of it (their labels)."""
        start = bisect_left(self._tick_xs, x0 - self.params.tick_label_width * 3)
        stop = bisect_right(self._tick_xs, x1)
        return self.ticks[start:stop]

    def visible_breaks(self, x0: float, x1: float) -> list[BreakMark]:
        start = bisect_left(self._break_ends, x0)  # breaks never overlap: ends are sorted too
        stop = bisect_right(self._break_xs, x1)
        return self.breaks[start:stop]

    def hit(self, x: float, y: float) -> int | None:
        """The event whose card is at content point (x, y), if any."""
        for card in self.visible_cards(x, x):
            if card.contains(x, y):
                return card.event_id
        return None

    def max_scroll(self, viewport_width: float) -> float:
        return max(0.0, self.width - viewport_width)

    def scroll_for(
        self, event_id: int | None, viewport_width: float, scroll: float, *, centre: bool = False
    ) -> float:
        """The scroll offset that shows the event's card (unchanged if it already shows).

        The lane-name column covers the left `label_width` pixels of the viewport, so a card
        counts as shown only right of it. `centre` always centres the card (the walk view).
        """
        card = self.card(event_id)
        if card is None:
            return min(scroll, self.max_scroll(viewport_width))
        label = self.params.label_width
        room = viewport_width - label
        margin = min(self.params.card_gap * 2, max(0.0, (room - card.width) / 2))
        if centre or card.width + 2 * margin > room:
            target = card.x + card.width / 2 - (label + room / 2)
        elif card.x - margin < scroll + label:
            target = card.x - margin - label
        elif card.right + margin > scroll + viewport_width:
            target = card.right + margin - viewport_width
        else:
            target = scroll
        return max(0.0, min(target, self.max_scroll(viewport_width)))


def clamp_zoom(zoom: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


def build_layout(
    spots: list[Spot],
    links: list[tuple[int, int]],
    params: LayoutParams | None = None,
    zoom: float = 1.0,
    day_of: Callable[[datetime], object] | None = None,
) -> TimelineLayout:
    """Lay out `spots` (already in timeline order) and the links between them.

    `day_of`, if given, is a function time -> a hashable day in the display zone, so that the
    first tick of each new day can show the date.
    """
    p = params or LayoutParams()
    zoom = clamp_zoom(zoom)
    card_w = p.card_width * max(0.5, min(1.0, zoom))
    px_per_second = p.px_per_minute * zoom / 60.0
    max_step = p.max_step_cards * card_w
    lane_h = p.card_height + 2 * p.lane_padding
    lanes = {Lane.A: Band(0.0, lane_h), Lane.B: Band(lane_h + p.axis_height, lane_h)}
    axis = Band(lane_h, p.axis_height)

    cards: list[Card] = []
    breaks: list[BreakMark] = []
    start_x = p.label_width + p.pad
    last_right = {Lane.A: -1e18, Lane.B: -1e18}
    prev_x = start_x
    prev_when: datetime | None = None
    for order, spot in enumerate(spots):
        if prev_when is None:
            x = start_x
        else:
            seconds = max(0.0, (spot.when - prev_when).total_seconds())
            step = seconds * px_per_second
            if step > max_step:
                # compressed: at least as far as any step to scale, and room for the mark
                begin = max(prev_x, *last_right.values()) + p.card_gap / 2
                x = max(prev_x + max_step, begin + p.break_width + p.card_gap / 2)
                breaks.append(BreakMark(begin, x - p.card_gap / 2 - begin, seconds))
            else:
                x = prev_x + step
        x = max(x, last_right[spot.lane] + p.card_gap)
        band = lanes[spot.lane]
        cards.append(
            Card(
                spot.event_id,
                spot.lane,
                spot.when,
                order,
                x,
                band.y + p.lane_padding,
                card_w,
                p.card_height,
                x + min(p.stem_offset, card_w / 2),
            )
        )
        last_right[spot.lane] = x + card_w
        prev_x = x
        prev_when = spot.when

    ticks: list[Tick] = []
    last_label = -1e18
    last_day: object = None
    for card in cards:
        if ticks and abs(ticks[-1].x - card.stem_x) < 0.5:
            continue
        day = day_of(card.when) if day_of is not None else None
        new_day = day is not None and day != last_day
        labelled = card.stem_x - last_label >= p.tick_label_width or new_day
        if labelled:
            last_label = card.stem_x
        ticks.append(Tick(card.stem_x, card.when, labelled, new_day))
        last_day = day

    by_id = {c.event_id: c for c in cards}
    paths: list[LinkPath] = []
    for source_id, target_id in links:
        source, target = by_id.get(source_id), by_id.get(target_id)
        if source is None or target is None or source.lane is target.lane:
            continue
        y1 = source.bottom if source.lane is Lane.A else source.y
        y2 = target.y if target.lane is Lane.B else target.bottom
        paths.append(LinkPath(source_id, target_id, source.stem_x, y1, target.stem_x, y2))

    right = max((c.right for c in cards), default=start_x)
    return TimelineLayout(
        params=p,
        zoom=zoom,
        lanes=lanes,
        axis=axis,
        cards=cards,
        ticks=ticks,
        breaks=breaks,
        links=paths,
        width=right + p.pad,
        height=lanes[Lane.B].bottom,
        _by_id=by_id,
        _xs=[c.x for c in cards],
        _tick_xs=[t.x for t in ticks],
        _break_xs=[b.x for b in breaks],
        _break_ends=[b.x + b.width for b in breaks],
    )
