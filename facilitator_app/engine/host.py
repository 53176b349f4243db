"""What the meeting engine needs from the open session: its model, store, undo stack and change
notices. The workspace provides them; the engine does not import it (no import circle)."""

from __future__ import annotations

from typing import Protocol

from facilitator_app.model import Session
from facilitator_app.parts import Part
from facilitator_app.store import SessionStore
from facilitator_app.undo import UndoStack


class MeetingHost(Protocol):
    @property
    def store(self) -> SessionStore: ...

    @property
    def session(self) -> Session: ...

    @property
    def session_id(self) -> int: ...

    @property
    def undo_stack(self) -> UndoStack: ...

    def notify(self, *parts: Part) -> None: ...
