"""A one-line label ending in "…" instead of pushing the layout wider: a clamped text of one
line, whose size hint asks for the whole text."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from ui.widgets.clamped_text import ClampedText


class ElidedLabel(ClampedText):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, 1, parent)

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(metrics.horizontalAdvance(self._text), metrics.lineSpacing())
