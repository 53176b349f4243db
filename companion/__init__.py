"""The room's server: an adapter beside `storage/` that serves the participants' page and talks
to the core's `Room` only through its thread-safe `RoomBridge`. Never imports `ui/` or `storage/`.

aiohttp runs HTTP and WebSocket on its own asyncio loop in one thread (see `server.py`); the
composition root calls `start_room` and, from the `wake` callback, arranges for
`RunningRoom.process_pending()` to run on the thread that owns the workspace.
"""

from companion.running import RunningRoom, serve_until, start_room

__all__ = ["RunningRoom", "serve_until", "start_room"]
