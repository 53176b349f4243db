"""Wires the live meeting into the app's two windows (a `registry.WINDOW_HOOKS` entry).

Called with the app controller each time a session opens: one `MeetingController` for the
session, hotkeys on both windows, the shell's own commands (undo, full screen, blank) registered
under their hotkey actions, menus showing the current keys, and a clean pause on quit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from ui.hotkeys.dialogs import (
    SettingsDialog,
    apply_settings,
    cheat_sheet_lines,
    toggle_cheat_sheet,
)
from ui.hotkeys.dispatch import install_hotkeys
from ui.hotkeys.table import Keymap
from ui.language_guide import bring_guide_to_front
from ui.meeting.controller import MeetingController

# The shell's menu actions that a hotkey action drives: menu id -> hotkey action.
MENU_ACTIONS = {
    "undo": "edit.undo",
    "redo": "edit.redo",
    "shared-full-screen": "screen.full",
    "shared-next-monitor": "screen.next_monitor",
    "blank-shared": "screen.blank",
    "export": "export",
    "new-session": "session.new",
    "open-session": "session.open",
    "quit": "quit",
    "swap-windows": "screen.swap",
    "meeting-keys": "help.cheatsheet",
    "meeting-settings": "settings",
}


def attach(app: Any) -> MeetingController:
    previous = getattr(app, "meeting_controller", None)
    if previous is not None and previous.workspace is not app.workspace:
        previous.engine.shutdown()  # another session opens: pause the one we leave
        previous.dispose()
    controller = MeetingController.of(app.bridge)
    app.meeting_controller = controller
    console, shared = app.console, app.shared
    controller.register("edit.undo", app.undo)
    controller.register("edit.redo", app.redo)
    controller.register("screen.full", shared.toggle_full_screen)
    controller.register("screen.next_monitor", shared.move_to_next_screen)
    controller.register("screen.blank", app.toggle_blank)
    controller.register("screen.swap", app.swap_windows)
    controller.register("session.new", app.new_session)
    controller.register("session.open", app.open_session)
    controller.register("quit", app.quit_app)
    controller.register("screen.guide", lambda: bring_guide_to_front(app.bridge))
    if "export" in console.actions_by_id:
        controller.register("export", console.actions_by_id["export"].trigger)
    relay = ConsoleRelay(console, controller)
    controller.message.connect(relay.message)
    controller.cheat_sheet.connect(relay.cheat_sheet)
    controller.settings_requested.connect(relay.settings)
    console.add_menu_action(
        "&Help",
        "meeting-keys",
        "&Keys…",
        lambda: controller.trigger("help.cheatsheet", window=console),
    )
    console.add_menu_action(
        "&Session",
        "meeting-settings",
        "Hotkeys and meeting &settings…",
        lambda: controller.trigger("settings", window=console),
    )
    page = console.show_page("Meeting")
    install_hotkeys(console, controller, home=page or console)
    install_hotkeys(shared, controller)
    show_keys_in_menus(console, controller.keymap)
    app_instance = QApplication.instance()
    if app_instance is not None:
        app_instance.aboutToQuit.connect(relay.quit)
    console.destroyed.connect(controller.dispose)  # the console goes: so do timers and keys
    QTimer.singleShot(0, (page or console).setFocus)
    return controller


class ConsoleRelay(QObject):
    """The controller's requests, delivered to this console while it exists (a child of it, so
    the connections end when the console is replaced by another session's)."""

    def __init__(self, console: Any, controller: MeetingController) -> None:
        super().__init__(console)
        self.console = console
        self.controller = controller

    def message(self, text: str) -> None:
        self.console.statusBar().showMessage(text, 6000)

    def cheat_sheet(self, window: QWidget | None) -> None:
        show_cheat_sheet(self.controller, window or self.console)

    def settings(self, window: QWidget | None) -> None:
        open_settings(self.controller, window or self.console)

    def quit(self) -> None:
        """The app quits: pause the clock so that reopening later counts no time away."""
        self.controller.engine.shutdown()


def show_keys_in_menus(console: Any, keymap: Keymap) -> None:
    """Menus show the current keys; the hotkey dispatcher alone acts on them."""
    for menu_id, action in MENU_ACTIONS.items():
        qaction = console.actions_by_id.get(menu_id)
        if qaction is not None:
            qaction.setShortcuts([QKeySequence.fromString(k) for k in keymap.keys(action)])
            qaction.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)


def show_cheat_sheet(controller: MeetingController, window: QWidget) -> None:
    session = controller.workspace.session
    toggle_cheat_sheet(
        window, cheat_sheet_lines(controller.keymap, session, controller.engine.settings)
    )


def open_settings(controller: MeetingController, window: QWidget | None) -> None:
    engine = controller.engine
    chosen = SettingsDialog.ask(
        controller.keymap, engine.settings, controller.workspace.session, window
    )
    if chosen is None:
        return
    keymap, settings = chosen
    apply_settings(controller.workspace.store, keymap, settings)
    controller.set_keymap(keymap)
    engine.settings = settings
    for console in controller.dispatcher.windows():
        if hasattr(console, "actions_by_id"):
            show_keys_in_menus(console, keymap)
    controller.message.emit("Saved the hotkeys and meeting settings")
    controller.workspace.notify()
