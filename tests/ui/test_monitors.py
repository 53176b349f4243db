"""The shared screen's monitor through hot-plugging: it falls back to the console's monitor as a
window when its monitor is unplugged, and returns full screen when that monitor comes back.

Offscreen Qt cannot plug a monitor in or out, so the handlers connected to Qt's screenAdded /
screenRemoved are driven with stand-in screens that carry only a name, as Qt's would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from facilitator_app.engine import SystemClock
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.helpers.sessions import rich_session
from ui.app import AppController
from ui.shared.monitors import MONITOR_SETTING

pytestmark = pytest.mark.gui


@dataclass
class StandIn:
    label: str

    def name(self) -> str:
        return self.label


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore.open(tmp_path / "monitors.db")
    store.create_session(rich_session())
    yield store
    store.close()


def _open(store: SqliteStore, qtbot: QtBot) -> AppController:
    session_id = store.list_sessions()[0].id
    app = AppController(open_workspace(store, store.load_session(session_id), SystemClock()))
    app.shared.show()
    qtbot.waitExposed(app.shared)
    return app


def _close(app: AppController) -> None:
    app.close_session()
    for window in (app.shared, app.console):
        window.hide()
        window.deleteLater()


def test_the_keeper_listens_to_qts_screen_signals(store, qtbot) -> None:
    app = _open(store, qtbot)
    qt = QGuiApplication.instance()
    assert qt.receivers(SIGNAL("screenAdded(QScreen*)")) >= 1
    assert qt.receivers(SIGNAL("screenRemoved(QScreen*)")) >= 1
    _close(app)


def test_unplugged_monitor_sends_the_shared_screen_to_the_console_and_back(store, qtbot) -> None:
    app = _open(store, qtbot)
    keeper = app.shared.monitors
    monitor = QGuiApplication.primaryScreen()  # the projector, for this test
    keeper.remember(monitor)
    app.shared.showFullScreen()
    qtbot.waitUntil(app.shared.isFullScreen)

    keeper.screen_removed(StandIn("some other monitor"))
    assert app.shared.isFullScreen() and not keeper.displaced  # not ours: nothing moves

    keeper.screen_removed(StandIn(monitor.name() or ""))
    qtbot.waitUntil(lambda: not app.shared.isFullScreen())
    assert keeper.displaced and app.shared.isVisible()
    assert app.shared.screen() is app.console.screen()
    area = app.console.screen().availableGeometry()
    assert area.contains(app.shared.geometry()) and app.shared.width() < area.width()

    keeper.screen_added(StandIn("a monitor that is not ours"))
    assert keeper.displaced and not app.shared.isFullScreen()

    keeper.screen_added(StandIn(monitor.name() or ""))
    qtbot.waitUntil(app.shared.isFullScreen)
    assert not keeper.displaced and app.shared.screen() is monitor
    _close(app)


def test_the_monitor_is_remembered_for_the_next_meeting(store, qtbot) -> None:
    app = _open(store, qtbot)
    app.shared.monitors.remember(StandIn("HDMI-1"))
    assert store.get_setting(MONITOR_SETTING) == "HDMI-1"
    _close(app)
    again = _open(store, qtbot)
    assert again.shared.monitors.home == "HDMI-1"
    again.shared.monitors.screen_removed(StandIn("HDMI-1"))  # its monitor is gone today
    assert again.shared.monitors.displaced and not again.shared.isFullScreen()
    _close(again)


def test_two_monitors_cycle_and_survive_unplugging(tmp_path: Path) -> None:
    """Two offscreen monitors in a process of their own (tests/ui/two_screens.py)."""
    screens = {
        "screens": [
            {
                "name": "laptop",
                "x": 0,
                "y": 0,
                "width": 1366,
                "height": 768,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            },
            {
                "name": "projector",
                "x": 1366,
                "y": 0,
                "width": 1920,
                "height": 1080,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            },
        ]
    }
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.two_screens"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip().endswith("ok"), done.stdout + done.stderr
