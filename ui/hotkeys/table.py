"""The one table of hotkeys (DESIGN.md §4): action id -> default keys and what the action does.

Everything that binds a key reads this table through a `Keymap` (the defaults plus the
facilitator's remapping, stored in the app settings). The dispatcher, the cheat-sheet overlay,
the settings dialog and the menus all show the same keys. A test fails on a duplicate key or an
action without a description.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from facilitator_app.store import SessionStore

KEYMAP_SETTING = "hotkeys"


@dataclass(frozen=True)
class Hotkey:
    action: str
    keys: tuple[str, ...]  # Qt portable key names: "1", "Ctrl+Right", "PgDown", "Esc", "?"; () none
    description: str  # may name the teams: {team_a}, {team_b}
    group: str
    repeat: bool = False  # True: holding the key repeats it (only for moving through events)
    scope: str = ""  # "": in both windows; "queue": only while the room's queue has focus


_FLOOR, _CLOCK, _TIMELINE, _SCREEN, _OTHER = (
    "Floor",
    "Clock and phases",
    "Timeline",
    "Screen",
    ("Other"),
)
_ROOM = "The room (its queue keys: while the queue has focus)"

HOTKEYS: tuple[Hotkey, ...] = (
    Hotkey("floor.team_a", ("1",), "{team_a} has the floor (press again: nobody)", _FLOOR),
    Hotkey("floor.team_b", ("2",), "{team_b} has the floor (press again: nobody)", _FLOOR),
    Hotkey("floor.facilitator", ("F",), "The facilitator has the floor", _FLOOR),
    Hotkey("floor.crosstalk", ("X",), "Crosstalk: both teams at once", _FLOOR),
    Hotkey("floor.nobody", ("0", "Esc"), "Nobody has the floor", _FLOOR),
    Hotkey("floor.reassign_a", ("Ctrl+1",), "Give the last {reassign} to {team_a}", _FLOOR),
    Hotkey("floor.reassign_b", ("Ctrl+2",), "Give the last {reassign} to {team_b}", _FLOOR),
    Hotkey("clock.toggle", ("Space",), "Start / pause the meeting clock", _CLOCK),
    Hotkey("clock.end", (), "End the meeting (the clock stops for good)", _CLOCK),
    Hotkey("phase.next", ("Ctrl+Right",), "Next phase", _CLOCK),
    Hotkey("phase.previous", ("Ctrl+Left",), "Previous phase", _CLOCK),
    Hotkey("phase.more_time", ("+", "="), "One more minute for this phase", _CLOCK),
    Hotkey("phase.less_time", ("-",), "One minute less for this phase", _CLOCK),
    Hotkey("event.next", ("PgDown", "N"), "Next timeline event", _TIMELINE, repeat=True),
    Hotkey("event.previous", ("PgUp", "P"), "Previous timeline event", _TIMELINE, repeat=True),
    Hotkey(
        "event.tag_local", ("L",), 'Tag the event "locally correct, globally unexpected"', _TIMELINE
    ),
    Hotkey("event.divergence", ("D",), "Mark the event as the divergence point", _TIMELINE),
    Hotkey("screen.guide", ("G",), "Language guide to the front of the shared screen", _SCREEN),
    Hotkey("screen.blank", ("B",), "Blank the shared screen (press again to restore)", _SCREEN),
    Hotkey("screen.full", ("F11", "F5"), "Shared screen full screen", _SCREEN),
    Hotkey(
        "screen.next_monitor",
        ("Ctrl+Shift+M",),
        "Move the shared screen to the next monitor",
        _SCREEN,
    ),
    Hotkey(
        "screen.swap",
        ("Ctrl+Shift+S",),
        "Switch between the console and the shared screen (one monitor)",
        _SCREEN,
    ),
    Hotkey("screen.scale_up", ("Ctrl+=",), "Larger type on the shared screen", _SCREEN),
    Hotkey("screen.scale_down", ("Ctrl+-",), "Smaller type on the shared screen", _SCREEN),
    Hotkey("screen.scale_reset", ("Ctrl+0",), "Shared screen type at 100 %", _SCREEN),
    Hotkey(
        "screen.theme",
        ("Ctrl+Shift+T",),
        "Next theme: projector light, dark, high contrast",
        _SCREEN,
    ),
    Hotkey("screen.cue", ("Ctrl+Shift+B",), "Bell in a phase's last 10 seconds on / off", _SCREEN),
    Hotkey("screen.show", (), "Show the shared screen", _SCREEN),
    Hotkey(
        "screen.one_monitor", (), "One-monitor mode: the shared screen fills this monitor", _SCREEN
    ),
    Hotkey("park", ("K",), "Park the idea being discussed in the parking lot", _OTHER),
    Hotkey("edit.undo", ("Ctrl+Z",), "Undo (a mistaken floor switch too)", _OTHER),
    Hotkey("edit.redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo", _OTHER),
    Hotkey("export", ("Ctrl+E",), "Export", _OTHER),
    Hotkey("session.new", ("Ctrl+N",), "New session", _OTHER),
    Hotkey("session.open", ("Ctrl+O",), "Open another session", _OTHER),
    Hotkey("quit", ("Ctrl+Q",), "Quit (the clock pauses; everything is saved)", _OTHER),
    Hotkey("help.cheatsheet", ("?", "F1"), "Show or hide this list of keys", _OTHER),
    Hotkey("settings", ("Ctrl+,",), "Hotkeys and meeting settings", _OTHER),
    Hotkey("help.data_folder", (), "Open the folder that holds the database", _OTHER),
    Hotkey("help.about", (), "Versions, the database and its schema (for a bug report)", _OTHER),
    # The room joins in (issue 10): ui/room/. Queue keys act only while the queue has focus.
    Hotkey("room.toggle", ("Ctrl+J",), "Let the room join (again: stop the room's page)", _ROOM),
    Hotkey("room.join_screen", ("J",), "Show / hide how to join on the shared screen", _ROOM),
    Hotkey("room.flow", ("I",), "Incident flow on the shared screen (press again: back)", _ROOM),
    Hotkey("room.reveal", ("R",), "Reveal the factors the room wrote privately", _ROOM),
    Hotkey("room.accept", ("Return", "Enter"), "Accept the proposal", _ROOM, scope="queue"),
    Hotkey("room.edit_accept", ("E",), "Edit the proposal, then accept it", _ROOM, scope="queue"),
    Hotkey("room.dismiss", ("Del", "Backspace"), "Dismiss the proposal", _ROOM, scope="queue"),
)

BY_ACTION: dict[str, Hotkey] = {h.action: h for h in HOTKEYS}

_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_CHORD = _MODIFIERS | Qt.KeyboardModifier.ShiftModifier


def combination(text: str) -> int | None:
    """A key name as Qt's combined int (modifiers | key), or None if it is not one key."""
    sequence = QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1:
        return None
    first = sequence[0]  # type: ignore[index]  # QKeySequence.__getitem__ is untyped
    if first.key() == Qt.Key.Key_unknown:
        return None
    return int(first.toCombined())


