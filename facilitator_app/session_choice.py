"""Which session the app opens: the one asked for, the last one opened, the newest, or a new one."""

from __future__ import annotations

from collections.abc import Callable

from facilitator_app.errors import UserError, ValidationError
from facilitator_app.model import Session, two_teams
from facilitator_app.store import SessionStore, SessionSummary

LAST_SESSION_KEY = "last_session_id"
NEW_SESSION = 0  # what `ask` returns for "start a new session instead"

# Shown the sessions that can still be tried and why the last one failed; returns the id to try
# next, NEW_SESSION, or None (give up: the error is reported as before).
AskForSession = Callable[[list[SessionSummary], str], int | None]


def _pick(store: SessionStore, requested: int | None) -> int | None:
    """The one asked for, the last one opened, the newest; None: there are none yet."""
    if requested is not None:
        return requested
    sessions = store.list_sessions()
    known = {s.id for s in sessions}
    last = store.get_setting(LAST_SESSION_KEY)
    if last is not None and last.isdigit() and int(last) in known:
        return int(last)
    return sessions[0].id if sessions else None


def _new(store: SessionStore) -> Session:
    session = Session("Untitled postmortem", two_teams("Team A", "Team B"))
    store.create_session(session)
    return session


def choose_session(store: SessionStore, requested: int | None) -> Session:
    picked = _pick(store, requested)
    return _new(store) if picked is None else _load(store, picked)


def remember_session(store: SessionStore, session: Session) -> None:
    if session.id is not None and not getattr(store, "read_only", False):
        store.set_setting(LAST_SESSION_KEY, str(session.id))


def _load(store: SessionStore, session_id: int) -> Session:
    """A stored session, or UserError: values that break the model's rules (written by an older
    version or another tool) are reported like any other reason it cannot be opened."""
    try:
        return store.load_session(session_id)
    except ValidationError as exc:
        raise UserError(
            f"session {session_id} holds a value it cannot have: {exc.message}"
        ) from None
    except UserError:
        raise
    except (ValueError, OverflowError, TypeError) as exc:
        raise UserError(f"session {session_id} cannot be opened: {exc}") from None


def open_or_ask(store: SessionStore, requested: int | None, ask: AskForSession) -> Session:
    """The session to open; when it cannot be opened, the list of the others with the reason,
    instead of exiting (and dying again at every start on the remembered session)."""
    picked = _pick(store, requested)
    if picked is None:
        return _new(store)
    failed: set[int] = set()
    while True:
        try:
            return _load(store, picked)
        except UserError as exc:
            failed.add(picked)
            error = exc
        others = [s for s in store.list_sessions() if s.id not in failed]
        chosen = ask(others, error.message)
        if chosen is None:
            raise error
        if chosen == NEW_SESSION:
            return _new(store)
        picked = chosen
