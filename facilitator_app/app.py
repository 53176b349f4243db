"""Opening the app: the second half of the composition root (storage + core + ui).

Qt is imported only here, and only when the app really opens a window.
"""

from __future__ import annotations

from pathlib import Path

from facilitator_app.session_choice import choose_session, remember_session
from facilitator_app.workspace import Workspace


def run_app(db_path: Path, *, session_id: int | None, smoke: bool, demo: bool) -> int:
    from storage import SqliteStore

    store = SqliteStore.open(db_path)
    try:
        session = choose_session(store, session_id)
        remember_session(store, session)
        workspace = Workspace(store, session)
        from ui.app import run_gui

        return run_gui(workspace, smoke=smoke, demo=demo, notices=list(store.notices))
    finally:
        store.close()
