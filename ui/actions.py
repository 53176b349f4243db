"""The one registry of actions: every QAction of the app is built here, keyed by the id of its
row in the hotkey table (`ui/hotkeys/table.py`), and every id has exactly one handler.

A key (through the dispatcher's `pressed` signal), a menu item, a button and a test all end in
`Actions.trigger(id)`. A handler calls one function of the core (or, to move a window, one
method of the shell) and holds no rule of its own: the rules live in `facilitator_app/`.

How to add an action:
1. add its row to `HOTKEYS` in `ui/hotkeys/table.py` (id, default keys or `()`, what it does,
   the cheat sheet's group);
2. add one entry to `HANDLERS` below, `"your.id": lambda c: core_function(c.workspace)`
   (`c.say("...")` puts a line in the status bar; `c.shell()` reaches the windows);
3. to list it in a menu, add `("your.id", "Menu &text")` under its menu in `MENUS`; a button
   calls `Actions.of(bridge).trigger("your.id")`.
`tests/ui/test_actions_registry.py` fails when a row has no handler or a handler has no row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from facilitator_app.engine import CROSSTALK, FACILITATOR, NOBODY, Floor, format_m_ss
from facilitator_app.engine.settings import save_settings
from facilitator_app.errors import UserError
from facilitator_app.model import Lane, Tag
from facilitator_app.parking import park_idea
from facilitator_app.timeline import walk
from facilitator_app.workspace import ScreenMode
from ui.bridge import WorkspaceBridge
from ui.hotkeys.dispatch import HotkeyDispatcher
from ui.hotkeys.table import HOTKEYS, Keymap
from ui.room import commands as room
from ui.shared.display import Display

if TYPE_CHECKING:
    from facilitator_app.engine import MeetingEngine
    from facilitator_app.workspace import Workspace


class Shell(Protocol):
    """The windows of the running app (`ui.app.AppController`): what only a shell can do."""

    @property
    def console(self) -> QWidget: ...

    def new_session(self) -> None: ...
    def open_session(self) -> None: ...
    def open_export(self) -> None: ...
    def quit_app(self) -> None: ...
    def show_shared(self) -> None: ...
    def toggle_full_screen(self) -> None: ...
    def move_to_next_screen(self) -> None: ...
    def toggle_one_monitor(self) -> None: ...
    def swap_windows(self) -> None: ...
    def bring_guide_to_front(self) -> None: ...


@dataclass(frozen=True)
class Context:
    """What a handler gets: the session, where the key was pressed, and whether it was a plain
    key (a plain phase key asks for a second press; a menu or a chord does not)."""

    actions: Actions
    window: QWidget | None
    plain: bool

    @property
    def workspace(self) -> Workspace:
        return self.actions.workspace

    @property
    def engine(self) -> MeetingEngine:
        return self.actions.engine

    def say(self, text: str) -> None:
        self.actions.message.emit(text)

    def shell(self) -> Shell:
        if self.actions.shell is None:
            raise UserError("this needs the app's windows")
        return self.actions.shell


Handler = Callable[[Context], object]

# Menus of the console, in order: (title, ((action id, menu text), ...)).
MENUS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "&Session",
        (
            ("session.new", "&New session…"),
            ("session.open", "&Open session…"),
            ("export", "&Export…"),
            ("settings", "Hotkeys and meeting &settings…"),
            ("room.toggle", "Let the room &join…"),
            ("quit", "&Quit"),
        ),
    ),
    ("&Edit", (("edit.undo", "&Undo"), ("edit.redo", "&Redo"))),
    (
        "&View",
        (
            ("screen.show", "Show the &shared screen"),
            ("screen.full", "Shared screen &full screen"),
            ("screen.next_monitor", "Move shared screen to next &monitor"),
            ("screen.one_monitor", "&One-monitor mode"),
            ("screen.swap", "S&witch between console and shared screen"),
            ("screen.blank", "&Blank the shared screen"),
            ("room.join_screen", "How to &join, on the shared screen"),
            ("room.flow", "&Incident flow on the shared screen"),
        ),
    ),
    (
        "&Help",
        (
            ("help.cheatsheet", "&Keys…"),
            ("help.data_folder", "Show &data folder"),
            ("help.about", "&About Postmortem Facilitator"),
        ),
    ),
)
CHECKABLE = frozenset({"screen.one_monitor"})


def _reassign(c: Context, lane: Lane) -> None:
    floor = Floor.team(lane)
    if c.engine.reassign_last(floor):
        seconds = format_m_ss(c.engine.settings.reassign_seconds)
        c.say(f"The last {seconds} now count for {c.engine.describe(floor)}")
    else:
        c.say("Nothing to reassign: the meeting clock is not running")


def _undo(c: Context) -> None:
    text = c.workspace.undo()
    c.say(f"Undid: {text}" if text else "Nothing to undo")


def _redo(c: Context) -> None:
    text = c.workspace.redo()
    c.say(f"Redid: {text}" if text else "Nothing to redo")


def _tag(c: Context, tag: Tag) -> None:
    if walk.toggle_tag(c.workspace, tag) is None:
        c.say("No current timeline event to tag")


def _park(c: Context) -> None:
    """One keypress parks the idea with the event on screen; it is worded later."""
    c.say(f"Parked: {park_idea(c.workspace).text}")


def _cheat_sheet(c: Context) -> None:
    from ui.hotkeys.dialogs import cheat_sheet_lines, toggle_cheat_sheet  # on first use

    window = c.window or c.shell().console
    lines = cheat_sheet_lines(c.actions.keymap, c.workspace.session, c.engine.settings)
    toggle_cheat_sheet(window, lines)


def _data_folder(c: Context) -> None:
    from ui.about import show_data_folder  # Help's dialogs and the icon: on first use

    if not show_data_folder(c.workspace.store):
        c.say(f"The data folder is {c.workspace.store.path.parent}")


def _about(c: Context) -> None:
    from ui.about import open_about  # on first use

    open_about(c.workspace.store, c.window)


def _settings(c: Context) -> None:
    from ui.hotkeys.dialogs import SettingsDialog  # on first use

    chosen = SettingsDialog.ask(c.actions.keymap, c.engine.settings, c.workspace.session, c.window)
    if chosen is None:
        return
    keymap, settings = chosen
    keymap.save(c.workspace.store)
    save_settings(c.workspace.store, settings)
    c.engine.settings = settings
    c.actions.set_keymap(keymap)
    c.say("Saved the hotkeys and meeting settings")
    c.workspace.notify()


# Every action's one handler, by the hotkey table's id.
def _display(c: Context) -> Display:
    """The shared screen's theme, scale and bell (`ui/shared/display.py`)."""
    return Display.of(c.actions.bridge)


