"""A live meeting with its Qt bridge and actions, for widget tests (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from facilitator_app.engine import SystemClock
from facilitator_app.model import Session
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.helpers.meeting import Meeting, new_session, open_meeting, run
from ui.actions import Actions
from ui.app import AppController
from ui.bridge import WorkspaceBridge
from ui.hotkeys.table import combination
from ui.meeting.timers import MeetingTimers


@dataclass
class Live:
    meeting: Meeting
    bridge: WorkspaceBridge
    actions: Actions

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        return self.meeting.engine

    def run(self, seconds: float) -> None:
        run(self.meeting, seconds)


def press(widget: QWidget, key_name: str) -> None:
    """Press a key given by its portable name ("1", "Ctrl+Right", "?") as a keyboard would."""
    combined = combination(key_name)
    assert combined is not None, key_name
    from PySide6.QtCore import QKeyCombination

    combo = QKeyCombination.fromCombined(combined)
    key, modifiers = combo.key(), combo.keyboardModifiers()
    if key == Qt.Key.Key_Question or key == Qt.Key.Key_Plus:
        modifiers |= Qt.KeyboardModifier.ShiftModifier  # as typed on a US keyboard
    QTest.keyClick(widget, key, modifiers)


@pytest.fixture
def live(tmp_path: Path, qapp) -> Iterator[Live]:
    meeting = open_meeting(tmp_path, new_session(attendees=True))
    bridge = WorkspaceBridge(meeting.workspace)
    actions = Actions(bridge)
    yield Live(meeting, bridge, actions)
    actions.dispose()
    MeetingTimers.of(bridge).dispose()
    bridge.detach()
    meeting.store.close()


@contextmanager
def running_app(qtbot, path: Path, session: Session) -> Iterator[AppController]:
    """The real shell on `session`, stored in a new database at `path`, shown and active; on
    leaving, its clock is paused, its timers and keys stop and its windows go."""
    store = SqliteStore.open(path)
    session_id = store.create_session(session)
    app = AppController(open_workspace(store, store.load_session(session_id), SystemClock()))
    with qtbot.waitActive(app.console):
        app.show()
    try:
        yield app
    finally:
        app.close_session()
        for window in (app.shared, app.console):
            window.hide()
            window.deleteLater()
        store.close()
