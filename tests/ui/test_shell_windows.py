"""Placing the two windows: one-monitor mode, swapping them by key, menus keyed by the table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.helpers.sessions import rich_session
from tests.ui.live import running_app
from ui.app import AppController
from ui.hotkeys.table import HOTKEYS

pytestmark = pytest.mark.gui


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path) -> Iterator[AppController]:
    with running_app(qtbot, tmp_path / "windows.db", rich_session()) as app:
        yield app


def test_one_monitor_mode_fills_the_consoles_monitor_and_turns_off_again(controller, qtbot):
    controller.actions.action("screen.one_monitor").trigger()
    qtbot.waitUntil(lambda: controller.shared.isFullScreen())
    assert controller.shared.screen() is controller.console.screen()
    assert controller.actions.action("screen.one_monitor").isChecked()
    assert "switches back to the console" in controller.console.statusBar().currentMessage()

    controller.actions.action("screen.one_monitor").trigger()
    qtbot.waitUntil(lambda: not controller.shared.isFullScreen())
    assert not controller.actions.action("screen.one_monitor").isChecked()
    assert controller.shared.isVisible()


def test_the_swap_key_brings_the_window_behind_to_the_front(controller, qtbot):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is controller.console)
    qtbot.keyClick(
        controller.console,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: QApplication.activeWindow() is controller.shared)
    qtbot.keyClick(
        controller.shared,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: QApplication.activeWindow() is controller.console)


def test_every_menu_key_is_one_of_the_hotkey_tables_keys(controller):
    table = {QKeySequence.fromString(k).toString() for h in HOTKEYS for k in h.keys}
    shown = {
        sequence.toString()
        for menu in controller.console.menuBar().findChildren(QMenu)
        for action in menu.actions()
        for sequence in action.shortcuts()
    }
    assert shown, "the menus show their keys"
    assert shown <= table, f"menu keys outside the hotkey table: {sorted(shown - table)}"
    for action_id in ("session.new", "session.open", "quit", "edit.undo", "screen.swap"):
        assert controller.actions.action(action_id).shortcuts(), action_id


def test_an_unbound_ctrl_shift_chord_is_not_taken_for_its_ctrl_chord(
    controller, qtbot, monkeypatch
):
    opened = []
    monkeypatch.setattr(
        "ui.session_dialogs.SessionListDialog.ask", lambda *a, **k: opened.append(1)
    )
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(controller.console, Qt.Key.Key_O, ctrl_shift)
    assert opened == []
    qtbot.keyClick(controller.console, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened == [1]
