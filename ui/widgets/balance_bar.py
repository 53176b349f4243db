"""The speaking balance: team A's share against team B's, with names, not colour alone.

A bar split at team A's share of the two teams' time, each part in its team's colour with the
team's name and percentage above it; a mark at the fair share (half, or by head-count); the
team that has the floor outlined and marked "speaking", and the facilitator or crosstalk named
when they have it. Geometry lives in `balance_layout`, a pure function tested without pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.meeting.timers import MeetingTimers
from ui.theme import current, floor_px, font_px
from ui.widgets.meeting_text import BalanceText, balance_text

BAR_OF_WINDOW = 0.055  # bar height as a share of the shared window's height
LABEL_OF_WINDOW = 0.04
COMPACT_BAR_PX = 28
COMPACT_LABEL_PX = 18


@dataclass(frozen=True)
class BalanceLayout:
    labels: QRectF
    bar: QRectF
    a: QRectF
    b: QRectF
    fair_x: float


def balance_layout(
    width: float, label_h: float, bar_h: float, share_a: float, fair_a: float
) -> BalanceLayout:
    """Where each part goes, for a bar `width` wide: labels on top, the bar under them."""
    bar = QRectF(0, label_h, width, bar_h)
    split = width * min(1.0, max(0.0, share_a))
    return BalanceLayout(
        labels=QRectF(0, 0, width, label_h),
        bar=bar,
        a=QRectF(0, bar.top(), split, bar_h),
        b=QRectF(split, bar.top(), width - split, bar_h),
        fair_x=width * fair_a,
    )


class BalanceBar(QWidget):
    def __init__(
        self, bridge: WorkspaceBridge, parent: QWidget | None = None, *, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("balance-bar")
        self.bridge = bridge
        self.workspace = bridge.workspace
        self.engine = bridge.workspace.meeting
        self.timers = MeetingTimers.of(bridge)
        self.compact = compact
        self._text: BalanceText | None = None
        self.paints = 0  # how many times it painted (benchmarks and tests watch it)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bridge.changed.connect(self._on_changed)
        self.timers.frame.connect(self.refresh)

    def text(self) -> BalanceText:
        if self._text is None:
            self._text = self._compute()
        return self._text

    def _compute(self) -> BalanceText:
        status = self.timers.status()
        return balance_text(status, self.workspace.session, self.engine.describe(status.holder))

    def refresh(self) -> None:
        new = self._compute()
        if new != self._text:
            self._text = new
            self.update()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.SPEAKING, Part.TEAMS, Part.ROSTER, Part.CLOCK}:
            self.refresh()

    # ---- geometry -------------------------------------------------------------------------

    def heights(self) -> tuple[int, int]:
        if self.compact:
            return COMPACT_LABEL_PX, COMPACT_BAR_PX
        height = self.window().height() or 720
        return max(14, round(height * LABEL_OF_WINDOW)), max(16, round(height * BAR_OF_WINDOW))

    def label_font(self) -> QFont:
        return font_px(self.heights()[0], bold=True)

    def sizeHint(self) -> QSize:
        _label, bar = self.heights()
        fm = QFontMetricsF(self.label_font())
        fair = max(10.0, fm.height() * 0.45) * 1.3 + max(6.0, bar * 0.2)
        return QSize(400, round(fm.height() * 1.15 + bar + fair))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.updateGeometry()
        super().resizeEvent(event)

    def layout_now(self) -> BalanceLayout:
        _label, bar = self.heights()
        fm = QFontMetricsF(self.label_font())
        text = self.text()
        return balance_layout(self.width(), fm.height() * 1.15, bar, text.a.share, text.fair_a)

    # ---- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        text = self.text()
        geo = self.layout_now()
        font = self.label_font()
        fm = QFontMetricsF(font)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        inside = font_px(max(10, round(geo.bar.height() * 0.55)), bold=True)
        for side, rect, align in (
            (text.a, geo.a, Qt.AlignmentFlag.AlignLeft),
            (text.b, geo.b, Qt.AlignmentFlag.AlignRight),
        ):
            fill, ink = current().team_fill(side.colour)
            painter.fillRect(rect, QColor(fill))
            fits = side.percent != "—" and rect.width() > geo.bar.height() * 2.2
            label = side.name if fits else f"{side.name}  {side.percent}"
            if side.speaking:
                label = (
                    f"▶ {label} speaking"
                    if align is Qt.AlignmentFlag.AlignLeft
                    else (f"speaking {label} ◀")
                )
            painter.setFont(font)
            painter.setPen(QColor(current().text if side.speaking else current().muted))
            painter.drawText(geo.labels, align | Qt.AlignmentFlag.AlignVCenter, label)
            if fits:
                painter.setFont(inside)
                painter.setPen(QColor(ink))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, side.percent)
        painter.setFont(font)
        for side, rect in ((text.a, geo.a), (text.b, geo.b)):
            if side.speaking and rect.width() > 0:
                pen = QPen(QColor(current().text), max(3.0, geo.bar.height() * 0.12))
                pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                inset = pen.widthF() / 2
                painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
        if text.other_holder:
            painter.setPen(QColor(current().text))
            painter.drawText(geo.labels, Qt.AlignmentFlag.AlignCenter, text.other_holder)
        self._paint_fair_mark(painter, geo, text, fm)
        painter.end()

    def _paint_fair_mark(
        self, painter: QPainter, geo: BalanceLayout, text: BalanceText, fm: QFontMetricsF
    ) -> None:
        x = geo.fair_x
        bar = geo.bar
        size = max(6.0, bar.height() * 0.2)
        painter.setPen(QPen(QColor(current().text), max(2.0, bar.height() * 0.06)))
        painter.drawLine(QPointF(x, bar.top() - size * 0.2), QPointF(x, bar.bottom() + size * 0.2))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(current().text))
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(x, bar.bottom()),
                    QPointF(x - size, bar.bottom() + size),
                    QPointF(x + size, bar.bottom() + size),
                ]
            )
        )
        small = font_px(max(floor_px(self) if not self.compact else 10, round(fm.height() * 0.45)))
        painter.setFont(small)
        painter.setPen(QColor(current().muted))
        label = (
            "fair share"
            if abs(text.fair_a - 0.5) < 1e-9
            else (f"fair share {round(text.fair_a * 100)} / {round((1 - text.fair_a) * 100)}")
        )
        painter.drawText(
            QRectF(x - 200, bar.bottom() + size, 400, fm.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            label,
        )
