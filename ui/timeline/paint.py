"""Drawing a `TimelineLayout`: cards, lanes, the time axis with its breaks, cross-team links.

Everything geometric comes from the layout; this module only turns it into strokes and text, and
only for what is in view (so a 10,000-event timeline scrolls as fast as a 10-event one).
Nothing here changes state: the widget calls `paint()` from `paintEvent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from facilitator_app.model import Lane, Tag, Team, TimelineEvent
from facilitator_app.timeline.tags import tag_short
from ui.theme import INTERACTION, MUTED_TEXT, RED, SHARED_TEXT
from ui.timeline.layout import Card, LinkPath, TimelineLayout
from ui.timeline.timefmt import clock, day, gap_text, zone_label

CARD_FILL = "#FFFFFF"
LANE_FILL = "#F1F1EC"
AXIS_COLOUR = "#333333"
CURRENT_OUTLINE = "#111111"
BADGE_COLOURS = {
    Tag.LOCALLY_CORRECT.value: ("#FFF1D6", "#8A4B00", "●"),
    Tag.DIVERGENCE.value: ("#FBE0E0", RED, "◆"),
}
FREE_BADGE = ("#E8E8E8", "#333333", "")


@dataclass
class TimelineStyle:
    """Fonts for one size of timeline (the console's, or the projector's larger one)."""

    card: QFont
    small: QFont
    badge: QFont
    lane: QFont
    axis: QFont

    @classmethod
    def scaled(cls, base: QFont, pixels: int) -> TimelineStyle:
        def font(px: float, bold: bool = False) -> QFont:
            f = QFont(base)
            f.setPixelSize(max(8, round(px)))
            f.setBold(bold)
            return f

        return cls(
            card=font(pixels),
            small=font(pixels * 0.85, bold=True),
            badge=font(pixels * 0.72, bold=True),
            lane=font(pixels * 1.1, bold=True),
            axis=font(pixels * 0.8, bold=True),
        )


def wrap(metrics: QFontMetricsF, text: str, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most `max_lines` lines, the last one elided with "…"."""
    if max_lines <= 0 or width <= 4:
        return []
    words = text.split()
    lines: list[str] = []
    current = ""
    index = 0
    while index < len(words):
        word = words[index]
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            index += 1
            continue
        if not current:  # one word longer than the line
            current = metrics.elidedText(word, Qt.TextElideMode.ElideRight, width)
            index += 1
        lines.append(current)
        current = ""
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
        index = len(words)
    if index < len(words) and lines:
        rest = " ".join([lines[-1], *words[index:]])
        lines[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines


class TimelinePainter:
    """Paints one layout; caches wrapped text per (event, width) between repaints."""

    def __init__(self, style: TimelineStyle) -> None:
        self.style = style
        self._wrapped: dict[tuple[str, int, int], list[str]] = {}

    def set_style(self, style: TimelineStyle) -> None:
        self.style = style
        self._wrapped.clear()

    def forget_text(self) -> None:
        self._wrapped.clear()

    # ---- the whole view -----------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        layout: TimelineLayout,
        events: dict[int, TimelineEvent],
        teams: tuple[Team, Team],
        zone: tzinfo,
        *,
        scroll: float,
        viewport_width: float,
        viewport_height: float,
        current_id: int | None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        x0, x1 = scroll, scroll + viewport_width
        painter.save()
        painter.translate(-scroll, 0)
        for lane in (Lane.A, Lane.B):
            band = layout.lanes[lane]
            painter.fillRect(QRectF(x0, band.y, viewport_width, band.height), QColor(LANE_FILL))
        self._paint_breaks(painter, layout, x0, x1)
        self._paint_axis(painter, layout, x0, x1)
        for link in layout.visible_links(x0, x1):
            self._paint_link(painter, link, current_id)
        self._paint_tick_labels(painter, layout, zone, x0, x1)
        for card in layout.visible_cards(x0, x1):
            event = events.get(card.event_id)
            if event is not None:
                team = teams[0] if card.lane is Lane.A else teams[1]
                self._paint_card(painter, card, event, team, zone, card.event_id == current_id)
        painter.restore()
        self._paint_lane_labels(painter, layout, teams, zone, viewport_height)

    # ---- pieces -------------------------------------------------------------------------

    def _paint_lane_labels(
        self,
        painter: QPainter,
        layout: TimelineLayout,
        teams: tuple[Team, Team],
        zone: tzinfo,
        viewport_height: float,
    ) -> None:
        width = layout.params.label_width
        painter.fillRect(
            QRectF(0, 0, width, max(layout.height, viewport_height)), QColor("#FFFFFF")
        )
        painter.setPen(QPen(QColor("#BBBBBB"), 1))
        painter.drawLine(QPointF(width - 0.5, 0), QPointF(width - 0.5, layout.height))
        metrics = QFontMetricsF(self.style.lane)
        for team in teams:
            band = layout.lanes[team.lane]
            swatch = QRectF(8, band.y + 10, 10, band.height - 20)
            painter.fillRect(swatch, QColor(team.colour))
            painter.setFont(self.style.lane)
            painter.setPen(QColor(SHARED_TEXT))
            lines = wrap(metrics, team.name, width - 34, 3)
            top = band.y + (band.height - len(lines) * metrics.height()) / 2
            for i, line in enumerate(lines):
                painter.drawText(QPointF(26, top + metrics.ascent() + i * metrics.height()), line)
        painter.setFont(self.style.axis)
        painter.setPen(QColor(MUTED_TEXT))
        reference = next(iter(c.when for c in layout.cards), None)
        label = f"times: {zone_label(reference, zone)}" if reference else "times"
        axis_rect = QRectF(8, layout.axis.y, width - 12, layout.axis.height)
        painter.drawText(
            axis_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label
        )

    def _paint_axis(self, painter: QPainter, layout: TimelineLayout, x0: float, x1: float) -> None:
        axis = layout.axis
        mid = axis.y + axis.height / 2
        painter.setPen(QPen(QColor(AXIS_COLOUR), 2))
        painter.drawLine(QPointF(x0, mid), QPointF(x1, mid))
        for tick in layout.visible_ticks(x0, x1):
            painter.drawLine(QPointF(tick.x, mid - 5), QPointF(tick.x, mid + 5))

    def _paint_tick_labels(
        self, painter: QPainter, layout: TimelineLayout, zone: tzinfo, x0: float, x1: float
    ) -> None:
        """Drawn over the links, each on a patch of background, so that they stay legible."""
        axis = layout.axis
        painter.setFont(self.style.axis)
        metrics = QFontMetricsF(self.style.axis)
        top = axis.y + 1
        for tick in layout.visible_ticks(x0, x1):
            if not tick.labelled:
                continue
            text = clock(tick.when, zone)
            if tick.new_day:
                text = f"{day(tick.when, zone)} {text}"
            box = QRectF(tick.x + 3, top, metrics.horizontalAdvance(text) + 4, metrics.height())
            painter.fillRect(box, QColor(LANE_FILL))
            painter.setPen(QColor(SHARED_TEXT))
            painter.drawText(QPointF(box.x() + 2, top + metrics.ascent()), text)

    def _paint_breaks(
        self, painter: QPainter, layout: TimelineLayout, x0: float, x1: float
    ) -> None:
        axis = layout.axis
        mid = axis.y + axis.height / 2
        metrics = QFontMetricsF(self.style.axis)
        for mark in layout.visible_breaks(x0, x1):
            band = QRectF(mark.x, 0, mark.width, layout.height)
            painter.fillRect(band, QBrush(QColor("#DDDDD5"), Qt.BrushStyle.BDiagPattern))
            # two zig-zag cuts through the axis: the stretch between them is not to scale
            painter.fillRect(QRectF(mark.x, axis.y, mark.width, axis.height), QColor("#FFFFFF"))
            painter.setPen(QPen(QColor(AXIS_COLOUR), 2))
            for cut in (mark.x + 6, mark.x + mark.width - 6):
                zig = QPolygonF(
                    [
                        QPointF(cut - 4, mid - 9),
                        QPointF(cut + 4, mid - 3),
                        QPointF(cut - 4, mid + 3),
                        QPointF(cut + 4, mid + 9),
                    ]
                )
                painter.drawPolyline(zig)
            painter.setFont(self.style.axis)
            painter.setPen(QColor(SHARED_TEXT))
            text = metrics.elidedText(
                gap_text(mark.seconds), Qt.TextElideMode.ElideRight, mark.width - 20
            )
            painter.drawText(
                QRectF(mark.x + 10, axis.y, mark.width - 20, axis.height),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )

    def _paint_link(self, painter: QPainter, link: LinkPath, current_id: int | None) -> None:
        hot = current_id in (link.source_id, link.target_id)
        colour = QColor(INTERACTION)
        if not hot:
            colour.setAlpha(120)  # the current event's links stand out; the rest recede
        pen = QPen(colour, 4 if hot else 2.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(QPointF(link.x1, link.y1))
        middle = (link.y1 + link.y2) / 2
        path.cubicTo(QPointF(link.x1, middle), QPointF(link.x2, middle), QPointF(link.x2, link.y2))
        painter.drawPath(path)
        direction = 1 if link.y2 > link.y1 else -1
        size = 9 if hot else 7
        head = QPolygonF(
            [
                QPointF(link.x2, link.y2),
                QPointF(link.x2 - size, link.y2 - direction * size * 1.5),
                QPointF(link.x2 + size, link.y2 - direction * size * 1.5),
            ]
        )
        painter.setBrush(colour)
        painter.drawPolygon(head)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _lines(self, event: TimelineEvent, width: float, max_lines: int) -> list[str]:
        key = (event.description, round(width), max_lines)
        cached = self._wrapped.get(key)
        if cached is None:
            cached = wrap(QFontMetricsF(self.style.card), event.description, width, max_lines)
            if len(self._wrapped) > 4000:
                self._wrapped.clear()
            self._wrapped[key] = cached
        return cached

    def _paint_card(
        self,
        painter: QPainter,
        card: Card,
        event: TimelineEvent,
        team: Team,
        zone: tzinfo,
        current: bool,
    ) -> None:
        rect = QRectF(card.x, card.y, card.width, card.height)
        colour = QColor(team.colour)
        fill = QColor(colour)
        fill.setAlpha(40)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CARD_FILL))
        painter.drawRoundedRect(rect, 6, 6)
        if current:
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 6, 6)
        painter.fillRect(QRectF(card.x, card.y + 3, 6, card.height - 6), colour)
        outline = QPen(QColor(CURRENT_OUTLINE), 4) if current else QPen(QColor("#9A9A9A"), 1)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1) if current else rect, 6, 6)

        inner = rect.adjusted(14, 6, -8, -6)
        small = QFontMetricsF(self.style.small)
        painter.setFont(self.style.small)
        painter.setPen(QColor(SHARED_TEXT))
        head = clock(event.occurred_at, zone)
        if event.actor:
            head = f"{head} · {event.actor}"
        mark = "↗ log" if event.source_url else ""
        mark_width = small.horizontalAdvance(mark) + 6 if mark else 0.0
        painter.drawText(
            QPointF(inner.x(), inner.y() + small.ascent()),
            small.elidedText(head, Qt.TextElideMode.ElideRight, inner.width() - mark_width),
        )
        if mark:
            painter.setPen(QColor(MUTED_TEXT))
            painter.drawText(
                QPointF(inner.right() - mark_width + 6, inner.y() + small.ascent()), mark
            )

        badges = event.tags
        badge_metrics = QFontMetricsF(self.style.badge)
        badge_h = badge_metrics.height() + 4 if badges else 0.0
        text_top = inner.y() + small.height() + 2
        metrics = QFontMetricsF(self.style.card)
        room = inner.bottom() - badge_h - text_top
        max_lines = max(0, int(room // metrics.height()))
        painter.setFont(self.style.card)
        painter.setPen(QColor(SHARED_TEXT))
        for i, line in enumerate(self._lines(event, inner.width(), max_lines)):
            painter.drawText(
                QPointF(inner.x(), text_top + metrics.ascent() + i * metrics.height()), line
            )
        if badges:
            self._paint_badges(painter, badges, inner.x(), inner.bottom() - badge_h, inner.width())

    def _paint_badges(
        self, painter: QPainter, tags: list[str], x: float, y: float, width: float
    ) -> None:
        metrics = QFontMetricsF(self.style.badge)
        painter.setFont(self.style.badge)
        right = x + width
        for tag in tags:
            fill, ink, glyph = BADGE_COLOURS.get(tag, FREE_BADGE)
            text = f"{glyph} {tag_short(tag)}".strip()
            w = metrics.horizontalAdvance(text) + 10
            if x + w > right:
                w = right - x
                if w < 24:
                    break
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, w - 10)
            box = QRectF(x, y, w, metrics.height() + 4)
            painter.setPen(QPen(QColor(ink), 1))
            painter.setBrush(QColor(fill))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor(ink))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            x += w + 4
        painter.setBrush(Qt.BrushStyle.NoBrush)
