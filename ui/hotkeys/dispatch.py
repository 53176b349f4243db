"""Delivering hotkeys: one application event filter for every window that has them.

Rules (DESIGN.md §4):
- a key acts in whichever registered window has focus;
- plain keys (letters, digits, Space, symbols, arrows, PageUp/PageDown, Esc) never fire while a
  text field has focus; keys with Ctrl/Alt/Meta and function keys always do (Ctrl+Z undoes
  the last edit of the session, committed fields included), except the field's clipboard and
  word-movement keys, which stay with it (Ctrl+Left/Right moves by word, not by phase);
- Esc in a text field leaves it and gives focus back to the window's meeting view;
- holding a key is one press (no auto-repeat), except for moving through timeline events.

The filter claims a hotkey at the `ShortcutOverride` stage, so a menu action with the same key
never fires twice; the menus still show the keys.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QKeySequenceEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.hotkeys.table import BY_ACTION, Keymap, has_modifier

CHEAT_SHEET = "cheat-sheet"  # the object name of `dialogs.CheatSheet`

_CHORD = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
    | Qt.KeyboardModifier.ShiftModifier
)

# Keys a text field uses for itself: they stay with the field even though they have modifiers.
TEXT_EDITING = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.MoveToNextWord,
    QKeySequence.StandardKey.MoveToPreviousWord,
    QKeySequence.StandardKey.SelectNextWord,
    QKeySequence.StandardKey.SelectPreviousWord,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.MoveToStartOfDocument,
    QKeySequence.StandardKey.MoveToEndOfDocument,
)


def _hide_cheat_sheet(window: QWidget) -> bool:
    """Hide the window's cheat sheet (`ui.hotkeys.dialogs`, imported only when first shown)
    if it shows; True if it did."""
    sheet = window.findChild(QWidget, CHEAT_SHEET)
    if sheet is not None and sheet.isVisible():
        sheet.hide()
        return True
    return False


def is_text_field(widget: QWidget | None) -> bool:
    """A widget the facilitator types into (plain keys belong to it while it has focus)."""
    if widget is None:
        return False
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QAbstractSpinBox | QKeySequenceEdit)


def candidates(event: QKeyEvent) -> Iterator[int]:
    """The key as pressed, then, for a character typed with Shift alone, without Shift ("?" is
    Shift+/ on many layouts). A chord with Ctrl or Alt never loses its Shift: Ctrl+Shift+O is
    not Ctrl+O."""
    modifiers = event.modifiers() & _CHORD
    key = event.key()
    yield modifiers.value | key
    if modifiers == Qt.KeyboardModifier.ShiftModifier:
        yield key


class HotkeyDispatcher(QObject):
    """Turns key presses in registered windows into `pressed(action id, window, plain)`.

    It knows the keymap and the windows, not what an action does: the action registry
    (`ui.actions`) connects to `pressed`."""

    pressed = Signal(str, object, bool)  # action id, the window it was pressed in, a plain key

    def __init__(self, keymap: Keymap, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keymap = keymap
        self._homes: dict[QWidget, QWidget] = {}
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def add_window(self, window: QWidget, home: QWidget) -> None:
        self._homes[window] = home
        window.destroyed.connect(lambda *_: self._homes.pop(window, None))

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._homes.clear()

    def windows(self) -> list[QWidget]:
        return list(self._homes)

    def home(self, window: QWidget) -> QWidget | None:
        return self._homes.get(window)

    # ---- the filter -----------------------------------------------------------------------

    def _resolve(self, event: QKeyEvent) -> tuple[str, int] | None:
        for combined in candidates(event):
            action = self.keymap.action_for(combined)
            if action is not None:
                return action, combined
        return None

    def _claims(self, event: QKeyEvent, focus: QWidget) -> tuple[str, int] | None:
        """The action this key fires here, or None when the key belongs to someone else."""
        found = self._resolve(event)
        if found is None:
            return None
        if is_text_field(focus):
            if not has_modifier(found[1]):
                return None
            if any(event.matches(k) for k in TEXT_EDITING):
                return None
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget):
            return False
        window = watched.window()
        if window not in self._homes:
            return False
        assert isinstance(event, QKeyEvent)
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not window:
            focus = watched  # an inactive window: the widget the key was sent to
        leaving = (
            event.key() == Qt.Key.Key_Escape
            and not (event.modifiers() & _CHORD)
            and is_text_field(focus)
        )
        if kind == QEvent.Type.ShortcutOverride:
            if leaving or self._claims(event, focus) is not None:
                event.accept()
                return True
            return False
        if leaving:
            home = self._homes[window]
            home.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        if event.key() == Qt.Key.Key_Escape and _hide_cheat_sheet(window):
            return True  # Esc closes the cheat sheet before it means "nobody"
        found = self._claims(event, focus)
        if found is None:
            return False
        action, combined = found
        if event.isAutoRepeat() and not BY_ACTION[action].repeat:
            return True  # holding a floor key is one switch
        self.pressed.emit(action, window, not has_modifier(combined))
        return True

    def install(self, window: QWidget, home: QWidget | None = None) -> None:
        """Give `window` the hotkeys; `home` (default: the window) gets focus back on Esc."""
        target = home or window
        if target.focusPolicy() == Qt.FocusPolicy.NoFocus:
            target.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.add_window(window, target)
