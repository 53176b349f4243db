"""Hotkeys on plain windows: which key fires what, where, and when it must not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from facilitator_app.engine import NOBODY, Floor
from facilitator_app.model import Lane
from tests.ui.live import Live, press
from ui.hotkeys.table import HOTKEYS

pytestmark = pytest.mark.gui


class Window(QWidget):
    """A stand-in for a top-level window: a meeting view and a text field."""

    def __init__(self) -> None:
        super().__init__()
        self.home = QWidget()
        self.home.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.field = QLineEdit()
        layout = QVBoxLayout(self)
        layout.addWidget(self.home)
        layout.addWidget(self.field)
        self.resize(400, 200)


@pytest.fixture
def windows(live: Live, qtbot) -> tuple[Window, Window]:
    console, shared = Window(), Window()
    for w in (console, shared):
        qtbot.addWidget(w)
        live.actions.install_hotkeys(w, home=w.home)
    return console, shared


@pytest.fixture
def fired(live: Live, monkeypatch) -> list[tuple[str, QWidget | None, bool]]:
    calls: list[tuple[str, QWidget | None, bool]] = []

    def spy(action: str, *, window: QWidget | None = None, plain: bool = False) -> bool:
        calls.append((action, window, plain))
        return True

    monkeypatch.setattr(live.actions, "trigger", spy)
    return calls


def focus_in(qtbot, window: Window, widget: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_every_hotkey_fires_its_action_from_both_windows(windows, fired) -> None:
    for window in windows:
        for hotkey in HOTKEYS:
            if hotkey.scope:
                continue  # a widget's own keys (the room's queue), not the window's
            for key in hotkey.keys:
                fired.clear()
                press(window.home, key)
                assert [(a, w) for a, w, _ in fired] == [(hotkey.action, window)], key


def test_plain_and_modifier_keys_are_told_apart(windows, fired) -> None:
    console, _ = windows
    press(console.home, "1")
    press(console.home, "Ctrl+Right")
    assert [(a, plain) for a, _, plain in fired] == [("floor.team_a", True), ("phase.next", False)]


def test_plain_keys_never_fire_in_a_text_field(qtbot, windows, live: Live) -> None:
    console, _ = windows
    live.engine.start()
    focus_in(qtbot, console, console.field)
    for key in ("1", "2", "F", "X", "0", "Space", "B", "N", "?"):
        press(console.field, key)
    assert console.field.text() == "12fx0 bn?"
    assert live.engine.holder == NOBODY
    assert live.meeting.workspace.screen_mode.value == "meeting"


def test_modifier_keys_fire_in_a_text_field(qtbot, windows, live: Live) -> None:
    console, _ = windows
    live.engine.start()
    live.engine.toggle_team(Lane.A)
    live.run(40)
    focus_in(qtbot, console, console.field)
    press(console.field, "Ctrl+2")  # the last 30 s were team B's
    assert live.engine.holder == Floor.team(Lane.B)
    assert live.engine.totals().team_b == pytest.approx(30)


def test_the_fields_own_word_keys_stay_with_it(qtbot, windows, live: Live) -> None:
    console, _ = windows
    live.engine.start()
    focus_in(qtbot, console, console.field)
    QTest.keyClicks(console.field, "two words")
    press(console.field, "Ctrl+Left")  # moves by word in the field, not to another phase
    assert console.field.cursorPosition() == len("two ")
    assert live.engine.status().phase_index == 0


def test_undo_in_a_text_field_undoes_the_session(qtbot, windows, live: Live) -> None:
    console, _ = windows
    live.engine.toggle_team(Lane.A)
    focus_in(qtbot, console, console.field)
    press(console.field, "Ctrl+Z")
    assert live.engine.holder == NOBODY


def test_esc_in_a_text_field_returns_to_the_meeting_view(qtbot, windows, live: Live) -> None:
    console, _ = windows
    live.engine.toggle_team(Lane.A)
    focus_in(qtbot, console, console.field)
    press(console.field, "Esc")
    assert console.home.hasFocus()
    assert live.engine.holder == Floor.team(Lane.A)  # Esc only left the field
    press(console.home, "Esc")
    assert live.engine.holder == NOBODY  # now Esc means nobody has the floor


def test_holding_a_floor_key_is_one_switch(windows, live: Live) -> None:
    console, _ = windows
    live.engine.start()
    press(console.home, "1")
    for _ in range(30):
        repeat = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1", True
        )
        QApplication.sendEvent(console.home, repeat)
    assert live.engine.holder == Floor.team(Lane.A)
    assert live.meeting.workspace.undo_stack.undo_text() == "Floor: Payments"


def test_moving_through_events_may_repeat(windows, fired) -> None:
    console, _ = windows
    repeat = QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier, "", True
    )
    QApplication.sendEvent(console.home, repeat)
    assert [a for a, _, _ in fired] == ["event.next"]


def test_keypad_digits_work(windows, live: Live) -> None:
    console, _ = windows
    QTest.keyClick(console.home, Qt.Key.Key_2, Qt.KeyboardModifier.KeypadModifier)
    assert live.engine.holder == Floor.team(Lane.B)


def test_a_window_without_hotkeys_is_left_alone(qtbot, live: Live) -> None:
    other = QWidget()
    qtbot.addWidget(other)
    press(other, "1")
    assert live.engine.holder == NOBODY


def test_remapped_keys_take_effect(windows, live: Live) -> None:
    from ui.hotkeys.table import Keymap

    console, _ = windows
    live.actions.set_keymap(Keymap({"floor.crosstalk": ["C"]}))
    press(console.home, "X")
    assert live.engine.holder == NOBODY
    press(console.home, "C")
    assert live.engine.holder.kind.value == "crosstalk"
