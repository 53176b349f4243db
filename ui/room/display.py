"""What the shared screen shows of the room: the join card and the incident-flow view.

One `RoomDisplay` per open session (a child of its bridge, like the meeting controller), so the
console's keys and the shared screen's overlays look at the same two switches. It holds only
presentation (which overlay is up) and the last join card the room's server announced; every
rule about the room (who joined, who voted) stays in the core's room.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ui.bridge import WorkspaceBridge


@dataclass(frozen=True)
class JoinCard:
    """How a device joins, and the counts the room may see (never who did what)."""

    url: str  # the join address as shown
    code: str
    counts: str = ""  # worded by the core: "7 of 9 joined · votes in: 6 of 9"
    qr_text: str = ""  # what the QR code holds (the address with the code); default: url


class RoomDisplay(QObject):
    changed = Signal()

    @classmethod
    def of(cls, bridge: WorkspaceBridge) -> RoomDisplay:
        found = bridge.findChild(RoomDisplay)
        return found if isinstance(found, RoomDisplay) else cls(bridge)

    def __init__(self, bridge: WorkspaceBridge) -> None:
        super().__init__(bridge)
        self.bridge = bridge
        self.card: JoinCard | None = None  # None: the room cannot join (server off)
        self.join_visible = False
        self.flow_visible = False

    def set_card(self, card: JoinCard | None) -> None:
        """A new card (the server started, or the counts changed); None when it stopped.
        The join screen comes up when joining starts, and goes when it stops."""
        starting = card is not None and (self.card is None or self.card.url != card.url)
        self.card = card
        if starting:
            self.join_visible = True
        if card is None:
            self.join_visible = False
        self.changed.emit()

    def toggle_join(self) -> bool:
        """Show or hide the join screen; False (and nothing shown) while joining is off."""
        if self.card is None:
            self.join_visible = False
            self.changed.emit()
            return False
        self.join_visible = not self.join_visible
        if self.join_visible:
            self.flow_visible = False
        self.changed.emit()
        return True

    def toggle_flow(self) -> None:
        self.flow_visible = not self.flow_visible
        if self.flow_visible:
            self.join_visible = False
        self.changed.emit()
