"""The running app: one QApplication, the console and the shared screen over one workspace.

`AppController` owns the windows and what only windows can do (open another session, move the
projector window); every key and menu item goes through `ui.actions`. The windows only show
the workspace.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from facilitator_app import STARTED_AT, startup_messages
from facilitator_app.display import has_display
from facilitator_app.errors import UserError
from facilitator_app.first_run import StartChoice
from facilitator_app.model import Session
from facilitator_app.session_choice import remember_session
from facilitator_app.session_open import open_workspace
from facilitator_app.store import SessionStore
from facilitator_app.workspace import Workspace
from ui.actions import Actions
from ui.bridge import WorkspaceBridge
from ui.collector import GuiThreadCollector
from ui.console import ConsoleWindow
from ui.hotkeys.table import Keymap
from ui.meeting.timers import MeetingTimers
from ui.room.hook import attach_room
from ui.room.switch import RoomSwitch
from ui.shared.screen import SharedScreen

Opener = Callable[[Session], Workspace]  # the composition root's: a session with its engine


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
    """The shell: the two windows of the open session and what only windows can do (open
    another session, move or swap the windows). Every menu item and key goes through the
    session's `ui.actions.Actions`, built here before the windows."""

    painted = Signal()  # both windows have painted once; what start-up deferred runs next
    settled = Signal()  # ... and has run

    def __init__(
        self,
        workspace: Workspace,
        notices: list[str] | None = None,
        *,
        opener: Opener | None = None,
        room_starter: Callable[..., Any] | None = None,
        after_first_paint: Callable[[], None] | None = None,
        keys_after_first_paint: bool = False,
    ) -> None:
        super().__init__()
        self.one_monitor = False
        self.room_starter = room_starter  # the room's server (companion.start_room), if wired
        self.room_switch: RoomSwitch | None = None
        self._later = after_first_paint  # the composition root's, once
        clock = workspace.meeting.clock
        self._opener: Opener = opener or (lambda s: open_workspace(workspace.store, s, clock))
        self._open(workspace, listen=not keys_after_first_paint)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._pause_on_quit)
        for notice in notices or []:
            self.console.statusBar().showMessage(notice, 30_000)
            QTimer.singleShot(
                0, lambda n=notice: QMessageBox.information(self.console, "Database", n)
            )

    # ---- windows ------------------------------------------------------------------------

    def _open(self, workspace: Workspace, *, listen: bool = True) -> None:
        """The session's actions and windows; with `listen` False its keys act from `show()`'s
        first paint on (see `HotkeyDispatcher.listen`)."""
        self.workspace = workspace
        self.bridge = WorkspaceBridge(workspace)
        self.actions = Actions(self.bridge, Keymap.load(workspace.store), shell=self, listen=listen)
        self.console: ConsoleWindow = ConsoleWindow(self.bridge, self.actions)
        self.shared: SharedScreen = SharedScreen(self.bridge)
        self.console.closing.connect(self.quit_app)
        self.actions.message.connect(self._status)
        MeetingTimers.of(self.bridge).failed.connect(self._status)
        page = self.console.show_page("Meeting")
        self.actions.install_hotkeys(self.console, home=page or self.console)
        self.actions.install_hotkeys(self.shared)
        # The room's switch and shared-screen overlays for this session.
        self.room_switch = attach_room(
            self.bridge, self.console, self.shared, self.room_starter, self.room_switch
        )
        QTimer.singleShot(0, (page or self.console).setFocus)

    def _status(self, text: str) -> None:
        self.console.statusBar().showMessage(text, 6000)

    def close_session(self) -> None:
        """The session's windows go: pause its clock, and stop its timers and keys now, on the
        GUI thread, rather than whenever the garbage collector frees them."""
        self.workspace.meeting.shutdown()
        MeetingTimers.of(self.bridge).dispose()
        self.actions.dispose()
        self.bridge.detach()

    def _pause_on_quit(self) -> None:
        """The app quits: pause the clock so that reopening later counts no time away."""
        self.workspace.meeting.shutdown()

    def show(self) -> None:
        self._deferred = FirstPaintWatcher([self.console, self.shared], self._on_first_paint)
        self.console.show()
        self.shared.place_initially()
        self.console.raise_()
        self.console.activateWindow()

    def _on_first_paint(self) -> None:
        """Both windows show: say so, then do what was left for after the first paint, in a
        later turn of the event loop."""
        self.painted.emit()
        self.actions.listen()
        QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What the first paint does not need: the blame underline as the facilitator types,
        the window icon (drawn from its SVG), the composition root's task (the demo's history).
        What start-up built lives as long as the windows: frozen out of later collections."""
        from ui.blame import install_blame_checker
        from ui.icon import app_icon
        from ui.storage_banner import install as install_storage_banner

        gc.freeze()
        install_blame_checker(self.console, self.bridge)
        install_storage_banner(self)  # a banner while meeting changes wait for disk space
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setWindowIcon(app_icon())
        if self._later is not None:
            later, self._later = self._later, None
            try:
                later()
            except UserError as exc:
                self._status(exc.message)
        self.settled.emit()

    def toggle_one_monitor(self) -> None:
        """One monitor (a laptop mirrored to the projector): the shared screen fills the
        console's monitor and a key swaps the two windows; off, it is a window again."""
        self.one_monitor = not self.one_monitor
        self.actions.action("screen.one_monitor").setChecked(self.one_monitor)
        if self.one_monitor:
            screen = self.console.screen()
            if self.shared.isFullScreen():
                self.shared.showNormal()
            self.shared.setScreen(screen)
            self.shared.setGeometry(screen.geometry())
            self.shared.showFullScreen()
            self.shared.raise_()
            self.shared.activateWindow()
            keys = " or ".join(self.actions.keymap.keys("screen.swap")) or "the switch key"
            self.console.statusBar().showMessage(
                "One-monitor mode: the shared screen fills this monitor; "
                f"{keys} switches back to the console.",
                8000,
            )
        else:
            self.shared.showNormal()
            self.shared.place_initially()
            self.console.raise_()
            self.console.activateWindow()

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

    def toggle_full_screen(self) -> None:
        self.shared.toggle_full_screen()

    def move_to_next_screen(self) -> None:
        self.shared.move_to_next_screen()

    def bring_guide_to_front(self) -> None:
        from ui.language_guide import bring_guide_to_front

        bring_guide_to_front(self.bridge)

    def open_export(self) -> None:
        from ui.export_dialog import open_export_dialog

        open_export_dialog(self.console, self.workspace)

    # ---- sessions -----------------------------------------------------------------------

    def _switch_to(self, session_id: int) -> None:
        store = self.workspace.store
        try:
            session = store.load_session(session_id)
        except UserError as exc:
            QMessageBox.warning(self.console, "Cannot open the session", exc.message)
            return
        remember_session(store, session)
        old_console, old_shared = self.console, self.shared
        was_full = old_shared.isFullScreen()
        self.close_session()
        self._open(self._opener(session))
        old_console.closing.disconnect(self.quit_app)
        old_shared.hide()
        old_console.hide()
        old_shared.deleteLater()
        old_console.deleteLater()
        self.console.show()
        self.shared.place_initially()
        if was_full and not self.shared.isFullScreen():
            self.shared.showFullScreen()
        self._after_first_paint()

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


