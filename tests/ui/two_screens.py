"""Run by tests/ui/test_monitors.py in a process of its own, on two offscreen monitors (Qt's
offscreen platform reads them from a JSON file given as `configfile=`): the shared screen starts
full screen on the projector, Ctrl+Shift+M cycles the monitors, and the monitor's own removal and
return (Qt's QScreen objects, delivered to the keeper's screenRemoved / screenAdded handlers)
send it to the console's monitor and back. Prints "ok" or the first failed expectation."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from facilitator_app.engine import SystemClock
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.helpers.sessions import rich_session
from ui.app import AppController
from ui.shared.monitors import MONITOR_SETTING


def settle(app: QApplication) -> None:
    for _ in range(10):
        app.processEvents()
        QTest.qWait(10)


def main() -> int:
    app = QApplication(sys.argv[:1])
    laptop, projector = app.screens()
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore.open(Path(tmp) / "two.db")
        session_id = store.create_session(rich_session())
        controller = AppController(
            open_workspace(store, store.load_session(session_id), SystemClock())
        )
        controller.console.setScreen(laptop)
        controller.show()
        settle(app)
        shared, console = controller.shared, controller.console
        checks = [
            (shared.screen() is projector and shared.isFullScreen(), "starts on the projector"),
            (store.get_setting(MONITOR_SETTING) == "projector", "remembers the projector"),
        ]
        cycle = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        QTest.keyClick(console, Qt.Key.Key_M, cycle)
        settle(app)
        checks.append((shared.screen() is laptop, "Ctrl+Shift+M moves it to the laptop"))
        checks.append((store.get_setting(MONITOR_SETTING) == "laptop", "and remembers that"))
        QTest.keyClick(console, Qt.Key.Key_M, cycle)
        settle(app)
        checks.append((shared.screen() is projector, "again: back to the projector"))

        shared.monitors.screen_removed(projector)  # the projector's cable is pulled
        settle(app)
        checks.append((shared.screen() is laptop, "unplugged: on the console's monitor"))
        checks.append((not shared.isFullScreen() and shared.isVisible(), "as a window"))
        shared.monitors.screen_added(projector)  # plugged in again
        settle(app)
        checks.append((shared.screen() is projector, "plugged in: back on the projector"))
        checks.append((shared.isFullScreen(), "full screen again"))
        shared.close()
        console.close()
        store.close()
    failed = [what for ok, what in checks if not ok]
    print("ok" if not failed else "failed: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
