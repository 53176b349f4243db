"""Text that fits its box: the largest size (down to a floor) at which it wraps inside, then "…".

The projector cannot scroll, and a long observation must not push the timeline off the screen,
so the text shrinks a little first and is cut with an ellipsis only below the smallest size.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.timeline.paint import wrap


class FittedText(QWidget):
    def __init__(self, parent: QWidget | None = None, *, bold: bool = False) -> None:
        super().__init__(parent)
        self._text = ""
        self._bold = bold
        self._max_px = 28
        self._min_px = 18
        self._colour = QColor("#111111")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour)
        self.update()

    def set_sizes(self, largest: int, smallest: int) -> None:
        self._max_px, self._min_px = largest, min(smallest, largest)
        self.update()

    def _font(self, px: int) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(px)
        font.setBold(self._bold)
        return font

    def fitted(self) -> tuple[QFont, list[str]]:
        """The font and lines that will be drawn (the text shrinks before it is cut)."""
        width, height = self.width(), self.height()
        paragraphs = self._text.splitlines() or [""]
        font = self._font(self._max_px)
        lines: list[str] = []
        capacity = 1
        for px in range(self._max_px, self._min_px - 1, -1):
            font = self._font(px)
            metrics = QFontMetricsF(font)
            capacity = max(1, int(height // metrics.height()))
            lines = [line for p in paragraphs for line in (wrap(metrics, p, width, 10_000) or [""])]
            if len(lines) <= capacity:
                return font, lines
        cut = lines[:capacity]
        cut[-1] = QFontMetricsF(font).elidedText(cut[-1] + " …", Qt.TextElideMode.ElideRight, width)
        return font, cut

    def paintEvent(self, event: QPaintEvent) -> None:
        font, lines = self.fitted()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setFont(font)
        painter.setPen(self._colour)
        metrics = QFontMetricsF(font)
        for i, line in enumerate(lines):
            painter.drawText(QPointF(0, metrics.ascent() + i * metrics.height()), line)

    def sizeHint(self) -> QSize:
        return QSize(200, int(QFontMetricsF(self._font(self._max_px)).height() * 2))
