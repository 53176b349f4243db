"""The room's hotkey actions, one handler each (the `ui.actions.HANDLERS` entries for the
hotkey table's `room.*` rows). Each calls one method of the room's switch, the shared screen's
room display or the console's queue; the rules stay in the core's `Room`."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from facilitator_app.errors import UserError
from ui.bridge import WorkspaceBridge
from ui.room.display import RoomDisplay
from ui.room.hook import ROOM_PAGE, toggle_join_screen, toggle_room


class _Actions(Protocol):
    bridge: WorkspaceBridge


class Context(Protocol):
    """What these handlers use of `ui.actions.Context` (named here: ui.actions imports us)."""

    @property
    def actions(self) -> _Actions: ...
    @property
    def window(self) -> QWidget | None: ...
    def say(self, text: str) -> None: ...
    def shell(self) -> Any: ...


def toggle(c: Context) -> None:
    """Session → Let the room join… (asks where to listen), or stop it if it is on."""
    toggle_room(c.actions.bridge, c.window, ask=True)


def join_screen(c: Context) -> None:
    toggle_join_screen(c.actions.bridge, c.say)


def flow(c: Context) -> None:
    RoomDisplay.of(c.actions.bridge).toggle_flow()


def _page(c: Context) -> Any:
    """The console's Room page, brought to the front (its queue is what these keys act on)."""
    page = c.shell().console.show_page(ROOM_PAGE)
    if page is None:
        raise UserError("the Room page is missing from this build", field="room")
    return page


def reveal(c: Context) -> None:
    _page(c).reveal()


def accept(c: Context) -> None:
    _page(c).accept_selected()


def edit_then_accept(c: Context) -> None:
    _page(c).edit_then_accept()


def dismiss(c: Context) -> None:
    _page(c).dismiss_selected()
