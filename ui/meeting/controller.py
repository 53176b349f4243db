"""Maps hotkey actions to core commands. Key bindings only call these; the core does the work.

One controller per open session (a child of its bridge). Features that own an action (the
shell's full-screen toggle, an export dialog, a richer parking lot) `register` their handler
under the action id of `ui.hotkeys.table`; the defaults here cover what the core already offers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from facilitator_app.engine import CROSSTALK, FACILITATOR, NOBODY, Floor, format_m_ss
from facilitator_app.errors import UserError
from facilitator_app.model import Lane, Tag
from facilitator_app.parking import park_idea
from facilitator_app.workspace import ScreenMode
from ui.bridge import WorkspaceBridge
from ui.hotkeys.dispatch import HotkeyDispatcher
from ui.hotkeys.table import Keymap
from ui.meeting.timers import MeetingTimers

Handler = Callable[[], object]


class MeetingController(QObject):
    message = Signal(str)  # for the console's status bar
    cheat_sheet = Signal(object)  # the window to show the cheat sheet in
    settings_requested = Signal(object)  # the window asking

    @classmethod
    def of(cls, bridge: WorkspaceBridge) -> MeetingController:
        found = bridge.findChild(MeetingController)
        return found if isinstance(found, MeetingController) else cls(bridge)

    def __init__(self, bridge: WorkspaceBridge, keymap: Keymap | None = None) -> None:
        super().__init__(bridge)
        self.bridge = bridge
        self.workspace = bridge.workspace
        self.engine = self.workspace.meeting
        self.keymap = keymap or Keymap.load(self.workspace.store)
        self.timers = MeetingTimers.of(bridge)
        self.timers.failed.connect(self.message)
        self.dispatcher = HotkeyDispatcher(self)
        self.window: QWidget | None = None  # where the last key was pressed
        self.plain = False  # whether it was a plain key (no modifier)
        self._handlers: dict[str, Handler] = {}
        self._disposed = False
        self._register_defaults()

    # ---- dispatch -------------------------------------------------------------------------

    def register(self, action: str, handler: Handler) -> None:
        self._handlers[action] = handler

    def has(self, action: str) -> bool:
        return action in self._handlers

    def trigger(self, action: str, *, window: QWidget | None = None, plain: bool = False) -> bool:
        """Run the action; errors the user must see go to the status bar, not a crash."""
        handler = self._handlers.get(action)
        if handler is None:
            return False
        self.window, self.plain = window, plain
        try:
            handler()
        except UserError as exc:
            self.message.emit(exc.message)
        return True

    def set_keymap(self, keymap: Keymap) -> None:
        self.keymap = keymap

    def dispose(self) -> None:
        """Stop the timers and the key filter and delete them on the GUI thread now, rather
        than whenever Python's garbage collector frees the bridge (possibly on a worker
        thread, where Qt must not stop timers)."""
        if self._disposed:
            return
        self._disposed = True
        self.timers.repaint.stop()
        self.timers.checkpoint.stop()
        self.dispatcher.remove()
        self.timers.deleteLater()
        self.deleteLater()

    # ---- default handlers -----------------------------------------------------------------

    def _register_defaults(self) -> None:
        e = self.engine
        self.register("floor.team_a", lambda: e.toggle_team(Lane.A))
        self.register("floor.team_b", lambda: e.toggle_team(Lane.B))
        self.register("floor.facilitator", lambda: e.set_floor(FACILITATOR))
        self.register("floor.crosstalk", lambda: e.set_floor(CROSSTALK))
        self.register("floor.nobody", lambda: e.set_floor(NOBODY))
        self.register("floor.reassign_a", lambda: self.reassign(Floor.team(Lane.A)))
        self.register("floor.reassign_b", lambda: self.reassign(Floor.team(Lane.B)))
        self.register("clock.toggle", e.toggle_clock)
        self.register("phase.next", lambda: e.request_phase_change(+1, confirmed=not self.plain))
        self.register(
            "phase.previous", lambda: e.request_phase_change(-1, confirmed=not self.plain)
        )
        self.register("phase.more_time", lambda: e.nudge(+1))
        self.register("phase.less_time", lambda: e.nudge(-1))
        self.register("event.next", lambda: self.step_event(+1))
        self.register("event.previous", lambda: self.step_event(-1))
        self.register("event.tag_local", lambda: self.toggle_tag(Tag.LOCALLY_CORRECT))
        self.register("event.divergence", lambda: self.toggle_tag(Tag.DIVERGENCE))
        self.register("screen.guide", lambda: self.toggle_screen(ScreenMode.GUIDE))
        self.register("screen.blank", lambda: self.toggle_screen(ScreenMode.BLANK))
        self.register("park", self.park_idea)
        self.register("edit.undo", self.undo)
        self.register("edit.redo", self.redo)
        self.register("help.cheatsheet", lambda: self.cheat_sheet.emit(self.window))
        self.register("settings", lambda: self.settings_requested.emit(self.window))

    def reassign(self, floor: Floor) -> None:
        if self.engine.reassign_last(floor):
            seconds = format_m_ss(self.engine.settings.reassign_seconds)
            self.message.emit(f"The last {seconds} now count for {self.engine.describe(floor)}")
        else:
            self.message.emit("Nothing to reassign: the meeting clock is not running")

    def undo(self) -> None:
        text = self.workspace.undo()
        self.message.emit(f"Undid: {text}" if text else "Nothing to undo")

    def redo(self) -> None:
        text = self.workspace.redo()
        self.message.emit(f"Redid: {text}" if text else "Nothing to redo")

    def step_event(self, step: int) -> None:
        events = self.workspace.session.sorted_events()
        if not events:
            return
        ids = [e.id for e in events]
        current = self.workspace.current_event_id
        index = ids.index(current) if current in ids else (-1 if step > 0 else len(ids))
        target = min(len(ids) - 1, max(0, index + step))
        self.workspace.set_current_event(ids[target])

    def toggle_tag(self, tag: Tag) -> None:
        event = next(
            (e for e in self.workspace.session.events if e.id == self.workspace.current_event_id),
            None,
        )
        if event is None:
            self.message.emit("No current timeline event to tag")
            return
        tags = [t for t in event.tags if t != tag.value]
        if len(tags) == len(event.tags):
            tags.append(tag.value)
        self.workspace.update(event, f"Tag {tag.value}", tags=tags)

    def toggle_screen(self, mode: ScreenMode) -> None:
        current = self.workspace.screen_mode
        self.workspace.set_screen_mode(ScreenMode.MEETING if current is mode else mode)

    def park_idea(self) -> None:
        """One keypress parks the idea with the event on screen; it is worded later."""
        idea = park_idea(self.workspace)
        self.message.emit(f"Parked: {idea.text}")
