"""Wires the room into the app's windows (a `registry.WINDOW_HOOKS` entry), once per session.

The composition root gives the app controller `room_starter` (the companion adapter's
`start_room`); this hook gives the session its `RoomSwitch`, puts the join screen and the flow
view over the shared screen, adds Session → "Let the room join…", registers the room's hotkey
actions, and makes sure the server stops with the session: when another session opens, when the
console goes and when the app quits.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from facilitator_app.errors import UserError
from ui.bridge import WorkspaceBridge
from ui.room.display import RoomDisplay
from ui.room.keys import keymap_of, keys_text
from ui.room.overlays import RoomOverlays
from ui.room.switch import RoomSwitch, describe

ROOM_PAGE = "Room"
# Menu items of the room: (menu, id, text, hotkey action).
MENU_ITEMS = (
    ("&Session", "room-join", "Let the room &join…", "room.toggle"),
    ("&View", "room-join-screen", "How to &join, on the shared screen", "room.join_screen"),
    ("&View", "room-flow", "&Incident flow on the shared screen", "room.flow"),
)


def attach(app: Any) -> RoomSwitch:
    bridge: WorkspaceBridge = app.bridge
    previous: RoomSwitch | None = getattr(app, "room_switch", None)
    if previous is not None and previous.bridge is not bridge:
        previous.stop()  # another session opens: the room of the one we leave closes
    switch = RoomSwitch.of(bridge)
    switch.starter = getattr(app, "room_starter", None)
    app.room_switch = switch
    display = RoomDisplay.of(bridge)
    overlays = RoomOverlays(app.shared, bridge, display)
    console = app.console
    keymap = keymap_of(bridge)
    overlays.join.set_hint(f"{keys_text(keymap, 'room.join_screen')} hides this screen")

    handlers = {
        "room.toggle": lambda: toggle_room(bridge, console, ask=False),
        "room.join_screen": lambda: toggle_join_screen(bridge, console),
        "room.flow": display.toggle_flow,
        "room.reveal": lambda: _page(console).reveal(),
        "room.accept": lambda: _page(console).accept_selected(),
        "room.edit_accept": lambda: _page(console).edit_then_accept(),
        "room.dismiss": lambda: _page(console).dismiss_selected(),
    }
    controller = getattr(app, "meeting_controller", None)
    if controller is not None:
        for action, handler in handlers.items():
            controller.register(action, handler)
    menu_handlers = {
        "room.toggle": lambda: toggle_room(bridge, console, ask=True),
        "room.join_screen": handlers["room.join_screen"],
        "room.flow": handlers["room.flow"],
    }
    for menu, menu_id, text, action in MENU_ITEMS:
        if menu_id not in console.actions_by_id:
            qaction = console.add_menu_action(menu, menu_id, text, menu_handlers[action])
        else:
            qaction = console.actions_by_id[menu_id]
        qaction.setShortcuts([QKeySequence.fromString(k) for k in keymap.keys(action)])
        qaction.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the dispatcher acts

    switch.started.connect(lambda url, code: _say(console, f"The room can join: {url} code {code}"))
    switch.stopped.connect(lambda: _say(console, "The room's page is off; every device left"))
    console.destroyed.connect(switch.stop)
    instance = QApplication.instance()
    if instance is not None:
        instance.aboutToQuit.connect(switch.stop)
    return switch


def _page(console: Any) -> Any:
    """The console's Room page, brought to the front (the queue keys act on it)."""
    page = console.show_page(ROOM_PAGE)
    if page is None:
        raise UserError("the Room page is missing from this build", field="room")
    return page


def _say(console: Any, text: str) -> None:
    bar = getattr(console, "statusBar", None)
    if bar is not None:
        bar().showMessage(text, 8000)


def toggle_room(bridge: WorkspaceBridge, parent: QWidget | None, *, ask: bool) -> bool:
    """Start joining (asking where to listen when `ask`), or stop it; False when off after."""
    switch = RoomSwitch.of(bridge)
    if switch.is_on:
        switch.stop()
        return False
    host, port = "", 0
    if ask:
        from ui.room.dialogs import StartRoomDialog

        chosen = StartRoomDialog.ask(parent)
        if chosen is None:
            return False
        host, port = chosen
    try:
        switch.start(host, port)
    except UserError as exc:
        QMessageBox.warning(parent, "The room cannot join", exc.message)
        return False
    return True


def toggle_join_screen(bridge: WorkspaceBridge, console: Any) -> None:
    if not RoomDisplay.of(bridge).toggle_join():
        keys = keys_text(keymap_of(bridge), "room.toggle")
        _say(console, f"The room's page is off: {keys} or Session → Let the room join… starts it")


def start_from_command_line(app: Any, host: str, port: int) -> bool:
    """`facilitator --room HOST[:PORT]`: start joining once the windows exist and print the
    one line scripts wait for; a failure is one line on stderr and exit status 2."""
    try:
        running = RoomSwitch.of(app.bridge).start(host, port)
    except UserError as exc:
        print(f"facilitator: error: {exc.message}", file=sys.stderr, flush=True)
        instance = QApplication.instance()
        if instance is not None:
            instance.exit(2)
        return False
    print(describe(running), flush=True)
    return True
