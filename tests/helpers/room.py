"""The demo session on a real store, a meeting on a manual clock, and a room on a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from facilitator_app.demo import load_demo_session
from facilitator_app.engine import ManualClock, MeetingEngine
from facilitator_app.room import Room
from facilitator_app.session_open import open_workspace
from facilitator_app.workspace import Workspace
from storage import SqliteStore

TODAY = datetime(2026, 11, 12, 10, 0, tzinfo=UTC)


@dataclass
class FakeTime:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Outbox:
    sent: list[tuple[str | None, dict[str, Any]]] = field(default_factory=list)

    def __call__(self, token: str | None, message: dict[str, Any]) -> None:
        self.sent.append((token, message))

    def to(self, token: str | None, kind: str) -> list[dict[str, Any]]:
        return [m for t, m in self.sent if t == token and m.get("type") == kind]


@dataclass
class RoomRig:
    workspace: Workspace
    engine: MeetingEngine
    room: Room
    time: FakeTime
    outbox: Outbox

    def to_phase(self, key: str) -> None:
        if self.engine.state.value == "idle":
            self.engine.start()
        keys = [p.key for p in self.workspace.session.phases]
        while self.room.phase_key() != key:
            step = 1 if keys.index(key) > keys.index(self.room.phase_key() or "") else -1
            assert self.engine.request_phase_change(step, confirmed=True)

    def member(self, name: str) -> int:
        found = next(a for a in self.workspace.session.attendees if a.name == name)
        assert found.id is not None
        return found.id

    def join(self, name: str, client: str = "10.0.0.7") -> str:
        reply = self.room.join(client, self.room.code, attendee_id=self.member(name))
        return str(reply["token"])


@contextmanager
def demo_room(tmp_path: Path) -> Iterator[RoomRig]:
    store = SqliteStore.open(tmp_path / "room.db")
    try:
        session = load_demo_session()
        store.create_session(session)
        workspace = open_workspace(store, session, ManualClock(TODAY))
        engine = workspace.meeting
        fake = FakeTime()
        room = Room(workspace, clock=fake, now=lambda: TODAY)
        outbox = Outbox()
        room.attach(outbox, lambda: None)
        yield RoomRig(workspace, engine, room, fake, outbox)
    finally:
        store.close()
