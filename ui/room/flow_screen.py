"""The incident-flow diagram on the shared screen, growing as the room's links are accepted.

The console's diagram (`ui.timeline.flow_view`) is laid out and painted by the same functions
here: we only choose a scale from the window height (type readable from the back of the room)
and lay the diagram out at the width that scale leaves, so arrows, boxes and text grow together.
When the links outgrow the screen the scale shrinks, down to a floor that keeps the text
legible; past it the newest rows stay in view (the earliest scroll off the top).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.theme import SHARED_BACKGROUND, shared_px
from ui.timeline.flow_layout import FlowLayout
from ui.timeline.flow_view import FlowFonts, layout_for, paint_flow

BASE_PX = 14  # the console diagram's type size, which the layout's spacing is designed for
TEXT_HEIGHT = 0.03  # of the window height: the diagram's body text on the projector
SMALLEST = 0.7  # never shrink the text below this share of TEXT_HEIGHT


@dataclass(frozen=True)
class FlowPlacement:
    """How the diagram sits in the view: its layout, the scale, and the vertical offset (in
    diagram units) that keeps the newest rows visible when it does not fit."""

    flow: FlowLayout
    scale: float
    offset: float


def place(
    width: float, height: float, text_px: float, lay_out: Callable[[float], FlowLayout]
) -> FlowPlacement:
    """`lay_out(width)` lays the diagram out at BASE_PX type; the rest is arithmetic."""
    scale = max(0.1, text_px / BASE_PX)
    flow = lay_out(width / scale)
    if flow.height * scale > height:
        fit = max(scale * SMALLEST, height / flow.height)
        if fit < scale:
            scale = fit
            flow = lay_out(width / scale)
    # Past the floor, the newest rows show under the (repeated) team boxes.
    offset = max(0.0, flow.height - height / scale)
    if offset > 0:  # start at the first row that fits whole under the team boxes
        room = height / scale - flow.lifeline_top
        tops = [min(r.source_box.y, r.target_box.y, r.label.y) - 6 for r in flow.rows]
        first = next((t for t in tops if flow.height - t <= room), tops[-1] if tops else 0.0)
        offset = max(0.0, first - flow.lifeline_top)
    return FlowPlacement(flow, scale, offset)


class SharedFlowView(QWidget):
    """The diagram filling the shared screen's phase area (an overlay the flow key toggles)."""

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("room-flow-view")
        self.workspace = bridge.workspace
        self.fonts = FlowFonts(self.font(), BASE_PX)
        self.placement: FlowPlacement | None = None
        bridge.changed.connect(self._on_changed)

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.TIMELINE, Part.TEAMS}:
            self.relayout()

    def relayout(self) -> None:
        self.placement = None
        self.update()

    def current(self) -> FlowPlacement:
        if self.placement is None:
            session, zone = self.workspace.session, self.workspace.display_zone
            self.placement = place(
                max(1, self.width()),
                max(1, self.height()),
                shared_px(self, TEXT_HEIGHT),
                lambda w: layout_for(session, w, self.fonts, zone),
            )
        return self.placement

    def rows_shown(self) -> int:
        """How many links the room can see now (for tests and the console's status line)."""
        placement = self.current()
        visible_from = placement.offset + (placement.flow.lifeline_top if placement.offset else 0)
        return sum(1 for r in placement.flow.rows if r.label.y >= visible_from - 6)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.relayout()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        placement = self.current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(SHARED_BACKGROUND))
        diagram_width = placement.flow.width * placement.scale
        painter.translate((self.width() - diagram_width) / 2, 0)
        painter.scale(placement.scale, placement.scale)
        painter.translate(0, -placement.offset)
        painter.setClipRect(
            QRectF(0, placement.offset, placement.flow.width, self.height() / placement.scale)
        )
        paint_flow(painter, placement.flow, self.workspace.session, self.fonts)
        if placement.offset > 0:
            # The two systems' boxes stay on top, so the room always knows which side is which.
            painter.translate(0, placement.offset)
            painter.setClipRect(QRectF(0, 0, placement.flow.width, placement.flow.lifeline_top))
            paint_flow(painter, placement.flow, self.workspace.session, self.fonts)
        painter.end()