def check_platform(*, smoke: bool) -> None:
    """Refuse clearly, before Qt aborts the process, when no window can open: no display, or
    a library of the X11 plugin missing (Qt would print a line and abort)."""
    if not has_display():
        if not smoke:
            raise UserError(startup_messages.no_display())
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    problem = xcb_plugin_problem()
    if problem is not None:
        raise UserError(startup_messages.missing_xcb_library(problem))


def xcb_plugin_problem() -> str | None:
    """The library the X11 platform plugin cannot load, when that plugin will be used."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform not in ("", "xcb") or (not platform and os.environ.get("WAYLAND_DISPLAY")):
        return None
    import ctypes

    import PySide6

    plugin = os.path.join(os.path.dirname(PySide6.__file__), "Qt", "plugins", "platforms")
    plugin = os.path.join(plugin, "libqxcb.so")
    if not os.path.exists(plugin):  # another layout (a distribution's Qt): let Qt decide
        return None
    try:
        ctypes.CDLL(plugin)
    except OSError as exc:
        return startup_messages.missing_library_name(exc) or str(exc)
    return None


def show_startup_error(message: str) -> None:
    """One paragraph in a dialog, when a display is there to show it (nobody sees one
    offscreen: there, standard error alone says it)."""
    if not has_display() or os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        return
    try:
        app = _application(smoke=False)
    except UserError:
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical, "Postmortem Facilitator", message[:1].upper() + message[1:]
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    del app


def ask_start(store: SessionStore) -> tuple[StartChoice, int | None]:
    """The welcome on an empty database (`ui/welcome.py`)."""
    _application(smoke=False)
    from ui.welcome import WelcomeDialog

    return WelcomeDialog.ask(store)


def _application(*, smoke: bool) -> QApplication:
    """The QApplication (after `check_platform`)."""
    if not has_display():
        if not smoke:
            raise UserError(startup_messages.no_display())
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Postmortem Facilitator")
    app.setDesktopFileName("io.github.postmortem_facilitator")
    app.setOrganizationName("postmortem-facilitator")
    app.setQuitOnLastWindowClosed(False)
    return app


def run_gui(
    workspace: Workspace,
    *,
    opener: Opener,
    smoke: bool,
    demo: bool,
    notices: list[str],
    first_page: str | None = None,
    room_starter: Callable[..., Any] | None = None,
    room_at: tuple[str, int] | None = None,
    after_first_paint: Callable[[], None] | None = None,
) -> int:
    """`room_starter` starts the room's server (wired by the composition root); `room_at`
    (host, port) starts it at once (`--room`)."""
    app = _application(smoke=smoke)
    GuiThreadCollector(app)  # the collections the process's policy leaves to the GUI thread
    controller = AppController(
        workspace,
        notices,
        opener=opener,
        room_starter=room_starter,
        after_first_paint=after_first_paint,
        keys_after_first_paint=True,
    )
    if first_page is not None:
        controller.console.show_page(first_page)
    if demo:
        controller.console.statusBar().showMessage(
            "Demo session in a throw-away database: nothing here is kept.", 15_000
        )
    if smoke:

        def report() -> None:
            elapsed = (time.perf_counter() - STARTED_AT) * 1000
            print(f"first paint of both windows: {elapsed:.0f} ms", flush=True)

        # The time is taken when both windows have painted; the app quits once the work
        # deferred until then has run too, so the whole process still pays for it.
        controller.painted.connect(report)
        controller.settled.connect(app.quit)
        QTimer.singleShot(30_000, lambda: (print("no first paint within 30 s"), app.exit(1)))
    controller.show()
    from ui.signals import quit_on_signals

    signals = quit_on_signals(controller.quit_app)  # SIGTERM/SIGINT quit as Quit does
    if room_at is not None:
        from ui.room.hook import start_from_command_line

        QTimer.singleShot(0, lambda: start_from_command_line(controller.bridge, *room_at))
    status = app.exec()
    signals.uninstall()
    return int(status)