HANDLERS: dict[str, Handler] = {
    "floor.team_a": lambda c: c.engine.toggle_team(Lane.A),
    "floor.team_b": lambda c: c.engine.toggle_team(Lane.B),
    "floor.facilitator": lambda c: c.engine.set_floor(FACILITATOR),
    "floor.crosstalk": lambda c: c.engine.set_floor(CROSSTALK),
    "floor.nobody": lambda c: c.engine.set_floor(NOBODY),
    "floor.reassign_a": lambda c: _reassign(c, Lane.A),
    "floor.reassign_b": lambda c: _reassign(c, Lane.B),
    "clock.toggle": lambda c: c.engine.toggle_clock(),
    "clock.end": lambda c: c.engine.end_meeting(),
    "phase.next": lambda c: c.engine.request_phase_change(+1, confirmed=not c.plain),
    "phase.previous": lambda c: c.engine.request_phase_change(-1, confirmed=not c.plain),
    "phase.more_time": lambda c: c.engine.nudge(+1),
    "phase.less_time": lambda c: c.engine.nudge(-1),
    "event.next": lambda c: walk.next_event(c.workspace),
    "event.previous": lambda c: walk.previous_event(c.workspace),
    "event.tag_local": lambda c: _tag(c, Tag.LOCALLY_CORRECT),
    "event.divergence": lambda c: _tag(c, Tag.DIVERGENCE),
    "screen.guide": lambda c: c.shell().bring_guide_to_front(),
    "screen.blank": lambda c: c.workspace.toggle_screen_mode(ScreenMode.BLANK),
    "screen.full": lambda c: c.shell().toggle_full_screen(),
    "screen.next_monitor": lambda c: c.shell().move_to_next_screen(),
    "screen.swap": lambda c: c.shell().swap_windows(),
    "screen.show": lambda c: c.shell().show_shared(),
    "screen.one_monitor": lambda c: c.shell().toggle_one_monitor(),
    "screen.scale_up": lambda c: _display(c).step_scale(+1),
    "screen.scale_down": lambda c: _display(c).step_scale(-1),
    "screen.scale_reset": lambda c: _display(c).step_scale(0),
    "screen.theme": lambda c: _display(c).next_theme(),
    "screen.cue": lambda c: _display(c).toggle_cue(),
    "park": _park,
    "edit.undo": _undo,
    "edit.redo": _redo,
    "export": lambda c: c.shell().open_export(),
    "session.new": lambda c: c.shell().new_session(),
    "session.open": lambda c: c.shell().open_session(),
    "quit": lambda c: c.shell().quit_app(),
    "help.cheatsheet": _cheat_sheet,
    "help.about": _about,
    "help.data_folder": _data_folder,
    "settings": _settings,
    "room.toggle": room.toggle,
    "room.join_screen": room.join_screen,
    "room.flow": room.flow,
    "room.reveal": room.reveal,
    "room.accept": room.accept,
    "room.edit_accept": room.edit_then_accept,
    "room.dismiss": room.dismiss,
}


