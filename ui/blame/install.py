"""Attaching the underline: to one field, or to every editable text field of a window, now
or later; a field opts out with the property `blameCheck` set to False."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ui.blame.builds import CheckerSource, checker_for
from ui.blame.underline import BlameHighlighter, LineEditUnderlines, _TextEditTooltips
from ui.bridge import WorkspaceBridge

PROPERTY = "blameCheck"
ATTACHED = "_blameChecker"


def attach_blame_checker(
    field: QTextEdit | QPlainTextEdit | QLineEdit,
    checker: CheckerSource | None = None,
    on_flag: Callable[[str], None] | None = None,
) -> BlameHighlighter | LineEditUnderlines:
    """Underline blameful phrases in `field` as the user types (once per field).

    `on_flag` is called with the category of the latest phrase flagged (the `G` hotkey then
    shows that rule).
    """
    existing = field.property(ATTACHED)
    if isinstance(existing, BlameHighlighter | LineEditUnderlines):
        return existing
    attached: BlameHighlighter | LineEditUnderlines
    if isinstance(field, QLineEdit):
        attached = LineEditUnderlines(field, checker, on_flag)
    else:
        attached = BlameHighlighter(field.document(), checker, on_flag)
        _TextEditTooltips(field, attached)
    field.setProperty(ATTACHED, attached)
    return attached


def wants_checking(widget: QObject) -> bool:
    """Editable text fields a person types prose into; not spin boxes, combos or passwords."""
    if not isinstance(widget, QTextEdit | QPlainTextEdit | QLineEdit):
        return False
    if widget.property(PROPERTY) is False or widget.isReadOnly():
        return False
    if isinstance(widget, QLineEdit):
        if widget.echoMode() is not QLineEdit.EchoMode.Normal:
            return False
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            return False
    return True


def _belongs_to(widget: QWidget, window: QWidget) -> bool:
    """In `window`, or in a dialog opened over it."""
    top: QWidget | None = widget.window()
    while top is not None:
        if top is window:
            return True
        parent = top.parentWidget()
        top = parent.window() if parent is not None else None
    return False


class _Installer(QObject):
    """Attaches the checker to the text fields of one window: those there now, those shown in
    a new tab, and any field that takes the keyboard focus (so dialogs are covered too)."""

    def __init__(
        self, window: QWidget, checker: CheckerSource, on_flag: Callable[[str], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.checker = checker
        self.on_flag = on_flag
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        for stack in window.findChildren(QTabWidget) + window.findChildren(QStackedWidget):
            stack.currentChanged.connect(lambda *_: self.scan())
        self.scan()

    def scan(self) -> None:
        for field in self.window.findChildren(QWidget):
            self.consider(field)

    def consider(self, field: QWidget) -> None:
        if wants_checking(field):
            attach_blame_checker(field, self.checker, self.on_flag)  # type: ignore[arg-type]

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and _belongs_to(now, self.window):
            self.consider(now)


def install_blame_checker(window: QWidget, bridge: WorkspaceBridge | None = None) -> QObject:
    """Check every text field of `window` as the user types, with the session's team names."""
    workspace = bridge.workspace if bridge is not None else None
    checker = checker_for(workspace)
    on_flag = workspace.note_flagged_rule if workspace is not None else (lambda _rule: None)
    return _Installer(window, checker, on_flag)
