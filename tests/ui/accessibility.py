"""What assistive technology hears from the console: every interactive widget's accessible name.

A button's text or a field's label (`QLabel.setBuddy`, a form row) counts, as a screen reader
reads it; a widget Qt gives no name at all is a control the facilitator cannot find by ear.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


def interactive(root: QWidget, *, focusable: bool = True) -> Iterator[QWidget]:
    """Controls under `root` (`focusable`: only those Tab can reach)."""
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if focusable and widget.focusPolicy().value == 0:
            continue
        if isinstance(widget, QScrollBar):
            continue  # part of its scroll area, which carries the name
        parent = widget.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QAbstractItemView)):
            continue  # the editor inside a combo box, spin box or view: its parent is named
        yield widget


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    if face is None:
        return ""
    return (face.text(QAccessible.Text.Name) or widget.accessibleName() or "").strip()


def unnamed(root: QWidget) -> list[str]:
    """Each interactive widget under `root` that has no accessible name, described."""
    out = []
    for widget in interactive(root, focusable=False):
        if not accessible_name(widget):
            path = []
            node: QWidget | None = widget
            while node is not None and node is not root:
                path.append(node.objectName() or type(node).__name__)
                node = node.parentWidget()
            out.append(f"{type(widget).__name__} at {' < '.join(path)}")
    return out
