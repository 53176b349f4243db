"""The running app: one QApplication, the console and the shared screen over one workspace.

`AppController` owns the windows and the menu actions that act on them (open another session,
move the projector window, undo); the windows themselves only show the workspace.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from facilitator_app import STARTED_AT
from facilitator_app.errors import UserError
from facilitator_app.session_choice import remember_session
from facilitator_app.workspace import ScreenMode, Workspace
from ui import registry
from ui.bridge import WorkspaceBridge
from ui.console import ConsoleWindow
from ui.shared.screen import SharedScreen


class FirstPaintWatcher(QObject):
    """Calls `done` once every watched window has painted at least once."""

    def __init__(self, windows: list[QWidget], done: Callable[[], None]) -> None:
        super().__init__()
        self._waiting = set(windows)
        self._done = done
        for window in windows:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self._waiting:
            self._waiting.discard(watched)
            watched.removeEventFilter(self)
            if not self._waiting:
                QTimer.singleShot(0, self._done)
        return False


class AppController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        notices: list[str] | None = None,
        room_starter: Callable[..., Any] | None = None,
    ) -> None:
        super().__init__()
        self.one_monitor = False
        self.room_starter = room_starter  # the room's server (companion.start_room), if wired
        self._open(workspace)
        for notice in notices or []:
            self.console.statusBar().showMessage(notice, 30_000)
            QTimer.singleShot(
                0, lambda n=notice: QMessageBox.information(self.console, "Database", n)
            )

    # ---- windows ------------------------------------------------------------------------

    def _open(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.bridge = WorkspaceBridge(workspace)
        self.console = ConsoleWindow(self.bridge)
        self.shared = SharedScreen(self.bridge)
        self._build_actions()
        self.console.closing.connect(self.quit_app)
        for hook in registry.WINDOW_HOOKS:
            registry.load(hook)(self)

    def show(self) -> None:
        self._deferred = FirstPaintWatcher([self.console, self.shared], self._run_deferred_hooks)
        self.console.show()
        self.shared.place_initially()
        self.console.raise_()
        self.console.activateWindow()

    def _run_deferred_hooks(self) -> None:
        for hook in registry.DEFERRED_WINDOW_HOOKS:
            registry.load(hook)(self)

    def _build_actions(self) -> None:
        """The menus. Their keys come from the one hotkey table (`ui/hotkeys/table.py`), whose
        dispatcher alone acts on them; the menus only show them."""
        c = self.console
        c.add_menu_action("&Session", "new-session", "&New session…", self.new_session)
        c.add_menu_action("&Session", "open-session", "&Open session…", self.open_session)
        c.add_menu_action("&Session", "quit", "&Quit", self.quit_app)
        c.add_menu_action("&Edit", "undo", "&Undo", self.undo)
        c.add_menu_action("&Edit", "redo", "&Redo", self.redo)
        c.add_menu_action("&View", "show-shared", "Show the &shared screen", self.show_shared)
        c.add_menu_action(
            "&View",
            "shared-full-screen",
            "Shared screen &full screen",
            self.shared.toggle_full_screen,
        )
        c.add_menu_action(
            "&View",
            "shared-next-monitor",
            "Move shared screen to next &monitor",
            self.shared.move_to_next_screen,
        )
        c.add_menu_action(
            "&View", "one-monitor", "&One-monitor mode", self.toggle_one_monitor, checkable=True
        )
        c.add_menu_action(
            "&View",
            "swap-windows",
            "S&witch between console and shared screen",
            self.swap_windows,
        )
        c.add_menu_action("&View", "blank-shared", "&Blank the shared screen", self.toggle_blank)
        c._undo_changed()

    def toggle_one_monitor(self) -> None:
        """One monitor (a laptop mirrored to the projector): the shared screen fills the
        console's monitor and a key swaps the two windows; off, it is a window again."""
        self.one_monitor = not self.one_monitor
        self.console.actions_by_id["one-monitor"].setChecked(self.one_monitor)
        if self.one_monitor:
            screen = self.console.screen()
            if self.shared.isFullScreen():
                self.shared.showNormal()
            self.shared.setScreen(screen)
            self.shared.setGeometry(screen.geometry())
            self.shared.showFullScreen()
            self.shared.raise_()
            self.shared.activateWindow()
            self.console.statusBar().showMessage(
                "One-monitor mode: the shared screen fills this monitor; "
                f"{self._keys_for('screen.swap')} switches back to the console.",
                8000,
            )
        else:
            self.shared.showNormal()
            self.shared.place_initially()
            self.console.raise_()
            self.console.activateWindow()

    def _keys_for(self, action: str) -> str:
        controller = getattr(self, "meeting_controller", None)
        if controller is None:
            return "the switch key"
        return " or ".join(controller.keymap.keys(action)) or "the switch key"

    def swap_windows(self) -> None:
        """Bring whichever of the two windows is behind to the front (and give it the keys)."""
        front = self.console if QApplication.activeWindow() is self.shared else self.shared
        if front is self.shared and self.shared.isHidden():
            self.show_shared()
        front.raise_()
        front.activateWindow()

    def show_shared(self) -> None:
        if self.shared.isHidden():
            self.shared.place_initially()
        self.shared.raise_()

    def toggle_blank(self) -> None:
        mode = self.workspace.screen_mode
        self.workspace.set_screen_mode(
            ScreenMode.MEETING if mode is ScreenMode.BLANK else ScreenMode.BLANK
        )

    # ---- commands -----------------------------------------------------------------------

    def undo(self) -> None:
        text = self.workspace.undo()
        self.console.statusBar().showMessage(f"Undid: {text}" if text else "Nothing to undo", 4000)

    def redo(self) -> None:
        text = self.workspace.redo()
        self.console.statusBar().showMessage(f"Redid: {text}" if text else "Nothing to redo", 4000)

    def _switch_to(self, session_id: int) -> None:
        store = self.workspace.store
        try:
            session = store.load_session(session_id)
        except UserError as exc:
            QMessageBox.warning(self.console, "Cannot open the session", exc.message)
            return
        remember_session(store, session)
        old_console, old_shared, old_bridge = self.console, self.shared, self.bridge
        was_full = old_shared.isFullScreen()
        self._open(Workspace(store, session))
        old_bridge.detach()
        old_console.closing.disconnect(self.quit_app)
        old_shared.hide()
        old_console.hide()
        old_shared.deleteLater()
        old_console.deleteLater()
        self.console.show()
        self.shared.place_initially()
        if was_full and not self.shared.isFullScreen():
            self.shared.showFullScreen()
        self._run_deferred_hooks()

    def new_session(self) -> None:
        from ui.session_dialogs import NewSessionDialog

        session = NewSessionDialog.ask(self.console)
        if session is None:
            return
        try:
            session_id = self.workspace.store.create_session(session)
        except UserError as exc:
            QMessageBox.warning(self.console, "Cannot create the session", exc.message)
            return
        self._switch_to(session_id)

    def open_session(self) -> None:
        from ui.session_dialogs import SessionListDialog

        chosen = SessionListDialog.ask(self.workspace.store.list_sessions(), self.console)
        if chosen is not None and chosen != self.workspace.session_id:
            self._switch_to(chosen)

    def quit_app(self) -> None:
        self.shared.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def _has_display() -> bool:
    return bool(
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )


