"""The room's real server on 127.0.0.1 with a free port, its owner thread holding the demo
session (as the GUI thread does in the app), and a small WebSocket device for tests."""

from __future__ import annotations

import asyncio
import json
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import aiohttp

from companion import RunningRoom, serve_until, start_room
from facilitator_app.demo import load_demo_session
from facilitator_app.engine import ManualClock
from facilitator_app.room import Room
from facilitator_app.session_open import open_workspace
from facilitator_app.subcommands.room import go_to_phase
from storage import SqliteStore
from tests.helpers.room import TODAY

T = TypeVar("T")
PATIENCE = 10.0  # only so that a broken server fails the test instead of hanging it


@dataclass
class ServedRoom:
    running: RunningRoom
    db_path: Path
    stop_event: threading.Event
    thread: threading.Thread

    @property
    def url(self) -> str:
        return self.running.url

    @property
    def code(self) -> str:
        return self.running.code

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.running.port}"

    def call(self, fn: Callable[[Room], T]) -> T:
        """Run `fn(room)` on the owner thread (as a console key would), return its result."""
        return self.running.bridge.submit(fn).result(PATIENCE)

    def to_phase(self, key: str) -> None:
        self.call(lambda room: go_to_phase(room.workspace, key))

    def member(self, name: str) -> int:
        def find(room: Room) -> int:
            found = next(a for a in room.workspace.session.attendees if a.name == name)
            assert found.id is not None
            return found.id

        return self.call(find)

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(PATIENCE)


@contextmanager
def served_room(tmp_path: Path) -> Iterator[ServedRoom]:
    db_path = tmp_path / "served.db"
    handed: queue.Queue[RunningRoom | BaseException] = queue.Queue()
    stop, wake = threading.Event(), threading.Event()

    def owner() -> None:
        store = SqliteStore.open(db_path)
        try:
            session = load_demo_session()
            store.create_session(session)
            workspace = open_workspace(store, session, ManualClock(TODAY))
            running = start_room(workspace, "127.0.0.1", 0, wake.set)
        except BaseException as exc:
            handed.put(exc)
            store.close()
            raise
        handed.put(running)
        try:
            serve_until(running, stop, wake)
        finally:
            store.close()

    thread = threading.Thread(target=owner, name="room-owner", daemon=True)
    thread.start()
    got = handed.get(timeout=PATIENCE)
    if isinstance(got, BaseException):
        raise got
    served = ServedRoom(got, db_path, stop, thread)
    try:
        yield served
    finally:
        served.stop()


class Device:
    """One participant's device: joins over HTTP, then talks over the WebSocket."""

    def __init__(self, http: aiohttp.ClientSession, served: ServedRoom) -> None:
        self.http = http
        self.served = served
        self.token = ""
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.states: list[dict[str, Any]] = []
        self.you: list[dict[str, Any]] = []
        self.others: list[dict[str, Any]] = []
        self._rid = 0
        self._replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()

    async def post(self, path: str, body: object) -> tuple[int, dict[str, Any]]:
        async with self.http.post(self.served.url + path, json=body) as response:
            return response.status, await response.json()

    async def join(self, name: str) -> None:
        status, data = await self.post(
            "api/join", {"code": self.served.code, "attendee_id": self.served.member(name)}
        )
        assert status == 200, data
        self.token = data["token"]
        await self.connect()

    async def connect(self) -> None:
        self.ws = await self.http.ws_connect(self.served.url + "ws")
        await self.ws.send_json({"type": "hello", "token": self.token})
        self._reader = asyncio.create_task(self._read(self.ws))
        await self.wait_for(lambda: bool(self.states) and bool(self.you))

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for msg in ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(msg.data)
            if data["type"] == "reply":
                future = self._replies.pop(data["rid"], None)
                if future is not None and not future.done():
                    future.set_result(data)
                continue
            {"state": self.states, "you": self.you}.get(data["type"], self.others).append(data)
            self._changed.set()
        self._changed.set()

    async def wait_for(self, condition: Callable[[], bool]) -> None:
        async def loop() -> None:
            while not condition():
                self._changed.clear()
                if condition():
                    return
                await self._changed.wait()

        await asyncio.wait_for(loop(), PATIENCE)

    async def send(self, message: dict[str, Any]) -> dict[str, Any]:
        assert self.ws is not None
        self._rid += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._replies[self._rid] = future
        await self.ws.send_json({**message, "rid": self._rid})
        return await asyncio.wait_for(future, PATIENCE)

    @property
    def closed(self) -> bool:
        return self.ws is None or self.ws.closed

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            await self._reader
