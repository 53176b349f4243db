"""Item 8 of issue 16: a session that cannot be opened shows the session list with the reason.

Before: a speaking interval of 1e308 seconds (imported by an older version) ended the app with
OverflowError at every start, since the app reopens the last session.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator_app.engine import MeetingEngine, SystemClock
from facilitator_app.errors import UserError
from facilitator_app.model import Lane
from facilitator_app.session_choice import (
    LAST_SESSION_KEY,
    NEW_SESSION,
    open_or_ask,
    remember_session,
)
from facilitator_app.store import SessionSummary
from facilitator_app.workspace import Workspace
from storage import SqliteStore
from tests.helpers.meeting import new_session


def _two_sessions_the_last_broken(path: Path) -> tuple[int, int]:
    store = SqliteStore.open(path)
    good = store.create_session(new_session())
    bad = store.create_session(new_session())
    workspace = Workspace(store, store.load_session(bad))
    engine = MeetingEngine(workspace, SystemClock())
    engine.toggle_team(Lane.A)
    engine.start()
    engine.pause()
    remember_session(store, store.load_session(bad))
    store.close()
    conn = sqlite3.connect(path)  # what an older version let in
    conn.execute("UPDATE speaking_interval SET seconds = 1e308 WHERE session_id = ?", (bad,))
    conn.commit()
    conn.close()
    return good, bad


class Asked:
    def __init__(self, *answers: int | None) -> None:
        self.answers = list(answers)
        self.seen: list[tuple[list[int | None], str]] = []

    def __call__(self, sessions: list[SessionSummary], reason: str) -> int | None:
        self.seen.append(([s.id for s in sessions], reason))
        return self.answers.pop(0)


def test_the_remembered_broken_session_shows_the_list_with_the_reason(tmp_path: Path) -> None:
    good, bad = _two_sessions_the_last_broken(tmp_path / "x.db")
    store = SqliteStore.open(tmp_path / "x.db")
    try:
        assert store.get_setting(LAST_SESSION_KEY) == str(bad)
        ask = Asked(good)
        session = open_or_ask(store, None, ask)
        assert session.id == good
        ((offered, reason),) = ask.seen
        assert offered == [good]  # the broken one is not offered again
        assert "speaking.seconds" in reason and "longer than a meeting can be" in reason
    finally:
        store.close()


def test_a_new_session_can_be_started_instead(tmp_path: Path) -> None:
    _, bad = _two_sessions_the_last_broken(tmp_path / "x.db")
    store = SqliteStore.open(tmp_path / "x.db")
    try:
        session = open_or_ask(store, bad, Asked(NEW_SESSION))
        assert session.id is not None and session.title == "Untitled postmortem"
    finally:
        store.close()


def test_giving_up_reports_the_reason_as_before(tmp_path: Path) -> None:
    _, bad = _two_sessions_the_last_broken(tmp_path / "x.db")
    store = SqliteStore.open(tmp_path / "x.db")
    try:
        with pytest.raises(UserError, match=r"speaking\.seconds"):
            open_or_ask(store, bad, Asked(None))
        ask = Asked(bad, None)
        with pytest.raises(UserError, match=f"session {bad} holds a value"):
            open_or_ask(store, 99, ask)  # the last failure is the one reported
        assert "there is no session 99" in ask.seen[0][1]
    finally:
        store.close()
