"""The agenda as a strip: one cell per phase, as wide as its (adapted) budget, with the time
spent beside the budget; the current phase outlined, phases over their budget marked in red."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator_app.engine.timebox import PhaseState
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.meeting.timers import MeetingTimers
from ui.theme import MUTED_TEXT, RED, SHARED_TEXT, font_px
from ui.widgets.meeting_text import PhaseCell, phase_cells

FILL = {PhaseState.DONE: "#E4E4E0", PhaseState.CURRENT: "#FFFFFF", PhaseState.UPCOMING: "#F1F1EC"}


def cell_rects(
    width: float, height: float, cells: tuple[PhaseCell, ...], gap: float = 4.0
) -> list[QRectF]:
    """Each cell's rectangle: widths in proportion to the cells' weights, gaps between."""
    usable = max(0.0, width - gap * max(0, len(cells) - 1))
    rects = []
    x = 0.0
    for cell in cells:
        w = usable * cell.weight
        rects.append(QRectF(x, 0, w, height))
        x += w + gap
    return rects


class PhaseStrip(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phase-strip")
        self.engine = bridge.workspace.meeting
        self.timers = MeetingTimers.of(bridge)
        self._cells: tuple[PhaseCell, ...] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bridge.changed.connect(self._on_changed)
        self.timers.frame.connect(self.refresh)

    def cells(self) -> tuple[PhaseCell, ...]:
        if self._cells is None:
            self._cells = phase_cells(self.timers.status())
        return self._cells

    def refresh(self) -> None:
        new = phase_cells(self.timers.status())
        if new != self._cells:
            self._cells = new
            self.update()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.CLOCK, Part.PHASES, Part.SESSION}:
            self.refresh()

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(font_px(15, bold=True))
        return QSize(600, round(fm.height() * 2.6))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        title_font, time_font = font_px(15, bold=True), font_px(14)
        fm = QFontMetricsF(title_font)
        cells = self.cells()
        for cell, rect in zip(cells, cell_rects(self.width(), self.height(), cells), strict=True):
            current = cell.state is PhaseState.CURRENT
            painter.setPen(QPen(QColor(SHARED_TEXT if current else "#B8B8B0"), 3 if current else 1))
            painter.setBrush(QColor(FILL[cell.state]))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
            inner = rect.adjusted(8, 4, -8, -4)
            painter.setFont(title_font)
            painter.setPen(QColor(SHARED_TEXT if current else MUTED_TEXT))
            title = fm.elidedText(cell.title, Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(
                QRectF(inner.left(), inner.top(), inner.width(), fm.height()),
                Qt.AlignmentFlag.AlignLeft,
                title,
            )
            times = f"{cell.spent} / {cell.budget}" if cell.spent else cell.budget
            painter.setFont(time_font)
            painter.setPen(QColor(RED if cell.over else (SHARED_TEXT if current else MUTED_TEXT)))
            if cell.over:
                times += " over"
            painter.drawText(
                QRectF(inner.left(), inner.top() + fm.height(), inner.width(), fm.height()),
                Qt.AlignmentFlag.AlignLeft,
                QFontMetricsF(time_font).elidedText(
                    times, Qt.TextElideMode.ElideRight, inner.width()
                ),
            )
        painter.end()
