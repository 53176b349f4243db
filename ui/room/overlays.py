"""Puts the room's two views over the shared screen's phase area, leaving its header (title,
clock, speaking balance) and footer (the language guide) in view.

They are children of the screen's meeting page, so blanking the screen (`B`) or bringing the
language guide up (`G`) hides them with everything else, and they follow the phase area's
geometry through an event filter: the shared screen's own module stays untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.bridge import WorkspaceBridge
from ui.room.display import RoomDisplay
from ui.room.flow_screen import SharedFlowView
from ui.room.join_overlay import JoinOverlay
from ui.theme import SHARED_TEXT, font_px, shared_px


class CountsBadge(QLabel):
    """While the room can join and the join screen is hidden: the room's counts in a corner
    ("7 of 9 joined · votes in: 6 of 9"), numbers only."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("room-counts-badge")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def show_text(self, text: str) -> None:
        px = shared_px(self, 0.026, minimum=12)
        self.setFont(font_px(px, bold=True))
        self.setStyleSheet(
            f"color: {SHARED_TEXT}; background: rgba(255, 255, 255, 235);"
            f"border: 2px solid {SHARED_TEXT}; border-radius: {px // 2}px;"
            f"padding: {px // 4}px {px // 2}px;"
        )
        self.setText(f"Room: {text}")
        self.adjustSize()


class RoomOverlays(QObject):
    """The join screen and the flow view of one shared screen."""

    def __init__(
        self, shared: QWidget, area: QWidget, bridge: WorkspaceBridge, display: RoomDisplay
    ) -> None:
        """`area`: what they cover on `shared` (its phase views: title, clock and balance stay
        in view)."""
        super().__init__(shared)
        self.setObjectName("room-overlays")
        self.display = display
        self.area = area
        host = self.area.parentWidget() or shared
        self.join = JoinOverlay(display, host)
        self.flow = SharedFlowView(bridge, host)
        self.badge = CountsBadge(host)
        self.area.installEventFilter(self)
        display.changed.connect(self.refresh)
        self.refresh()

    @classmethod
    def of(cls, shared: QWidget) -> RoomOverlays | None:
        found = shared.findChild(RoomOverlays, "room-overlays")
        return found if isinstance(found, RoomOverlays) else None

    def refresh(self) -> None:
        self._place()
        self.join.refresh()
        self.flow.setVisible(self.display.flow_visible)
        card = self.display.card
        joining_shown = self.display.join_visible
        self.badge.setVisible(card is not None and bool(card.counts) and not joining_shown)
        if card is not None:
            self.badge.show_text(card.counts)
        for widget in (self.join, self.flow, self.badge):
            if widget.isVisible():
                widget.raise_()
        self._place()

    def _place(self) -> None:
        area = self.area
        geometry = area.geometry() if area.parentWidget() is not None else area.rect()
        self.join.setGeometry(geometry)
        self.flow.setGeometry(geometry)
        margin = shared_px(self.badge, 0.01, minimum=4)
        self.badge.move(
            geometry.right() - self.badge.width() - margin,
            geometry.bottom() - self.badge.height() - margin,
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return False
