"""The meeting on the real shell: both windows, their hotkeys, and the screen matching the file."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from facilitator_app.engine import NOBODY, ClockState, Floor
from facilitator_app.model import Lane
from facilitator_app.workspace import ScreenMode
from tests.helpers.meeting import Meeting, new_session, open_meeting, run
from tests.ui.live import press
from ui.actions import Actions
from ui.app import AppController
from ui.hotkeys.dialogs import CheatSheet
from ui.hotkeys.table import HOTKEYS, Keymap
from ui.meeting.timers import MeetingTimers
from ui.widgets.balance_bar import BalanceBar
from ui.widgets.countdown import CountdownWidget
from ui.widgets.meeting_text import balance_text

pytestmark = pytest.mark.gui


@dataclass
class App:
    meeting: Meeting
    app: AppController

    @property
    def actions(self) -> Actions:
        return self.app.actions

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        return self.meeting.engine


@pytest.fixture
def shell(tmp_path: Path, qtbot) -> Iterator[App]:
    meeting = open_meeting(tmp_path, new_session(attendees=True))
    controller = AppController(meeting.workspace)
    for window in (controller.console, controller.shared):
        qtbot.addWidget(window)
    controller.console.show()
    controller.shared.resize(1280, 720)
    controller.shared.show()
    yield App(meeting, controller)
    controller.close_session()
    meeting.store.close()


def test_the_shared_screen_always_shows_clock_and_balance(shell: App) -> None:
    slots = shell.app.shared.header_slots
    assert isinstance(slots["clock"], CountdownWidget)
    assert isinstance(slots["balance"], BalanceBar)
    assert slots["clock"].isVisible() and slots["balance"].isVisible()


def test_the_console_opens_on_the_meeting_view_with_focus(shell: App, qtbot) -> None:
    page = shell.app.console.tabs.currentWidget()
    assert page.objectName() == "meeting-page"
    shell.app.console.activateWindow()
    qtbot.waitUntil(page.hasFocus)


def test_every_hotkey_from_both_windows(shell: App, monkeypatch) -> None:
    fired: list[tuple[str, QWidget | None]] = []
    monkeypatch.setattr(
        shell.actions,
        "trigger",
        lambda action, window=None, plain=False: fired.append((action, window)),
    )
    for window in (shell.app.console, shell.app.shared):
        for hotkey in HOTKEYS:
            if hotkey.scope:
                continue  # a widget's own keys (the room's queue), not the window's
            for key in hotkey.keys:
                fired.clear()
                press(window, key)
                assert fired == [(hotkey.action, window)], f"{key} in {window.objectName()}"


def test_keys_drive_the_meeting_from_either_window(shell: App) -> None:
    e = shell.engine
    press(shell.app.console, "Space")
    press(shell.app.console, "1")
    run(shell.meeting, 3)
    press(shell.app.shared, "2")
    run(shell.meeting, 2)
    press(shell.app.shared, "0")
    assert e.state is ClockState.RUNNING and e.holder == NOBODY
    totals = e.totals()
    assert (totals.team_a, totals.team_b) == (pytest.approx(3), pytest.approx(2))
    shown = balance_text(e.status(), shell.meeting.workspace.session, "")
    assert (shown.a.percent, shown.b.percent) == ("60 %", "40 %")


def test_one_key_press_undoes_once(shell: App) -> None:
    e = shell.engine
    press(shell.app.console, "1")
    press(shell.app.console, "2")
    press(shell.app.console, "Ctrl+Z")  # the menu's Undo has the same key: it must not fire too
    assert e.holder == Floor.team(Lane.A)
    press(shell.app.shared, "Ctrl+Shift+Z")
    assert e.holder == Floor.team(Lane.B)


def test_phase_keys_need_a_modifier_or_a_second_press(shell: App) -> None:
    e = shell.engine
    press(shell.app.console, "Space")
    press(shell.app.console, "Ctrl+Right")
    assert e.status().phase_index == 1
    shell.actions.set_keymap(Keymap({"phase.next": ["]"]}))
    press(shell.app.console, "]")
    assert e.status().phase_index == 1
    press(shell.app.console, "]")
    assert e.status().phase_index == 2


def test_blank_and_guide_keys_drive_the_shared_screen(shell: App) -> None:
    ws = shell.meeting.workspace
    press(shell.app.shared, "B")
    assert ws.screen_mode is ScreenMode.BLANK
    assert shell.app.shared.modes.currentWidget() is shell.app.shared.blank
    press(shell.app.shared, "B")
    assert ws.screen_mode is ScreenMode.MEETING
    press(shell.app.console, "G")
    assert ws.screen_mode is ScreenMode.GUIDE


def test_cheat_sheet_opens_where_the_key_was_pressed(shell: App) -> None:
    press(shell.app.shared, "?")
    sheet = shell.app.shared.findChild(CheatSheet)
    assert sheet is not None and sheet.isVisible()
    assert shell.app.console.findChild(CheatSheet) is None
    press(shell.app.shared, "Esc")
    assert not sheet.isVisible()
    assert shell.engine.holder == NOBODY


def test_k_parks_an_idea_with_one_keypress(shell: App) -> None:
    press(shell.app.console, "K")
    parked = shell.meeting.workspace.session.parked
    assert len(parked) == 1 and parked[0].text.startswith("Idea raised")


def test_settings_remap_is_saved_and_used(shell: App, monkeypatch) -> None:
    from ui.hotkeys.dialogs import SettingsDialog

    chosen = Keymap({"floor.crosstalk": ["C"], "edit.undo": ["Ctrl+U"]})
    settings = shell.engine.settings
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, *a, **k: (chosen, settings)))
    press(shell.app.console, "Ctrl+,")
    press(shell.app.console, "C")
    assert shell.engine.holder.kind.value == "crosstalk"
    assert Keymap.load(shell.meeting.store).keys("floor.crosstalk") == ("C",)
    undo = shell.actions.action("edit.undo")
    assert undo.shortcut().toString() == "Ctrl+U"


def test_a_thousand_random_presses_leave_the_file_matching_the_screen(shell: App, qtbot) -> None:
    rng = random.Random(20261116)
    keys = [
        "1",
        "2",
        "F",
        "X",
        "0",
        "Esc",
        "Space",
        "Ctrl+Right",
        "Ctrl+Left",
        "+",
        "-",
        "Ctrl+1",
        "Ctrl+2",
        "Ctrl+Z",
        "Ctrl+Shift+Z",
    ]
    windows = [shell.app.console, shell.app.shared]
    for _ in range(1000):
        press(rng.choice(windows), rng.choice(keys))
        shell.meeting.clock.advance(rng.choice([0, 0.2, 0.5, 1.3, 7]))
        if rng.random() < 0.5:
            shell.engine.tick()
    shell.engine.tick()  # the checkpoint timer's next beat
    QApplication.processEvents()

    balance = shell.app.shared.header_slots["balance"]
    assert isinstance(balance, BalanceBar)
    MeetingTimers.of(shell.app.bridge).next_frame()  # the repaint timer's next beat
    shown = balance.text()
    conn = sqlite3.connect(shell.meeting.path)
    try:
        rows = conn.execute("SELECT holder, lane, seconds FROM speaking_interval").fetchall()
        clock = conn.execute("SELECT state, holder, lane FROM meeting_clock").fetchone()
        phase = conn.execute(
            "SELECT p.title FROM meeting_clock c JOIN phase p ON p.id = c.phase_id"
        ).fetchone()
    finally:
        conn.close()
    a = sum(s or 0 for h, lane, s in rows if lane == "A")
    b = sum(s or 0 for h, lane, s in rows if lane == "B")
    on_disk = "—" if a + b == 0 else f"{round(100 * a / (a + b))} %"
    assert shown.a.percent == on_disk
    holder = shell.engine.holder
    assert clock[1:] == (holder.kind.value, holder.lane.value if holder.lane else None)
    assert (shown.a.speaking, shown.b.speaking) == (clock[2] == "A", clock[2] == "B")
    assert clock[0] == shell.engine.state.value
    if phase is not None:
        assert shell.app.shared.phase.text() == phase[0]
