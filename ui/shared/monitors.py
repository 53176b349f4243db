"""Which monitor the shared screen lives on, through hot-plugging in the middle of a meeting.

The shared screen remembers its monitor by name (an app setting, so the next meeting finds it
too). If that monitor disappears (a projector cable pulled), the shared screen comes back as a
window on the console's monitor, so the facilitator still sees what the room saw; when the
monitor returns, so does the shared screen, full screen. `Ctrl+Shift+M` cycles the monitors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from facilitator_app.store import SessionStore

MONITOR_SETTING = "shared-monitor"


class ScreenLike(Protocol):
    def name(self) -> str: ...


def screen_key(screen: ScreenLike) -> str:
    """A monitor's name (some platforms leave it empty: one key for all of those)."""
    return screen.name() or "(unnamed)"


def window_rect(area: QRect) -> QRect:
    """A 16:9 window two-thirds as wide as `area` (at least 640 wide), at its right edge."""
    width = min(area.width(), max(640, min(1280, area.width() * 2 // 3)))
    return QRect(area.right() - width + 1, area.top(), width, width * 9 // 16)


class MonitorKeeper(QObject):
    def __init__(
        self,
        shared: QWidget,
        console_screen: Callable[[], QScreen | None] | None,
        store: SessionStore,
    ) -> None:
        super().__init__(shared)
        self.shared = shared
        self.console_screen = console_screen or self._console_screen
        self.store = store
        self.home = store.get_setting(MONITOR_SETTING) or ""
        self.displaced = False
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self.screen_added)
        app.screenRemoved.connect(self.screen_removed)

    def _console_screen(self) -> QScreen | None:
        """The monitor of the console (the app's other main window), else the primary one."""
        for window in QApplication.topLevelWidgets():
            if isinstance(window, QMainWindow) and window.isVisible() and window is not self.shared:
                return window.screen()
        return QGuiApplication.primaryScreen()

    def remember(self, screen: ScreenLike) -> None:
        self.home = screen_key(screen)
        self.displaced = False
        self.store.set_setting(MONITOR_SETTING, self.home)

    def home_screen(self) -> QScreen | None:
        return next((s for s in QGuiApplication.screens() if screen_key(s) == self.home), None)

    def screen_removed(self, screen: ScreenLike) -> None:
        """The shared screen's monitor went away: a window on the console's monitor instead."""
        if not self.home or screen_key(screen) != self.home:
            return
        self.displaced = True
        target = self.console_screen() or QGuiApplication.primaryScreen()
        self.shared.setWindowState(Qt.WindowState.WindowNoState)
        if target is not None:
            self.shared.setScreen(target)
            self.shared.setGeometry(window_rect(target.availableGeometry()))
        self.shared.showNormal()

    def screen_added(self, screen: ScreenLike) -> None:
        """Its monitor is back: full screen there again."""
        if not self.displaced or screen_key(screen) != self.home:
            return
        target = self.home_screen()
        if target is None:
            return
        self.displaced = False
        self.shared.setScreen(target)
        self.shared.setGeometry(target.geometry())
        self.shared.showFullScreen()
