"""The first run: an empty database offers a start instead of an empty "Untitled" session.

A facilitator who installs the app the day before a meeting opens it on an empty database. The
welcome (ui/welcome.py) asks what to do; this module decides when it is shown and carries out
the choice on the store, so the rule is written once and tested without Qt.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from facilitator_app import session_json
from facilitator_app.model import Session
from facilitator_app.store import SessionStore


class StartChoice(enum.Enum):
    NEW_SESSION = "new"
    OPEN_DEMO = "demo"
    IMPORT_SESSION = "import"
    QUIT = "quit"


@dataclass(frozen=True)
class Start:
    """What the welcome answered: a choice, and the new session or the file to import."""

    choice: StartChoice
    session: Session | None = None
    file: Path | None = None


def needs_welcome(store: SessionStore, requested: int | None) -> bool:
    """Only an empty database with no session asked for by id gets the welcome."""
    return requested is None and not store.list_sessions()


def carry_out(store: SessionStore, start: Start) -> int | None:
    """Create or import the session the user chose; the id to open, or None (demo or quit).

    Raises `UserError` (naming the file, line and field) when the file to import is bad;
    nothing is written then."""
    if start.choice is StartChoice.NEW_SESSION and start.session is not None:
        return store.create_session(start.session)
    if start.choice is StartChoice.IMPORT_SESSION and start.file is not None:
        return store.create_session(session_json.load_file(start.file))
    return None
