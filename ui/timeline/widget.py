"""The two-lane timeline widget, for the console and (larger, read-only) for the projector.

It holds no state of its own beyond the view (zoom, scroll): the events come from the workspace,
the current event is `Workspace.current_event_id`, and moving it goes through the core's
`next_event` / `previous_event`, so both windows follow. Geometry lives in `layout.py`; drawing
in `paint.py`.

Keys (when it has focus): Left/Right or PageUp/PageDown previous/next event, Home/End first and
last, + and - zoom, 0 resets the zoom. Mouse: click an event, drag or wheel to pan, Ctrl+wheel to
zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from facilitator_app.model import TimelineEvent
from facilitator_app.timeline.merge import merged
from facilitator_app.timeline.walk import first_event, last_event, next_event, previous_event
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.theme import SHARED_BACKGROUND, shared_px
from ui.timeline.layout import LayoutParams, Spot, TimelineLayout, build_layout, clamp_zoom
from ui.timeline.paint import TimelinePainter, TimelineStyle
from ui.timeline.timefmt import zone_named

ZOOM_STEP = 1.25
PROJECTOR_FONT_FRACTION = 0.026  # of the window height: ~19 px at 720 p, ~28 px at 1080 p


class TimelineWidget(QAbstractScrollArea):
    """Both teams' events on one time axis; the current event highlighted and kept in view."""

    activated = Signal(int)  # Enter or double-click on an event: the console opens its detail

    def __init__(
        self, bridge: WorkspaceBridge, parent: QWidget | None = None, *, projector: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-widget")
        self.bridge = bridge
        self.workspace = bridge.workspace
        self.projector = projector
        self.zoom = 1.0
        self._drag_from: QPoint | None = None
        self._drag_scroll = 0
        self._events: dict[int, TimelineEvent] = {}
        self._font_px = 0
        self._painter = TimelinePainter(TimelineStyle.scaled(self.font(), 13))
        self.layout_: TimelineLayout = build_layout([], [])
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if projector:
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        else:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(not projector)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        bridge.changed.connect(self._on_changed)
        self.rebuild()

    # ---- model -> layout ----------------------------------------------------------------

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.TIMELINE, Part.TEAMS}:
            self.rebuild()
        elif Part.CURRENT_EVENT in parts:
            self.ensure_current_visible()
            self.viewport().update()

    def font_pixels(self) -> int:
        if self.projector:
            return shared_px(self, PROJECTOR_FONT_FRACTION, minimum=14)
        info = self.fontInfo()
        return max(11, info.pixelSize() or round(info.pointSizeF() * 96 / 72))

    def layout_params(self) -> LayoutParams:
        px = self.font_pixels()
        if px != self._font_px:
            self._font_px = px
            self._painter.set_style(TimelineStyle.scaled(self.font(), px))
        style = self._painter.style
        axis = QFontMetricsF(style.axis)
        axis_height = axis.height() * 1.9
        card_height = max(px * 4.0, (self.viewport().height() - axis_height) / 2 - 2 * 8)
        card_width = px * 17.0
        return LayoutParams(
            card_width=card_width,
            card_height=card_height,
            card_gap=max(10.0, px * 0.7),
            lane_padding=8.0,
            axis_height=axis_height,
            label_width=px * 9.0,
            pad=px * 1.2,
            px_per_minute=card_width / 4,
            max_step_cards=1.25,
            break_width=axis.horizontalAdvance("+23 h 59 min") + 28,
            stem_offset=14.0,
            tick_label_width=axis.horizontalAdvance("Wed 30 Sep 00:00:00") * 0.42 + 12,
        )

    def rebuild(self) -> None:
        """Recompute the layout from the workspace (after a change, a zoom or a resize)."""
        session = self.workspace.session
        events = [e for e in merged(session.events) if e.id is not None]
        self._events = {e.id: e for e in events if e.id is not None}
        zone = zone_named(self.workspace.display_zone)
        self.layout_ = build_layout(
            [Spot(e.id, e.occurred_at, e.lane) for e in events if e.id is not None],
            [(k.source_id, k.target_id) for k in session.links],
            self.layout_params(),
            self.zoom,
            day_of=lambda t: t.astimezone(zone).date(),
        )
        self._painter.forget_text()
        bar = self.horizontalScrollBar()
        width = self.viewport().width()
        bar.setRange(0, int(self.layout_.max_scroll(width)))
        bar.setPageStep(max(1, width))
        bar.setSingleStep(max(1, int(self.layout_.params.card_width / 4)))
        self.ensure_current_visible()
        self.viewport().update()

    def ensure_current_visible(self) -> None:
        bar = self.horizontalScrollBar()
        target = self.layout_.scroll_for(
            self.workspace.current_event_id,
            self.viewport().width(),
            bar.value(),
            centre=self.projector,
        )
        bar.setValue(round(target))

    def scroll_offset(self) -> int:
        return self.horizontalScrollBar().value()

    def current_card_on_screen(self) -> bool:
        """True when the current event's whole card is inside the viewport (tests, a11y)."""
        card = self.layout_.card(self.workspace.current_event_id)
        if card is None:
            return False
        left = self.scroll_offset() + self.layout_.params.label_width
        return (
            card.x >= left - 0.5
            and card.right <= self.scroll_offset() + self.viewport().width() + 0.5
        )

    # ---- zoom ---------------------------------------------------------------------------

    def set_zoom(self, zoom: float, anchor_x: float | None = None) -> None:
        zoom = clamp_zoom(zoom)
        if abs(zoom - self.zoom) < 1e-9:
            return
        anchor = self.viewport().width() / 2 if anchor_x is None else anchor_x
        fraction = (self.scroll_offset() + anchor) / max(1.0, self.layout_.width)
        self.zoom = zoom
        self.rebuild()
        self.horizontalScrollBar().setValue(round(fraction * self.layout_.width - anchor))
        if anchor_x is None:
            self.ensure_current_visible()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    # ---- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), QColor(SHARED_BACKGROUND))
        self._painter.paint(
            painter,
            self.layout_,
            self._events,
            self.workspace.session.teams,
            zone_named(self.workspace.display_zone),
            scroll=self.scroll_offset(),
            viewport_width=self.viewport().width(),
            viewport_height=self.viewport().height(),
            current_id=self.workspace.current_event_id,
        )
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.rebuild()

    def sizeHint(self) -> QSize:
        return QSize(900, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 160)

    # ---- input --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            next_event(self.workspace)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            previous_event(self.workspace)
        elif key == Qt.Key.Key_Home:
            first_event(self.workspace)
        elif key == Qt.Key.Key_End:
            last_event(self.workspace)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.reset_zoom()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.workspace.current_event_id is not None:
                self.activated.emit(self.workspace.current_event_id)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def event_at(self, point: QPoint) -> int | None:
        return self.layout_.hit(point.x() + self.scroll_offset(), point.y())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.projector or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus()
        hit = self.event_at(event.position().toPoint())
        if hit is not None:
            self.workspace.set_current_event(hit)
        self._drag_from = event.position().toPoint()
        self._drag_scroll = self.scroll_offset()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            dx = event.position().toPoint().x() - self._drag_from.x()
            if abs(dx) >= QApplication.startDragDistance():
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.horizontalScrollBar().setValue(self._drag_scroll - dx)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is None:
            super().mouseReleaseEvent(event)
            return
        self._drag_from = None
        self.viewport().unsetCursor()
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.event_at(event.position().toPoint())
        if hit is not None and not self.projector:
            self.activated.emit(hit)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.projector:
            event.ignore()
            return
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = ZOOM_STEP if delta.y() > 0 else 1 / ZOOM_STEP
            self.set_zoom(self.zoom * factor, anchor_x=event.position().x())
        else:
            step = delta.x() if abs(delta.x()) > abs(delta.y()) else delta.y()
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - step)
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.event_at(event.pos())
            found = self._events.get(hit) if hit is not None else None
            if found is not None:
                QToolTip.showText(event.globalPos(), found.description, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
