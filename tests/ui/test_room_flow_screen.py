"""The shared screen's incident-flow view: readable type on the projector, and when the links
outgrow the screen, the newest rows stay in view under the team boxes."""

from __future__ import annotations

from datetime import UTC

from facilitator_app.demo import load_demo_session
from ui.room.flow_screen import BASE_PX, SMALLEST, place
from ui.timeline.flow_layout import FlowLayout, build_flow


def fake_measure(text: str, width: float) -> float:
    return 20.0 * (1 + len(text) // max(1, int(width // 8)))


def demo_layout(links: int):  # type: ignore[no-untyped-def]
    session = load_demo_session()
    for i, event in enumerate(session.events):
        event.id = i + 1
    for link in session.links:
        link.source_id, link.target_id = -link.source_id, -link.target_id
    del session.links[links:]

    def lay_out(width: float) -> FlowLayout:
        return build_flow(session, width, fake_measure, UTC)

    return lay_out


def test_a_short_diagram_is_drawn_at_the_projector_size_from_the_top() -> None:
    placed = place(1252, 512, 21.6, demo_layout(1))
    assert placed.scale == 21.6 / BASE_PX
    assert placed.offset == 0
    assert placed.flow.height * placed.scale <= 512


def test_a_tall_diagram_shrinks_to_the_floor_then_keeps_the_newest_rows_whole() -> None:
    lay_out = demo_layout(100)
    placed = place(1252, 512, 21.6, lay_out)
    assert len(placed.flow.rows) >= 6
    assert placed.scale >= 21.6 / BASE_PX * SMALLEST - 1e-9
    assert placed.offset > 0
    visible = 512 / placed.scale
    last = placed.flow.rows[-1]
    assert max(last.source_box.bottom, last.target_box.bottom) <= placed.offset + visible
    shown = [
        r for r in placed.flow.rows if r.label.y >= placed.offset + placed.flow.lifeline_top - 6
    ]
    assert shown and shown[-1] is last
    # the first row shown starts below the repeated team boxes, never cut in half
    first = shown[0]
    top = min(first.source_box.y, first.target_box.y, first.label.y)
    assert top - placed.offset >= placed.flow.lifeline_top - 6
