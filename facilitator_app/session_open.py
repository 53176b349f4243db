"""Opening a session for the meeting: its workspace, its engine on the given clock, and crash
recovery, in that order and nowhere else.

The composition root (`facilitator_app.app`) calls this with the system clock, tests with a
manual one; reading `Workspace.meeting` afterwards never creates or writes anything.
"""

from __future__ import annotations

from facilitator_app.engine import Clock, MeetingEngine, MeetingSettings
from facilitator_app.model import Session
from facilitator_app.store import SessionStore
from facilitator_app.workspace import Workspace


def open_workspace(
    store: SessionStore,
    session: Session,
    clock: Clock,
    settings: MeetingSettings | None = None,
) -> Workspace:
    workspace = Workspace(store, session)
    engine = MeetingEngine(workspace, clock, settings)
    workspace.attach_meeting(engine)
    engine.recover()  # a meeting left running by a crash: the one write opening may make
    return workspace
