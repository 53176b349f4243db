"""A live meeting on a real SQLite store in a temporary directory, driven by a manual clock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator_app.engine import ManualClock, MeetingEngine, MeetingSettings
from facilitator_app.model import Attendee, Lane, Role, Session, two_teams
from facilitator_app.session_open import open_workspace
from facilitator_app.workspace import Workspace
from storage import SqliteStore


@dataclass
class Meeting:
    path: Path
    store: SqliteStore
    workspace: Workspace
    engine: MeetingEngine
    clock: ManualClock

    @property
    def session_id(self) -> int:
        return self.workspace.session_id

    def reopen(self, *, settings: MeetingSettings | None = None) -> Meeting:
        """What a restart does: a new process (new monotonic origin) opens the same file.

        Called without a clean shutdown, it is a crash: nothing else is written first.
        """
        self.store.close()
        self.clock.restart()
        store = SqliteStore.open(self.path)
        workspace = open_workspace(store, store.load_session(self.session_id), self.clock, settings)
        return Meeting(self.path, store, workspace, workspace.meeting, self.clock)


def new_session(*, timebox: int = 75, attendees: bool = False) -> Session:
    session = Session("Checkout outage", two_teams("Payments", "Edge"), timebox_minutes=timebox)
    if attendees:
        session.attendees = [
            Attendee("Ana", Role.LEAD, Lane.A),
            Attendee("Ben", Role.ON_CALL, Lane.A),
            Attendee("Caro", Role.LEAD, Lane.B),
            Attendee("Fay", Role.FACILITATOR, None),
        ]
    return session


def open_meeting(
    tmp_path: Path, session: Session | None = None, settings: MeetingSettings | None = None
) -> Meeting:
    path = tmp_path / "meeting.db"
    store = SqliteStore.open(path)
    session_id = store.create_session(session or new_session())
    clock = ManualClock()
    workspace = open_workspace(store, store.load_session(session_id), clock, settings)
    return Meeting(path, store, workspace, workspace.meeting, clock)


def run(meeting: Meeting, seconds: float, step: float = 0.5) -> None:
    """Let time pass with the app's checkpoint timer ticking every `step` seconds."""
    left = seconds
    while left > 1e-9:
        dt = min(step, left)
        meeting.clock.advance(dt)
        meeting.engine.tick()
        left -= dt
