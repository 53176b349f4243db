"""Which session the app opens: the one asked for, the last one opened, the newest, or a new one."""

from __future__ import annotations

from facilitator_app.model import Session, two_teams
from facilitator_app.store import SessionStore

LAST_SESSION_KEY = "last_session_id"


def choose_session(store: SessionStore, requested: int | None) -> Session:
    if requested is not None:
        return store.load_session(requested)
    sessions = store.list_sessions()
    known = {s.id for s in sessions}
    last = store.get_setting(LAST_SESSION_KEY)
    if last is not None and last.isdigit() and int(last) in known:
        return store.load_session(int(last))
    if sessions:
        return store.load_session(sessions[0].id)
    session = Session("Untitled postmortem", two_teams("Team A", "Team B"))
    store.create_session(session)
    return session


def remember_session(store: SessionStore, session: Session) -> None:
    if session.id is not None and not getattr(store, "read_only", False):
        store.set_setting(LAST_SESSION_KEY, str(session.id))
