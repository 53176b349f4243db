"""Wires the room into one session's windows (called by the shell as each session opens).

The composition root gives the app controller `room_starter` (the companion adapter's
`start_room`); this gives the session its `RoomSwitch`, puts the join screen and the flow view
over the shared screen, and makes sure the server stops with the session: when another session
opens, when the console goes and when the app quits. The keys and menu items are the hotkey
table's `room.*` rows, handled in `ui.room.commands`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from facilitator_app.errors import UserError
from ui.bridge import WorkspaceBridge
from ui.room.display import RoomDisplay
from ui.room.keys import keymap_of, keys_text
from ui.room.switch import RoomSwitch, describe
from ui.shared.screen import SharedScreen

ROOM_PAGE = "Room"


def attach_room(
    bridge: WorkspaceBridge,
    console: QMainWindow,
    shared: SharedScreen,
    starter: Callable[..., Any] | None,
    previous: RoomSwitch | None,
) -> RoomSwitch:
    """The session's room switch (`starter` is the composition root's server adapter, if
    wired); the previous session's room, if any, closes."""
    if previous is not None and previous.bridge is not bridge:
        previous.stop()  # another session opens: the room of the one we leave closes
    switch = RoomSwitch.of(bridge)
    switch.starter = starter
    display = RoomDisplay.of(bridge)

    def overlays_on_first_use() -> None:
        """The overlays (QR encoder, flow layout) are built when first shown, not at start-up."""
        display.changed.disconnect(overlays_on_first_use)
        from ui.room.overlays import RoomOverlays

        overlays = RoomOverlays(shared, shared.phase_views, bridge, display)
        overlays.join.set_hint(
            f"{keys_text(keymap_of(bridge), 'room.join_screen')} hides this screen"
        )

    display.changed.connect(overlays_on_first_use)
    switch.started.connect(lambda url, code: _say(console, f"The room can join: {url} code {code}"))
    switch.stopped.connect(lambda: _say(console, "The room's page is off; every device left"))
    console.destroyed.connect(switch.stop)
    instance = QApplication.instance()
    if instance is not None:
        instance.aboutToQuit.connect(switch.stop)
    return switch


def _say(console: QMainWindow, text: str) -> None:
    console.statusBar().showMessage(text, 8000)


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


def toggle_join_screen(bridge: WorkspaceBridge, say: Callable[[str], None]) -> None:
    if not RoomDisplay.of(bridge).toggle_join():
        keys = keys_text(keymap_of(bridge), "room.toggle")
        say(f"The room's page is off: {keys} or Session → Let the room join… starts it")


def start_from_command_line(bridge: WorkspaceBridge, host: str, port: int) -> bool:
    """`facilitator --room HOST[:PORT]`: start joining once the windows exist and print the
    one line scripts wait for; a failure is one line on stderr and exit status 2."""
    try:
        running = RoomSwitch.of(bridge).start(host, port)
    except UserError as exc:
        print(f"facilitator: error: {exc.message}", file=sys.stderr, flush=True)
        instance = QApplication.instance()
        if instance is not None:
            instance.exit(2)
        return False
    print(describe(running), flush=True)
    return True