class Actions(QObject):
    """One session's actions (a child of its bridge): the QActions, the key dispatcher and the
    status-bar line. Built once by the composition root (`ui.app`), before the windows."""

    message = Signal(str)  # for the console's status bar

    @classmethod
    def of(cls, bridge: WorkspaceBridge) -> Actions:
        found = bridge.findChild(Actions)
        if not isinstance(found, Actions):
            raise LookupError("the session's actions are built before its windows")
        return found

    def __init__(
        self,
        bridge: WorkspaceBridge,
        keymap: Keymap | None = None,
        shell: Shell | None = None,
        *,
        listen: bool = True,
    ) -> None:
        super().__init__(bridge)
        self.bridge = bridge
        self.workspace = bridge.workspace
        self.engine = bridge.workspace.meeting
        self.shell = shell
        self.keymap = keymap or Keymap.load(self.workspace.store)
        menu_text = {action: text for _, items in MENUS for action, text in items}
        session = self.workspace.session
        names = {"team_a": session.teams[0].name, "team_b": session.teams[1].name}
        self._actions: dict[str, QAction] = {}
        for hotkey in HOTKEYS:
            text = menu_text.get(hotkey.action) or hotkey.description.format(
                **names, reassign=f"{round(self.engine.settings.reassign_seconds)} s"
            )
            action = QAction(text, self)
            action.setObjectName(hotkey.action)
            action.setCheckable(hotkey.action in CHECKABLE)
            action.triggered.connect(lambda _=False, a=hotkey.action: self.trigger(a))
            self._actions[hotkey.action] = action
        self.dispatcher = HotkeyDispatcher(self.keymap, self, listen=listen)
        self.dispatcher.pressed.connect(self._pressed)
        self._disposed = False
        self._show_keys()
        self.workspace.undo_stack.subscribe(self._undo_changed)
        self._undo_changed()

    def action(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def trigger(
        self, action_id: str, *, window: QWidget | None = None, plain: bool = False
    ) -> None:
        """Run the action's one handler; an error the user must see goes to the status bar."""
        if self._disposed:
            return
        if window is None and self.shell is not None:
            window = self.shell.console
        try:
            HANDLERS[action_id](Context(self, window, plain))
        except UserError as exc:
            self.message.emit(exc.message)

    def _pressed(self, action_id: str, window: object, plain: bool) -> None:
        self.trigger(action_id, window=window if isinstance(window, QWidget) else None, plain=plain)

    def listen(self) -> None:
        """Keys start to act (built with `listen=False`: the app waits for its first paint)."""
        self.dispatcher.listen()

    def install_hotkeys(self, window: QWidget, home: QWidget | None = None) -> None:
        """Keys pressed in `window` fire these actions; Esc in a text field focuses `home`."""
        self.dispatcher.install(window, home)

    def set_keymap(self, keymap: Keymap) -> None:
        self.keymap = keymap
        self.dispatcher.keymap = keymap
        self._show_keys()

    def _show_keys(self) -> None:
        """Menus show the current keys; the dispatcher alone acts on them (WidgetShortcut
        never fires from a menu bar)."""
        for action_id, action in self._actions.items():
            keys = self.keymap.keys(action_id)
            action.setShortcuts([QKeySequence.fromString(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _undo_changed(self) -> None:
        if self._disposed:
            return
        stack = self.workspace.undo_stack
        undo, redo = self._actions["edit.undo"], self._actions["edit.redo"]
        undo.setEnabled(stack.can_undo())
        undo.setText(f"&Undo {stack.undo_text()}".rstrip())
        redo.setEnabled(stack.can_redo())
        redo.setText(f"&Redo {stack.redo_text()}".rstrip())

    def dispose(self) -> None:
        """Stop the key filter now, on the GUI thread, when the session's windows go."""
        if self._disposed:
            return
        self._disposed = True
        self.dispatcher.remove()
        self.deleteLater()
