"""The owner loop without Qt (the headless `room-serve` command, tests): run the devices'
requests whenever the server wakes this thread, until asked to stop; then stop the server."""

from __future__ import annotations

import threading
from typing import Protocol


class Serving(Protocol):
    def process_pending(self) -> int: ...

    def stop(self) -> None: ...


def serve_until(running: Serving, stop: threading.Event, wake: threading.Event) -> None:
    try:
        while not stop.is_set():
            wake.wait(0.5)
            wake.clear()
            running.process_pending()
    finally:
        running.stop()
