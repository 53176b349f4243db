"""The incident-flow diagram: drawn on the console, exported as SVG (QSvgGenerator) and PNG.

One painting function serves the screen, the SVG and the PNG, so the exports look exactly like
what the room discussed. The diagram is built from the links between events (Timeline page,
"Led to:"); text is drawn as text, so the SVG stays searchable and Qt escapes it for XML.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.atomic_write import write_atomically
from facilitator_app.errors import UserError
from facilitator_app.model import Lane, Session
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.theme import INTERACTION, MUTED_TEXT, RED, SHARED_TEXT, readable_text_on
from ui.timeline.flow_layout import FlowLayout, FlowRow, Rect, build_flow, label_text
from ui.timeline.paint import wrap
from ui.timeline.timefmt import gap_text, zone_named

EMPTY_HINT = (
    "No cross-team links yet. On the Timeline page, pick an event and use “Led to:” to link "
    "it to the event it caused in the other team's system."
)


class FlowFonts:
    def __init__(self, base: QFont, pixels: int = 14) -> None:
        def font(px: float, bold: bool = False) -> QFont:
            f = QFont(base)
            f.setPixelSize(max(8, round(px)))
            f.setBold(bold)
            return f

        self.body = font(pixels)
        self.head = font(pixels, bold=True)
        self.title = font(pixels * 1.35, bold=True)
        self.label = font(pixels * 0.95, bold=True)

    def measure_label(self, text: str, width: float) -> float:
        metrics = QFontMetricsF(self.label)
        return max(1, len(wrap(metrics, text, width, 3))) * metrics.height()

    def measure(self, text: str, width: float) -> float:
        _head, _, body = text.partition("\n")
        head_m, body_m = QFontMetricsF(self.head), QFontMetricsF(self.body)
        lines = len(wrap(body_m, body, width, 1000)) if body else 0
        return head_m.height() + lines * body_m.height()


def layout_for(session: Session, width: float, fonts: FlowFonts, zone_name: str) -> FlowLayout:
    return build_flow(
        session, width, fonts.measure, zone_named(zone_name), measure_label=fonts.measure_label
    )


def _rect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.width, r.height)


def paint_flow(painter: QPainter, flow: FlowLayout, session: Session, fonts: FlowFonts) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(QRectF(0, 0, flow.width, flow.height), QColor("#FFFFFF"))
    for team in session.teams:
        x = flow.lifelines[team.lane]
        painter.setPen(QPen(QColor("#888888"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, flow.lifeline_top), QPointF(x, flow.lifeline_bottom))
        box = _rect(flow.headers[team.lane])
        painter.setPen(QPen(QColor(SHARED_TEXT), 1.5))
        painter.setBrush(QColor(team.colour))
        painter.drawRoundedRect(box, 8, 8)
        painter.setPen(QColor(readable_text_on(team.colour)))
        painter.setFont(fonts.title)
        painter.drawText(
            box.adjusted(8, 4, -8, -box.height() / 2), Qt.AlignmentFlag.AlignCenter, team.name
        )
        painter.setFont(fonts.body)
        painter.drawText(
            box.adjusted(8, box.height() / 2, -8, -4), Qt.AlignmentFlag.AlignCenter, "system"
        )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if not flow.rows:
        painter.setPen(QColor(MUTED_TEXT))
        painter.setFont(fonts.body)
        area = QRectF(24, flow.lifeline_top + 10, flow.width - 48, flow.height - flow.lifeline_top)
        painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, EMPTY_HINT)
        return
    for row in flow.rows:
        _paint_row(painter, row, fonts)


def _paint_block(painter: QPainter, box: Rect, text: str, fonts: FlowFonts, right: bool) -> None:
    head, _, body = text.partition("\n")
    head_m, body_m = QFontMetricsF(fonts.head), QFontMetricsF(fonts.body)
    align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    painter.setPen(QColor(SHARED_TEXT))
    painter.setFont(fonts.head)
    head = head_m.elidedText(head, Qt.TextElideMode.ElideRight, box.width)
    painter.drawText(QRectF(box.x, box.y, box.width, head_m.height()), align, head)
    painter.setFont(fonts.body)
    y = box.y + head_m.height()
    for line in wrap(body_m, body, box.width, 1000):
        painter.drawText(QRectF(box.x, y, box.width, body_m.height()), align, line)
        y += body_m.height()


def _paint_row(painter: QPainter, row: FlowRow, fonts: FlowFonts) -> None:
    item = row.interaction
    source_left = item.source.lane is Lane.A
    _paint_block(painter, row.source_box, row.source_text, fonts, right=source_left)
    _paint_block(painter, row.target_box, row.target_text, fonts, right=not source_left)
    pen = QPen(QColor(INTERACTION), 3)
    painter.setPen(pen)
    y = row.arrow_y
    painter.drawLine(QPointF(row.x_from, y), QPointF(row.x_to, y))
    direction = 1 if row.x_to > row.x_from else -1
    painter.setBrush(QColor(INTERACTION))
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(row.x_to, y),
                QPointF(row.x_to - direction * 14, y - 7),
                QPointF(row.x_to - direction * 14, y + 7),
            ]
        )
    )
    painter.drawEllipse(QPointF(row.x_from, y), 5, 5)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    label = label_text(item)
    if row.divergence:
        label = f"◆ {label}"
    metrics = QFontMetricsF(fonts.label)
    painter.setFont(fonts.label)
    painter.setPen(QColor(RED if row.divergence else INTERACTION))
    lines = wrap(metrics, label, row.label.width, 3)
    top = row.label.bottom - len(lines) * metrics.height()
    for i, line in enumerate(lines):
        painter.drawText(
            QRectF(row.label.x, top + i * metrics.height(), row.label.width, metrics.height()),
            Qt.AlignmentFlag.AlignHCenter,
            line,
        )
    painter.setFont(fonts.body)
    painter.setPen(QColor(MUTED_TEXT))
    later = f"{gap_text(max(0.0, item.seconds)).lstrip('+')} later"
    painter.drawText(
        QRectF(row.label.x, y + 8, row.label.width, QFontMetricsF(fonts.body).height()),
        Qt.AlignmentFlag.AlignHCenter,
        later,
    )


# ---- exports ---------------------------------------------------------------------------------


def svg_bytes(
    session: Session, zone_name: str, width: float = 1200, base: QFont | None = None
) -> bytes:
    fonts = FlowFonts(base or QFont(), 14)
    flow = layout_for(session, width, fonts, zone_name)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(round(flow.width), round(flow.height))
    generator.setSize(size)
    generator.setResolution(96)  # so that the width in mm is the CSS width in px
    generator.setViewBox(QRectF(0, 0, flow.width, flow.height))
    generator.setTitle(f"Incident flow: {session.title}")
    a, b = session.teams
    generator.setDescription(f"How the systems of {a.name} and {b.name} interacted, in order")
    painter = QPainter(generator)
    paint_flow(painter, flow, session, fonts)
    painter.end()
    return bytes(buffer.data().data())


def png_bytes(
    session: Session,
    zone_name: str,
    width: float = 1200,
    scale: float = 2.0,
    base: QFont | None = None,
) -> bytes:
    """A PNG `width` logical pixels wide, drawn at `scale` (2: sharp on a slide)."""
    fonts = FlowFonts(base or QFont(), 14)
    flow = layout_for(session, width, fonts, zone_name)
    image = QImage(
        round(flow.width * scale), round(flow.height * scale), QImage.Format.Format_ARGB32
    )
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_flow(painter, flow, session, fonts)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes
    return bytes(data.data())


# ---- widgets ---------------------------------------------------------------------------------


class FlowDiagramView(QWidget):
    """The diagram at the width it is given; its height follows the content."""

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incident-flow")
        self.workspace = bridge.workspace
        self.fonts = FlowFonts(self.font(), 14)
        self.flow = self._layout(800)
        bridge.changed.connect(self._on_changed)

    def _layout(self, width: float) -> FlowLayout:
        return layout_for(self.workspace.session, width, self.fonts, self.workspace.display_zone)

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.TIMELINE, Part.TEAMS}:
            self.relayout()

    def relayout(self) -> None:
        self.flow = self._layout(self.width())
        self.setMinimumHeight(round(self.flow.height))
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.size().width() != event.oldSize().width():
            self.relayout()
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(900, round(self.flow.height))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_flow(painter, self.flow, self.workspace.session, self.fonts)
        painter.end()


class IncidentFlowPage(QWidget):
    """Console page: the diagram, and its export as SVG or PNG."""

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incident-flow-page")
        self.workspace = bridge.workspace
        self.diagram = FlowDiagramView(bridge)
        bar = QHBoxLayout()
        hint = QLabel("How the two systems affected each other, in order (from the event links).")
        hint.setStyleSheet(f"color: {MUTED_TEXT}")
        bar.addWidget(hint, 1)
        for text, handler in (("Export SVG…", self.export_svg), ("Export PNG…", self.export_png)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, h=handler: h())
            bar.addWidget(button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.diagram)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    def _ask_path(self, suffix: str, label: str) -> Path | None:
        safe = "".join(c if c.isalnum() else "-" for c in self.workspace.session.title).strip("-")
        name, _ = QFileDialog.getSaveFileName(
            self,
            f"Export the incident flow as {label}",
            f"{safe[:60]}-flow.{suffix}",
            f"{label} (*.{suffix})",
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(f".{suffix}")

    def export_svg(self, path: Path | None = None) -> Path | None:
        path = path or self._ask_path("svg", "SVG")
        if path is not None:
            data = svg_bytes(self.workspace.session, self.workspace.display_zone, base=self.font())
            self._write(path, data)
        return path

    def export_png(self, path: Path | None = None) -> Path | None:
        path = path or self._ask_path("png", "PNG")
        if path is not None:
            data = png_bytes(self.workspace.session, self.workspace.display_zone, base=self.font())
            self._write(path, data)
        return path

    def _write(self, path: Path, data: bytes) -> None:
        try:
            write_atomically(path, data)
        except UserError as exc:
            QMessageBox.warning(self, "Export failed", exc.message)
