"""The app's two windows on the demo session with the room switch wired, for the room's UI tests.

`InProcessRoom` stands in for the companion adapter's network half only: it is the real core
`Room` behind the real thread-safe `RoomBridge`, woken exactly as the server wakes it, so these
tests exercise the GUI-thread glue and the console's decisions. Tests that need real sockets
use `companion.start_room` on 127.0.0.1 instead (tests/ui/test_room_server_ui.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.running import join_url, scan_url
from facilitator_app.demo import load_demo_session
from facilitator_app.engine import ManualClock
from facilitator_app.room import Room, RoomBridge
from facilitator_app.session_open import open_workspace
from facilitator_app.workspace import Workspace
from storage import SqliteStore
from tests.helpers.room import TODAY


@dataclass
class InProcessRoom:
    room: Room
    bridge: RoomBridge
    host: str
    port: int
    sent: list[tuple[str | None, dict[str, Any]]] = field(default_factory=list)
    stopped: bool = False

    @property
    def url(self) -> str:
        return join_url(self.host, self.port, self.room.secret)

    @property
    def code(self) -> str:
        return self.room.code

    @property
    def qr_url(self) -> str:
        return scan_url(self.url, self.room.code)

    def process_pending(self) -> int:
        return self.bridge.process_pending()

    def stop(self) -> None:
        if not self.stopped:
            self.stopped = True
            self.bridge.close()

    def from_device(self, call: Callable[[Room], Any]) -> Future[Any]:
        """Submit from another thread, as the server's asyncio thread does."""
        box: dict[str, Future[Any]] = {}
        thread = threading.Thread(target=lambda: box.update(f=self.bridge.submit(call)))
        thread.start()
        thread.join()
        return box["f"]


@dataclass
class Starter:
    """A `start_room` stand-in that records every room it started."""

    started: list[InProcessRoom] = field(default_factory=list)

    def __call__(
        self, workspace: Workspace, host: str, port: int, wake: Callable[[], None]
    ) -> InProcessRoom:
        room = Room(workspace)
        bridge = RoomBridge(room, wake)
        running = InProcessRoom(room, bridge, host or "127.0.0.1", port or 47000)
        room.attach(lambda token, message: running.sent.append((token, message)), wake)
        self.started.append(running)
        return running

    @property
    def last(self) -> InProcessRoom:
        return self.started[-1]


def open_demo(store: SqliteStore, session_id: int) -> Workspace:
    """The session with its meeting engine on a manual clock (no test waits on real time)."""
    return open_workspace(store, store.load_session(session_id), ManualClock(TODAY))


@contextmanager
def demo_store(path: Path) -> Iterator[tuple[SqliteStore, int]]:
    store = SqliteStore.open(path)
    try:
        yield store, store.create_session(load_demo_session())
    finally:
        store.close()
