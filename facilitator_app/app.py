"""Opening the app: the second half of the composition root (storage + core + ui + the room's
server adapter).

Qt is imported only here, and only when the app really opens a window; the room's server
(`companion`, aiohttp) only when the facilitator lets the room join.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator_app.engine import SystemClock
from facilitator_app.model import Session
from facilitator_app.session_choice import choose_session, remember_session
from facilitator_app.session_open import open_workspace
from facilitator_app.workspace import Workspace

if TYPE_CHECKING:
    from facilitator_app.room.address import RoomAddress


def start_room(workspace: Workspace, host: str, port: int, wake: Callable[[], None]) -> Any:
    """The room's server for the open session (see `facilitator_app/room/__init__.py`)."""
    from companion import start_room as start

    return start(workspace, host, port, wake)


def run_app(
    db_path: Path,
    *,
    session_id: int | None,
    smoke: bool,
    demo: bool,
    room: RoomAddress | None = None,
) -> int:
    from storage import SqliteStore

    store = SqliteStore.open(db_path)
    try:
        session = choose_session(store, session_id)
        remember_session(store, session)
        clock = SystemClock()

        def opener(chosen: Session) -> Workspace:
            """Every session the app opens gets its engine here, on the one system clock."""
            return open_workspace(store, chosen, clock)

        workspace = opener(session)
        from ui.app import run_gui

        return run_gui(  # the GC policy is cli.main's; the windows collect on the GUI thread
            workspace,
            opener=opener,
            smoke=smoke,
            demo=demo,
            notices=list(store.notices),
            room_starter=start_room,
            room_at=(room.host, room.port) if room is not None else None,
        )
    finally:
        store.close()
