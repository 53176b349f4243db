"""Puts the room's two views over the shared screen's phase area, leaving its header (title,
clock, speaking balance) and footer (the language guide) in view.

They are children of the screen's meeting page, so blanking the screen (`B`) or bringing the
language guide up (`G`) hides them with everything else, and they follow the phase area's
geometry through an event filter: the shared screen's own module stays untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from ui.bridge import WorkspaceBridge
from ui.room.display import RoomDisplay
from ui.room.flow_screen import SharedFlowView
from ui.room.join_overlay import JoinOverlay


class RoomOverlays(QObject):
    """The join screen and the flow view of one shared screen."""

    def __init__(self, shared: QWidget, bridge: WorkspaceBridge, display: RoomDisplay) -> None:
        super().__init__(shared)
        self.setObjectName("room-overlays")
        self.display = display
        # The area they cover: the phase views when the screen has them, else the whole screen.
        self.area: QWidget = getattr(shared, "phase_views", None) or shared
        host = self.area.parentWidget() or shared
        self.join = JoinOverlay(display, host)
        self.flow = SharedFlowView(bridge, host)
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
        for widget in (self.join, self.flow):
            if widget.isVisible():
                widget.raise_()

    def _place(self) -> None:
        area = self.area
        geometry = area.geometry() if area.parentWidget() is not None else area.rect()
        self.join.setGeometry(geometry)
        self.flow.setGeometry(geometry)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return False