def normalise(text: str) -> str:
    """The canonical portable name of a key ("ctrl+right" -> "Ctrl+Right"), or "" if invalid."""
    combined = combination(text.strip())
    if combined is None:
        return ""
    return QKeySequence(combined).toString(QKeySequence.SequenceFormat.PortableText)


def native_text(text: str) -> str:
    """How the key is written on this platform (for the cheat sheet and menus)."""
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText).toString(
        QKeySequence.SequenceFormat.NativeText
    )


def has_modifier(combined: int) -> bool:
    """Keys with Ctrl/Alt/Meta, and function keys, work even while typing in a text field."""
    modifiers = Qt.KeyboardModifier(combined & int(_MODIFIERS.value))
    key = combined & ~int(_CHORD.value)
    return bool(modifiers) or Qt.Key.Key_F1.value <= key <= Qt.Key.Key_F35.value


class Keymap:
    """The defaults with the facilitator's overrides; finds the action for a pressed key."""

    def __init__(self, overrides: Mapping[str, Iterable[str]] | None = None) -> None:
        self._keys: dict[str, tuple[str, ...]] = {h.action: h.keys for h in HOTKEYS}
        for action, keys in (overrides or {}).items():
            if action in self._keys:
                self._keys[action] = tuple(k for k in (normalise(x) for x in keys) if k)
        self._by_key: dict[int, str] = {}
        self._scoped: dict[str, dict[int, str]] = {}
        for action, keys in self._keys.items():
            scope = BY_ACTION[action].scope
            for key in keys:
                combined = combination(key)
                if scope and combined is not None:
                    self._scoped.setdefault(scope, {}).setdefault(combined, action)
            if scope:
                continue  # a scoped key belongs to its widget, never to the window's dispatcher
            for key in keys:
                combined = combination(key)
                if combined is not None:
                    self._by_key.setdefault(combined, action)

    def keys(self, action: str) -> tuple[str, ...]:
        return self._keys.get(action, ())

    def action_for(self, combined: int) -> str | None:
        return self._by_key.get(combined)

    def scoped_action(self, scope: str, combined: int) -> str | None:
        """The action of a key inside one widget (e.g. the room's queue), else None."""
        return self._scoped.get(scope, {}).get(combined)

    def overrides(self) -> dict[str, list[str]]:
        """Only what differs from the defaults (what gets stored)."""
        return {
            action: list(keys)
            for action, keys in self._keys.items()
            if tuple(normalise(k) for k in BY_ACTION[action].keys) != keys
        }

    def duplicates(self) -> dict[str, list[str]]:
        """Key name -> the actions that share it (empty when every key is unique)."""
        seen: dict[int, list[str]] = {}
        for action, keys in self._keys.items():
            for key in keys:
                combined = combination(key)
                if combined is not None:
                    seen.setdefault(combined, []).append(action)
        return {
            QKeySequence(k).toString(QKeySequence.SequenceFormat.PortableText): actions
            for k, actions in seen.items()
            if len(actions) > 1
        }

    # ---- persistence ----------------------------------------------------------------------

    @classmethod
    def load(cls, store: SessionStore) -> Keymap:
        """The stored remapping; a damaged value falls back to the defaults."""
        text = store.get_setting(KEYMAP_SETTING)
        if not text:
            return cls()
        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        clean = {
            str(action): [str(k) for k in keys]
            for action, keys in data.items()
            if isinstance(keys, list)
        }
        keymap = cls(clean)
        return cls() if keymap.duplicates() else keymap

    def save(self, store: SessionStore) -> None:
        store.set_setting(KEYMAP_SETTING, json.dumps(self.overrides(), sort_keys=True))
