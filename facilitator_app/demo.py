"""The built-in demo session (a fictional two-team incident), used by `--demo` and by tests."""

from __future__ import annotations

from datetime import date

from facilitator_app import session_json
from facilitator_app.model import Session
from facilitator_app.paths import read_resource_text
from facilitator_app.store import SessionStore

DEMO_RESOURCE = "demo_session.json"


def load_demo_session() -> Session:
    """A fresh, unsaved copy of the demo session."""
    return session_json.loads(read_resource_text(DEMO_RESOURCE), file=DEMO_RESOURCE)


def add_sample_history(store: SessionStore, today: date) -> None:
    """The demo database's past reviews (`sample_history`), so `report` has a quarter to show.

    Added after the demo session, which keeps id 1 and stays the session the app opens.
    """
    from facilitator_app.sample_history import sample_history
    from facilitator_app.session_choice import LAST_SESSION_KEY

    opened = store.list_sessions()
    for session in sample_history(today=today):
        store.create_session(session)
    if opened:
        store.set_setting(LAST_SESSION_KEY, str(min(s.id for s in opened)))
