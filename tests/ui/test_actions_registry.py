"""The one registry of actions: a handler for every row of the hotkey table and nothing else,
menus and buttons that fire the same action as the key."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from facilitator_app.engine import ClockState
from tests.ui.live import Live
from ui.actions import HANDLERS, MENUS, Actions
from ui.hotkeys.table import BY_ACTION, HOTKEYS

pytestmark = pytest.mark.gui


def test_every_row_of_the_hotkey_table_has_exactly_one_handler() -> None:
    assert set(HANDLERS) == set(BY_ACTION)


def test_every_menu_item_is_a_row_of_the_hotkey_table() -> None:
    listed = [action for _, items in MENUS for action, _text in items]
    assert len(listed) == len(set(listed)), "an action listed twice in the menus"
    assert set(listed) <= set(BY_ACTION)


def test_one_qaction_per_action(live: Live) -> None:
    built = live.actions.findChildren(QAction)
    assert sorted(a.objectName() for a in built) == sorted(h.action for h in HOTKEYS)
    assert Actions.of(live.bridge) is live.actions


def test_a_menu_item_and_a_button_fire_the_same_action_as_the_key(live: Live, qtbot) -> None:
    from ui.meeting.page import MeetingPage

    page = MeetingPage(live.bridge)
    qtbot.addWidget(page)
    live.actions.action("clock.toggle").trigger()  # the menu item's path
    assert live.engine.state is ClockState.RUNNING
    page.buttons["clock.toggle"].click()
    assert live.engine.state is ClockState.PAUSED
    page.buttons["clock.end"].click()
    assert live.engine.state is ClockState.ENDED


def test_an_action_that_needs_the_windows_says_so_without_them(live: Live) -> None:
    said: list[str] = []
    live.actions.message.connect(said.append)
    live.actions.trigger("session.new")
    assert said == ["this needs the app's windows"]
