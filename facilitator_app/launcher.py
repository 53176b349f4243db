"""Opening the app: the second half of the composition root (storage + core + ui).

Picks the session to open (the one asked for, else the last one opened, else the newest, else a
new one), then hands a `Workspace` to the UI. Qt is imported only here, and only when the app
really opens a window.
"""

from __future__ import annotations

from pathlib import Path

from facilitator_app.errors import UserError
from facilitator_app.model import Session, two_teams
from facilitator_app.store import SessionStore
from facilitator_app.workspace import Workspace

LAST_SESSION_KEY = "last_session_id"


def choose_session(store: SessionStore, requested: int | None) -> Session:
    if requested is not None:
        return store.load_session(requested)
    last = store.get_setting(LAST_SESSION_KEY)
    known = {s.id for s in store.list_sessions()}
    if last is not None and last.isdigit() and int(last) in known:
        return store.load_session(int(last))
    if known:
        return store.load_session(store.list_sessions()[0].id)
    session = Session("Untitled postmortem", two_teams("Team A", "Team B"))
    store.create_session(session)
    return session


def run_app(db_path: Path, *, session_id: int | None, smoke: bool, demo: bool) -> int:
    from storage import SqliteStore

    store = SqliteStore.open(db_path)
    try:
        session = choose_session(store, session_id)
        if session.id is not None:
            store.set_setting(LAST_SESSION_KEY, str(session.id))
        workspace = Workspace(store, session)
        from ui.app import run_gui

        return run_gui(workspace, smoke=smoke, demo=demo, notices=list(store.notices))
    except UserError:
        raise
    finally:
        store.close()
