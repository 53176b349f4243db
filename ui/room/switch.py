"""The switch that lets the room join: starts and stops the room's server for one session.

The server (`companion.start_room`, injected by the composition root: `ui/` never imports the
adapter) runs aiohttp on its own asyncio thread and must never touch a widget or the workspace.
It calls `wake` from that thread; `wake` here only emits a Qt signal whose queued connection
runs `process_pending()` on the GUI thread, where the room's requests are handled and the
devices are pushed what changed. The room's own change callbacks run on the GUI thread and are
forwarded as `room_changed`, which the console's queue and the shared screen's counts follow.

Turning joining off, opening another session or quitting calls `stop()`: the server closes every
connection and the room refuses anything that still arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal

from ui.bridge import WorkspaceBridge
from ui.room.display import JoinCard, RoomDisplay


class RunningRoom(Protocol):
    """What `companion.start_room` returns (see `facilitator_app/room/__init__.py`)."""

    url: str
    code: str
    qr_url: str
    room: Room

    def process_pending(self) -> int: ...
    def stop(self) -> None: ...


if TYPE_CHECKING:
    from facilitator_app.room import Room

# start_room(workspace, host, port, wake=...) -> RunningRoom
Starter = Callable[..., RunningRoom]


class RoomSwitch(QObject):
    """One session's room server: on, off, and the thread crossing in between."""

    woke = Signal()  # emitted from the server's thread; delivered queued on the GUI thread
    started = Signal(str, str)  # join URL, code
    stopped = Signal()
    room_changed = Signal()

    @classmethod
    def of(cls, bridge: WorkspaceBridge) -> RoomSwitch:
        found = bridge.findChild(RoomSwitch)
        return found if isinstance(found, RoomSwitch) else cls(bridge)

    def __init__(self, bridge: WorkspaceBridge, starter: Starter | None = None) -> None:
        super().__init__(bridge)
        self.bridge = bridge
        self.workspace = bridge.workspace
        self.starter = starter
        self.display = RoomDisplay.of(bridge)
        self.running: RunningRoom | None = None
        self.woke.connect(self._process, Qt.ConnectionType.QueuedConnection)
        self.room_changed.connect(self._show_counts)

    @property
    def room(self) -> Room | None:
        return self.running.room if self.running is not None else None

    @property
    def is_on(self) -> bool:
        return self.running is not None

    def start(self, host: str = "", port: int = 0) -> RunningRoom:
        """Start the server (host "" = the default route's address; port 0 = a free one).
        Raises UserError (from the server: address in use, not this machine's) unchanged."""
        if self.running is not None:
            return self.running
        if self.starter is None:
            from facilitator_app.errors import UserError

            raise UserError("the room's server is not available in this build", field="room")
        running = self.starter(self.workspace, host, port, wake=self.woke.emit)
        self.running = running
        running.room.subscribe(self.room_changed.emit)
        self._show_counts()
        self.started.emit(running.url, running.code)
        return running

    def stop(self) -> None:
        """Stop the server and every connection (idempotent)."""
        running, self.running = self.running, None
        if running is None:
            return
        running.stop()
        self.display.set_card(None)
        self.stopped.emit()
        self.room_changed.emit()

    def toggle(self, host: str = "", port: int = 0) -> bool:
        """On if it was off, off if it was on; returns whether the room can join now."""
        if self.running is not None:
            self.stop()
            return False
        self.start(host, port)
        return True

    def _process(self) -> None:
        if self.running is not None:
            self.running.process_pending()

    def _show_counts(self) -> None:
        running = self.running
        if running is None:
            return
        from facilitator_app.room.views import shared_screen_counts

        room = running.room
        counts = shared_screen_counts(room.counts(), room.phase_key())
        self.display.set_card(JoinCard(running.url, room.code, counts, running.qr_url))


def describe(running: Any) -> str:
    """The line `--room` prints once the server listens."""
    return f"room: {running.url} code {running.code}"