def _application(*, smoke: bool) -> QApplication:
    """The QApplication; without any display, refuse clearly instead of letting Qt abort."""
    if not _has_display():
        if not smoke:
            raise UserError("no display found: run it on a desktop, or under `xvfb-run`")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Postmortem Facilitator")
    app.setOrganizationName("postmortem-facilitator")
    app.setQuitOnLastWindowClosed(False)
    return app


def run_gui(
    workspace: Workspace,
    *,
    smoke: bool,
    demo: bool,
    notices: list[str],
    room_starter: Callable[..., Any] | None = None,
    room_at: tuple[str, int] | None = None,
) -> int:
    """`room_starter` starts the room's server (wired by the composition root); `room_at`
    (host, port) starts it at once (`--room`)."""
    app = _application(smoke=smoke)
    controller = AppController(workspace, notices, room_starter=room_starter)
    watcher: FirstPaintWatcher | None = None
    if demo:
        controller.console.statusBar().showMessage(
            "Demo session in a throw-away database: nothing here is kept.", 15_000
        )
    if smoke:

        def report() -> None:
            elapsed = (time.perf_counter() - STARTED_AT) * 1000
            print(f"first paint of both windows: {elapsed:.0f} ms", flush=True)
            app.quit()

        watcher = FirstPaintWatcher([controller.console, controller.shared], report)
        QTimer.singleShot(30_000, lambda: (print("no first paint within 30 s"), app.exit(1)))
    controller.show()
    if room_at is not None:
        from ui.room.hook import start_from_command_line

        QTimer.singleShot(0, lambda: start_from_command_line(controller, *room_at))
    status = app.exec()
    del watcher
    return int(status)
