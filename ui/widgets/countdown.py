"""The large countdown: the current phase's time left in digits the back row can read.

Beside the digits, the words ("WRAP UP", "OVER +2:10", "PAUSED"): never colour alone. Under them
the whole meeting's time left and the projected finish. On the shared screen the digits scale
with the window (their glyphs are more than a tenth of its height); on the console the same
widget comes in a compact size.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator_app.engine import Level
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.meeting.timers import MeetingTimers
from ui.theme import current, font_px
from ui.widgets.meeting_text import ClockText, clock_text

DIGITS_OF_WINDOW = 0.14  # font pixel size as a share of the shared window's height
COMPACT_DIGITS_PX = 64


def level_colour(level: Level) -> str:
    """The digits' colour for a level, in the current theme (words always come with it)."""
    theme = current()
    return {Level.NORMAL: theme.text, Level.WRAP_UP: theme.amber, Level.OVER: theme.red}[level]


def digit_font(pixels: int) -> QFont:
    font = font_px(pixels, bold=True)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFeature(
        QFont.Tag("tnum"), 1
    )  # tabular digits: the width does not jitter as seconds tick
    return font


def _shape(text: ClockText) -> tuple[int, str, int]:
    """What decides the widget's width: the digit count, the badge, the detail's length."""
    return (len(text.digits), text.badge, len(text.detail))


class CountdownWidget(QWidget):
    def __init__(
        self, bridge: WorkspaceBridge, parent: QWidget | None = None, *, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meeting-countdown")
        self.bridge = bridge
        self.engine = bridge.workspace.meeting
        self.timers = MeetingTimers.of(bridge)
        self.compact = compact
        self._text: ClockText | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        bridge.changed.connect(self._on_changed)
        self.timers.frame.connect(self.refresh)

    # ---- state ----------------------------------------------------------------------------

    def text(self) -> ClockText:
        if self._text is None:
            self._text = clock_text(self.timers.status())
        return self._text

    def refresh(self) -> None:
        """Repaint only if what is shown changed (a few times a second, at most)."""
        new = clock_text(self.timers.status())
        if new != self._text:
            old, self._text = self._text, new
            if old is None or _shape(old) != _shape(new):
                self.updateGeometry()  # a badge came or went: the header makes room
            self.announce(new, alert=old is not None and new.level is not old.level)
            self.update()

    def announce(self, text: ClockText, *, alert: bool) -> None:
        """Tell assistive technology the words, not only the colour: WRAP UP and OVER arrive as
        an alert when the level changes; the name always carries the current words."""
        words = text.badge or ("running" if text.running else "")
        self.setAccessibleName(f"Phase clock: {words}".rstrip(": "))
        self.setAccessibleDescription(f"{text.digits} left in this phase. {text.detail}")
        if alert and text.level is not Level.NORMAL:
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.CLOCK, Part.PHASES, Part.SESSION}:
            self.refresh()

    # ---- geometry -------------------------------------------------------------------------

    def digit_px(self) -> int:
        if self.compact:
            return COMPACT_DIGITS_PX
        height = self.window().height() or 720
        return max(24, round(height * DIGITS_OF_WINDOW))

    def fonts(self) -> tuple[QFont, QFont, QFont]:
        d = self.digit_px()
        return digit_font(d), font_px(round(d * 0.30), bold=True), font_px(round(d * 0.26))

    def rows(self) -> tuple[float, float, float]:
        """Heights of the digits row, the badge row (0 without a badge) and the detail row."""
        digits, badge, detail = self.fonts()
        fm_digits, fm_badge = QFontMetricsF(digits), QFontMetricsF(badge)
        badge_h = fm_badge.height() * 1.45 if self.text().badge else 0.0
        return (
            fm_digits.ascent() + fm_digits.descent() * 0.3,
            badge_h,
            QFontMetricsF(detail).height() * 1.2,
        )

    def sizeHint(self) -> QSize:
        """As wide as the current text needs, with room for the digits to tick."""
        digits, badge, detail = self.fonts()
        fm_digits, fm_badge, fm_detail = (QFontMetricsF(f) for f in (digits, badge, detail))
        text = self.text()

        def widest(value: str) -> str:
            return "".join("8" if c.isdigit() else c for c in value)

        badge_w = fm_badge.horizontalAdvance(widest(text.badge)) + fm_badge.height() * 0.7
        width = (
            max(
                fm_digits.horizontalAdvance(widest(text.digits)),
                badge_w,
                fm_detail.horizontalAdvance(widest(text.detail)),
            )
            + 4
        )
        return QSize(round(width), round(sum(self.rows())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.updateGeometry()
        super().resizeEvent(event)

    def digits_rect(self) -> QRectF:
        """Where the digits' glyphs are drawn (tests measure their height)."""
        digits = self.fonts()[0]
        fm = QFontMetricsF(digits)
        text = self.text().digits
        advance = fm.horizontalAdvance(text)
        tight = fm.tightBoundingRect(text)
        left = self.width() - advance
        return QRectF(left + tight.left(), fm.ascent() + tight.top(), tight.width(), tight.height())

    # ---- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        text = self.text()
        digits, badge, detail = self.fonts()
        digits_h, badge_h, detail_h = self.rows()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        right = float(self.width())
        colour = level_colour(text.level)
        if not text.running and text.level is Level.NORMAL:
            colour = current().muted
        painter.setFont(digits)
        painter.setPen(QColor(colour))
        painter.drawText(
            QRectF(0, 0, right, QFontMetricsF(digits).height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            text.digits,
        )
        if text.badge:
            self._paint_badge(painter, badge, text, QRectF(0, digits_h, right, badge_h))
        painter.setFont(detail)
        painter.setPen(QColor(current().muted))
        painter.drawText(
            QRectF(0, digits_h + badge_h, right, detail_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text.detail,
        )
        painter.end()

    def _paint_badge(self, painter: QPainter, font: QFont, text: ClockText, row: QRectF) -> None:
        """The words, white on the level's colour, right-aligned under the digits."""
        fm = QFontMetricsF(font)
        pad = fm.height() * 0.35
        width = fm.horizontalAdvance(text.badge) + 2 * pad
        height = fm.height() * 1.2
        box = QRectF(row.right() - width, row.top() + (row.height() - height) / 2, width, height)
        colour = level_colour(text.level) if text.level is not Level.NORMAL else current().muted
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(box, height / 4, height / 4)
        painter.setPen(QColor(current().ink_on_state))
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text.badge)
