"""Starting and stopping the room's server: its own asyncio loop in one thread.

`start_room` returns once the server listens (or raises UserError saying why it cannot);
`RunningRoom.stop()` closes every connection, stops listening and refuses whatever was still
queued, so nothing is accepted after it returns.
"""

from __future__ import annotations

import asyncio
import ipaddress
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from companion.page import load_assets
from companion.server import RoomServer
from facilitator_app.errors import UserError
from facilitator_app.room import Room, RoomBridge
from facilitator_app.room.address import default_route_address
from facilitator_app.room.requests import build_checker
from facilitator_app.workspace import Workspace

START_TIMEOUT = 10.0


def join_url(host: str, port: int, secret: str) -> str:
    """The join link (the per-session secret is in it; the code is not)."""
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/r/{secret}/"


def scan_url(url: str, code: str) -> str:
    """The link with the code in its fragment: scanning it skips typing the code."""
    return f"{url}#code={code}"


@dataclass
class RunningRoom:
    room: Room
    bridge: RoomBridge
    server: RoomServer
    host: str
    port: int
    _loop: asyncio.AbstractEventLoop
    _thread: threading.Thread
    _stopped: bool = field(default=False)

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
        """On the workspace's thread, after `wake`: run the devices' requests, push changes."""
        return self.bridge.process_pending()

    def stop(self) -> None:
        """On the workspace's thread: close every connection and stop listening (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        self.bridge.close()
        if self._loop.is_running():
            done = asyncio.run_coroutine_threadsafe(self.server.shutdown(), self._loop)
            try:
                done.result(timeout=10)
            finally:
                self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def start_room(
    workspace: Workspace,
    host: str,
    port: int,
    wake: Callable[[], None],
    *,
    room: Room | None = None,
) -> RunningRoom:
    """Serve the room's page for this workspace on `host:port` ("" = the default route's
    address, port 0 = a free port). Call on the workspace's thread. `wake` is called from other
    threads whenever `process_pending()` should run on the workspace's thread."""
    bind = host or default_route_address()
    try:
        ipaddress.ip_address(bind)
    except ValueError:
        raise UserError(f"{bind!r} is not an IP address", field="--room") from None
    room = room or Room(workspace)
    bridge = RoomBridge(room, wake)
    server = RoomServer(bridge, load_assets())
    room.attach(server.outbox, wake)
    room.build_checker_here = False  # a second or two: built on the server's side instead
    names = room.team_names()
    loop = asyncio.new_event_loop()
    started = threading.Event()
    outcome: dict[str, object] = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            outcome["port"] = loop.run_until_complete(server.start(bind, port))
        except OSError as exc:
            outcome["error"] = exc
            started.set()
            loop.close()
            return
        started.set()
        loop.run_in_executor(None, _prepare_checker, bridge, names)
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    thread = threading.Thread(target=run, name="room-server", daemon=True)
    thread.start()
    if not started.wait(START_TIMEOUT):
        raise UserError(f"the room's server did not start on {bind}:{port}", field="--room")
    error = outcome.get("error")
    if isinstance(error, OSError):
        room.close()
        raise UserError(f"cannot listen on {bind}:{port}: {error.strerror}", field="--room")
    bound = outcome["port"]
    assert isinstance(bound, int)
    return RunningRoom(room, bridge, server, bind, bound, loop, thread)


def _prepare_checker(bridge: RoomBridge, names: list[str]) -> None:
    checker = build_checker(names)
    bridge.submit(lambda room: room.set_checker(checker))
