"""The one thread-safe doorway between the server's thread and the room's owner thread.

The server calls `submit(fn)` from its own thread: `fn(room)` is queued, `wake()` is called so
the owner thread knows there is work, and a `concurrent.futures.Future` carries the result (or
the refusal) back. The owner thread calls `process_pending()`: it runs the queued calls in order,
then lets the room push what changed. In the app, `wake` emits a Qt signal with a queued
connection whose slot calls `process_pending()`; headless, `wake` sets an Event that a loop waits
on (`serve_forever`).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from facilitator_app.room.room import Room

T = TypeVar("T")
MAX_QUEUED = 10_000


class RoomClosed(Exception):
    """The room has stopped: nothing more is accepted."""


class RoomBridge:
    def __init__(self, room: Room, wake: Callable[[], None]) -> None:
        self.room = room
        self._wake = wake
        self._calls: queue.Queue[tuple[Callable[[Room], Any], Future[Any]]] = queue.Queue(
            MAX_QUEUED
        )
        self._closed = threading.Event()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def submit(self, call: Callable[[Room], T]) -> Future[T]:
        """Any thread: run `call(room)` on the owner thread; the future holds its result."""
        future: Future[T] = Future()
        if self._closed.is_set():
            future.set_exception(RoomClosed("the room has stopped"))
            return future
        try:
            self._calls.put_nowait((call, future))
        except queue.Full:
            future.set_exception(RoomClosed("the room is too busy"))
            return future
        self._wake()
        return future

    def process_pending(self) -> int:
        """Owner thread: run every queued call, then push what changed; returns how many ran."""
        ran = 0
        while True:
            try:
                call, future = self._calls.get_nowait()
            except queue.Empty:
                break
            if not future.set_running_or_notify_cancel():
                continue
            if self._closed.is_set():
                future.set_exception(RoomClosed("the room has stopped"))
                continue
            try:
                future.set_result(call(self.room))
            except Exception as exc:  # the refusal (or a bug) travels back to the request
                future.set_exception(exc)
            ran += 1
        self.room.flush()
        return ran

    def close(self) -> None:
        """Owner thread: refuse everything from now on; queued calls fail."""
        self._closed.set()
        self.room.close()
        while True:
            try:
                _, future = self._calls.get_nowait()
            except queue.Empty:
                break
            if future.set_running_or_notify_cancel():
                future.set_exception(RoomClosed("the room has stopped"))
