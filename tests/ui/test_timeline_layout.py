"""The timeline's geometry, tested without pixels (the layout is Qt-free; it lives in ui/)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator_app.model import Lane, Session
from tests.helpers.timeline_fixtures import make_session
from ui.timeline.flow_layout import build_flow, interactions
from ui.timeline.layout import LayoutParams, Spot, build_layout
from ui.timeline.timefmt import clock, gap_text, zone_named

T0 = datetime(2026, 11, 10, 13, tzinfo=UTC)
P = LayoutParams(
    card_width=200,
    card_gap=10,
    label_width=100,
    pad=10,
    px_per_minute=50,
    max_step_cards=2.5,
    break_width=80,
    tick_label_width=50,
)


def spots(*items: tuple[float, Lane]) -> list[Spot]:
    return [Spot(i + 1, T0 + timedelta(minutes=m), lane) for i, (m, lane) in enumerate(items)]


def test_simultaneous_events_in_both_lanes_line_up() -> None:
    layout = build_layout(spots((0, Lane.A), (0, Lane.B), (1, Lane.B)), [], P)
    a, b, later = layout.cards
    assert a.x == b.x
    assert later.x >= b.right + P.card_gap  # pushed, never on top of its neighbour
    assert (a.y, b.y) == (
        layout.lanes[Lane.A].y + P.lane_padding,
        layout.lanes[Lane.B].y + P.lane_padding,
    )


def test_time_runs_left_to_right_across_both_lanes() -> None:
    layout = build_layout(spots((0, Lane.A), (1, Lane.A), (1.5, Lane.B), (2, Lane.B)), [], P)
    xs = [c.x for c in layout.cards]
    assert xs == sorted(xs)
    # B's first event came after A's second, so it cannot sit left of it
    assert layout.cards[2].x >= layout.cards[1].x


def test_a_long_quiet_stretch_becomes_a_labelled_break() -> None:
    layout = build_layout(spots((0, Lane.A), (3, Lane.B), (3 + 81, Lane.A)), [], P)
    [mark] = layout.breaks
    assert mark.seconds == 81 * 60
    assert gap_text(mark.seconds) == "+1 h 21 min"
    before, _, after = layout.cards
    assert mark.x >= max(c.right for c in layout.cards[:2])
    assert mark.width >= P.break_width
    assert after.x == pytest.approx(mark.x + mark.width + P.card_gap / 2)
    assert after.x - before.x < 81 * P.px_per_minute  # compressed, not to scale


@settings(max_examples=100)
@given(st.floats(0, 600), st.floats(0, 600), st.floats(0.25, 8))
def test_a_longer_silence_never_looks_shorter(minutes: float, more: float, zoom: float) -> None:
    def distance(gap: float) -> float:
        layout = build_layout(spots((0, Lane.A), (gap, Lane.B)), [], P, zoom=zoom)
        return layout.cards[1].x - layout.cards[0].x

    assert distance(minutes + more) >= distance(minutes) - 1e-6


def test_zooming_in_spreads_events_and_compresses_more_gaps() -> None:
    items = spots((0, Lane.A), (6, Lane.B), (12, Lane.A), (40, Lane.B))
    near = build_layout(items, [], P, zoom=1)
    far = build_layout(items, [], P, zoom=4)
    assert far.cards[1].x - far.cards[0].x > near.cards[1].x - near.cards[0].x
    assert len(far.breaks) > len(near.breaks)
    assert build_layout(items, [], P, zoom=100).zoom == 8.0


def test_zooming_out_shrinks_cards_to_half() -> None:
    layout = build_layout(spots((0, Lane.A)), [], P, zoom=0.25)
    assert layout.cards[0].width == P.card_width / 2


def test_hit_testing_finds_cards_and_nothing_between_them() -> None:
    layout = build_layout(spots((0, Lane.A), (0, Lane.B)), [], P)
    a, b = layout.cards
    assert layout.hit(a.x + 5, a.y + 5) == a.event_id
    assert layout.hit(b.right - 1, b.bottom - 1) == b.event_id
    assert layout.hit(a.x + 5, layout.axis.y + 2) is None
    assert layout.hit(a.right + 3, a.y + 5) is None


@settings(max_examples=60)
@given(
    st.lists(st.tuples(st.floats(0, 5000), st.sampled_from(list(Lane))), max_size=40),
    st.floats(0, 5000),
    st.floats(1, 2000),
)
def test_visible_cards_are_exactly_those_in_the_range(items, x0, span) -> None:  # type: ignore[no-untyped-def]
    layout = build_layout(spots(*sorted(items)), [], P)
    expected = [c for c in layout.cards if c.right >= x0 and c.x <= x0 + span]
    assert layout.visible_cards(x0, x0 + span) == expected
    assert layout.visible_breaks(x0, x0 + span) == [
        b for b in layout.breaks if b.x + b.width >= x0 and b.x <= x0 + span
    ]
    in_range = [t for t in layout.ticks if x0 <= t.x <= x0 + span]
    assert all(t in layout.visible_ticks(x0, x0 + span) for t in in_range)
    same_lane = {lane: [c for c in layout.cards if c.lane is lane] for lane in Lane}
    for cards in same_lane.values():
        assert all(b.x >= a.right + P.card_gap - 1e-6 for a, b in pairwise(cards))


def test_scroll_for_keeps_the_card_right_of_the_lane_names() -> None:
    layout = build_layout(spots(*[(m, Lane.A) for m in range(30)]), [], P)
    viewport = 700
    card = layout.cards[20]
    scroll = layout.scroll_for(card.event_id, viewport, 0)
    assert card.x >= scroll + P.label_width and card.right <= scroll + viewport
    assert layout.scroll_for(card.event_id, viewport, scroll) == scroll  # already visible
    first = layout.cards[0]
    back = layout.scroll_for(first.event_id, viewport, scroll)
    assert back == 0
    centred = layout.scroll_for(card.event_id, viewport, 0, centre=True)
    middle = centred + P.label_width + (viewport - P.label_width) / 2
    assert card.x + card.width / 2 == pytest.approx(middle)
    assert layout.scroll_for(None, viewport, 10_000) == layout.max_scroll(viewport)


def test_links_run_from_the_source_edge_to_the_target_edge() -> None:
    layout = build_layout(spots((0, Lane.B), (2, Lane.A), (3, Lane.A)), [(1, 2), (2, 3), (9, 1)], P)
    [link] = layout.links  # same-lane and dangling links are not drawn
    source, target = layout.card(1), layout.card(2)
    assert source is not None and target is not None
    assert (link.x1, link.y1) == (source.stem_x, source.y)  # B is below: leaves from its top
    assert (link.x2, link.y2) == (target.stem_x, target.bottom)


def test_tick_labels_do_not_collide_except_to_show_a_new_day() -> None:
    minutes = [0, 0.1, 0.2, 3, 60 * 11, 60 * 11 + 1]
    layout = build_layout(
        spots(*[(m, Lane.A if i % 2 else Lane.B) for i, m in enumerate(minutes)]),
        [],
        P,
        day_of=lambda t: t.date(),
    )
    labelled = [t for t in layout.ticks if t.labelled]
    for a, b in pairwise(labelled):
        assert b.x - a.x >= P.tick_label_width or b.new_day
    assert layout.ticks[0].new_day
    assert sum(t.new_day for t in layout.ticks) == 2  # 13:00 on the 10th, 00:00 on the 11th


def test_clock_in_the_display_zone() -> None:
    stamp = datetime(2026, 11, 10, 13, 2, 30, tzinfo=UTC)
    assert clock(stamp, zone_named("Europe/Berlin")) == "14:02:30"
    assert clock(stamp.replace(second=0), zone_named("UTC")) == "13:02"
    assert zone_named("Not/AZone") is UTC


def fake_measure(text: str, width: float) -> float:
    return 20.0 * (1 + len(text) // max(1, int(width // 8)))


def stored_session() -> Session:
    session = make_session()
    for i, event in enumerate(session.events):
        event.id = i + 1
    for link in session.links:
        link.source_id, link.target_id = -link.source_id, -link.target_id
    return session


def test_flow_rows_follow_the_acting_event_and_never_overlap() -> None:
    session = stored_session()
    flow = build_flow(session, 1000, fake_measure, UTC)
    assert [r.interaction.note for r in flow.rows] == ["429s reach checkout", "revert heals"]
    first = flow.rows[0]
    assert (first.x_from, first.x_to) == (flow.lifelines[Lane.B], flow.lifelines[Lane.A])
    assert first.divergence  # its target is tagged as the divergence point
    for a, b in pairwise(flow.rows):
        assert b.source_box.y >= max(a.source_box.bottom, a.target_box.bottom, a.arrow_y)
    assert flow.height >= flow.rows[-1].target_box.bottom


def test_flow_ignores_links_within_one_team_and_dangling_ones() -> None:
    session = stored_session()
    from facilitator_app.model import EventLink

    session.links.append(EventLink(1, 2))  # both Edge Platform
    session.links.append(EventLink(1, 999))
    assert len(interactions(session)) == 2
    session.links.clear()
    empty = build_flow(session, 1000, fake_measure, UTC)
    assert empty.rows == [] and empty.height > empty.lifeline_top
