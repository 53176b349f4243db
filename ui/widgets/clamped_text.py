"""Word-wrapped text clamped to a number of lines, ending in "…" when it does not fit.

The projector cannot scroll, so a long factor or action must never push the rest off screen.
`clamp_text` is a pure function of text, font metrics, width and lines (testable without
painting); the widget only paints its result.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

_FLAGS = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)


def _height(metrics: QFontMetrics, width: int, text: str) -> int:
    return metrics.boundingRect(QRect(0, 0, width, 100_000), _FLAGS, text).height()


def lines_height(metrics: QFontMetrics, lines: int) -> int:
    """The height `lines` wrapped lines take (not always lines x lineSpacing)."""
    return _height(metrics, 100_000, "\n".join(["Xg"] * max(1, lines)))


def clamp_text(text: str, metrics: QFontMetrics, width: int, max_lines: int) -> str:
    """The longest prefix of whole words (plus "…") that wraps into `max_lines` at `width`."""
    limit = lines_height(metrics, max_lines)
    if width <= 0 or _height(metrics, width, text) <= limit:
        return text
    words = text.split()
    low, high = 0, len(words)
    while low < high:  # binary search for the number of words that still fit
        middle = (low + high + 1) // 2
        if _height(metrics, width, " ".join(words[:middle]) + "…") <= limit:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]) + "…" if low else "…"


class ClampedText(QWidget):
    def __init__(self, text: str = "", max_lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self.max_lines = max_lines
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setToolTip(text)
            self.updateGeometry()
            self.update()

    def displayed_text(self) -> str:
        return clamp_text(self._text, QFontMetrics(self.font()), self.width(), self.max_lines)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        metrics = QFontMetrics(self.font())
        shown = clamp_text(self._text, metrics, width, self.max_lines)
        return _height(metrics, width, shown)

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(metrics.averageCharWidth() * 30, metrics.lineSpacing() * self.max_lines)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, QFontMetrics(self.font()).lineSpacing())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.rect(), _FLAGS, self.displayed_text())
