"""A painted block of text laid out by `ui.shared.fit`: it shrinks to a floor, then drops whole
lines ("+ N more"), and never draws a line that does not fit.

Views describe their text as bands of columns of paragraphs (`set_bands`); this widget measures
with Qt's font metrics, keeps the result (`result()`), paints it in the current theme's colours,
and tells assistive technology the whole text as its accessible description.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.shared import fit
from ui.theme import current, floor_px, font_px
from ui.timeline.paint import wrap


@lru_cache(maxsize=256)
def _metrics(px: int, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(font_px(px, bold=bold))


class QtMeasure:
    """`fit.Measure` with Qt's metrics of the application font."""

    def wrap(self, text: str, px: int, bold: bool, width: float) -> list[str]:
        metrics = _metrics(px, bold)
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            lines.extend(wrap(metrics, paragraph, width, 10_000) or [""])
        return lines

    def line_height(self, px: int, bold: bool) -> float:
        return _metrics(px, bold).height()

    def advance(self, text: str, px: int, bold: bool) -> float:
        return _metrics(px, bold).horizontalAdvance(text)


class FitView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bands: tuple[fit.Band, ...] = ()
        self._fit: fit.Fit | None = None
        self._size = QSize()
        self.valign = 0.5  # where leftover height goes: 0 top, 0.5 centred
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bands(self, bands: Sequence[fit.Band]) -> None:
        bands = tuple(bands)
        if bands != self._bands:
            self._bands = bands
            self._fit = None
            text = "\n".join(
                f"{p.marker} {p.text}".strip()
                for band in bands
                for column in band.columns
                for p in column.paras
            )
            self.setAccessibleDescription(text)
            self.update()

    def result(self) -> fit.Fit:
        if self._fit is None or self._size != self.size():
            self._size = self.size()
            self._fit = fit.fit(
                self._bands, self.width(), self.height(), QtMeasure(), floor_px=floor_px(self)
            )
        return self._fit

    def offset(self) -> float:
        return max(0.0, (self.height() - self.result().height) * self.valign)

    def text_boxes(self) -> list[QRectF]:
        """Each painted text's box in this widget's coordinates (the fit tests read them)."""
        dy = self.offset()
        return [QRectF(b.x, b.y + dy, b.width, b.height) for b in fit.boxes(self.result())]

    def smallest_px(self) -> int:
        return min((p.px for p in self.result().placed), default=0)

    def sizeHint(self) -> QSize:
        return QSize(400, 200)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = current()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        dy = self.offset()
        for placed in self.result().placed:
            para = placed.para
            font: QFont = font_px(placed.px, bold=para.bold)
            metrics = _metrics(placed.px, para.bold)
            painter.setFont(font)
            if placed.marker_box is not None:
                painter.setPen(QColor(theme.accent))
                box = placed.marker_box
                painter.drawText(
                    QRectF(box.x, box.y + dy, box.width * 0.7, box.height),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    para.marker,
                )
            painter.setPen(QColor(theme.role(para.role)))
            align = Qt.AlignmentFlag.AlignHCenter if para.center else Qt.AlignmentFlag.AlignLeft
            for index, line in enumerate(placed.lines):
                top = placed.box.y + dy + index * metrics.height()
                painter.drawText(
                    QRectF(placed.box.x, top, placed.box.width, metrics.height()),
                    align | Qt.AlignmentFlag.AlignTop,
                    line,
                )
        painter.end()
