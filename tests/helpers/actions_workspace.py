"""A small stored session for the factors / voting / actions tests: two teams of unequal size."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app.engine import SystemClock
from facilitator_app.model import Attendee, Lane, Role, Session, TimelineEvent, two_teams
from facilitator_app.session_open import open_workspace
from facilitator_app.workspace import Workspace
from storage import SqliteStore

T0 = datetime(2026, 11, 10, 13, 0, tzinfo=UTC)


def small_session() -> Session:
    """Payments has four voters, Edge two; Dana facilitates and does not vote."""
    attendees = [
        Attendee("Dana Okafor", Role.FACILITATOR, None),
        Attendee("Ana", Role.LEAD, Lane.A),
        Attendee("Ben", Role.ON_CALL, Lane.A),
        Attendee("Cleo", Role.ON_CALL, Lane.A),
        Attendee("Dev", Role.OTHER, Lane.A),
        Attendee("Eve", Role.LEAD, Lane.B),
        Attendee("Finn", Role.ON_CALL, Lane.B),
    ]
    events = [
        TimelineEvent(T0, Lane.B, "on-call", "Rate limit config deployed"),
        TimelineEvent(T0.replace(minute=5), Lane.A, "on-call", "Checkout errors alert fires"),
    ]
    return Session(
        "Rate-limit outage", two_teams("Payments", "Edge"), attendees=attendees, events=events
    )


@contextmanager
def stored_workspace(tmp_path: Path) -> Iterator[Workspace]:
    store = SqliteStore.open(tmp_path / "test.db")
    try:
        session = small_session()
        store.create_session(session)
        yield open_workspace(store, session, SystemClock())
    finally:
        store.close()


def by_name(session: Session, name: str) -> int:
    found = next(a for a in session.attendees if a.name == name)
    assert found.id is not None
    return found.id
