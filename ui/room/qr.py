"""A QR code drawn as vector shapes, sharp at any size a projector scales it to.

segno (a well-kept, pure-Python QR encoder with no dependencies) makes the module matrix; we
paint each row's runs of dark modules as rectangles of one QPainterPath, so the code is as crisp
at 1080p as at 720p and costs nothing to rescale. The quiet zone (4 modules, as the standard
asks) is part of the drawing, on white, so a phone finds the code on any background.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of `text`'s QR code, quiet zone included.

    Error correction "M" (15 %) survives a projector's blur and a phone held at an angle; segno
    raises it further when the version allows it at no cost in size (boost_error)."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def qr_path(matrix: list[list[bool]]) -> QPainterPath:
    """One path of unit squares (a run of dark modules in a row is one rectangle)."""
    path = QPainterPath()
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                path.addRect(QRectF(start, y, x - start, 1))
            else:
                x += 1
    return path


class QrCodeWidget(QWidget):
    """A square QR code filling the largest square that fits; whole-pixel modules when they
    are at least 3 px wide, so no module blurs into its neighbour."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("room-qr")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._text = ""
        self._modules = 0
        self._path = QPainterPath()
        self.set_text(text)

    def text(self) -> str:
        return self._text

    def modules(self) -> int:
        """The side of the code in modules (quiet zone included); 0 when empty."""
        return self._modules

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        matrix = qr_matrix(text) if text else []
        self._modules = len(matrix)
        self._path = qr_path(matrix)
        self.update()

    def code_rect(self) -> QRectF:
        """Where the code (with its quiet zone) is drawn inside the widget."""
        side = float(min(self.width(), self.height()))
        if self._modules and side / self._modules >= 3:
            side = float(int(side / self._modules) * self._modules)
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._modules:
            return
        painter = QPainter(self)
        area = self.code_rect()
        painter.fillRect(area, QColor("#FFFFFF"))
        painter.translate(area.topLeft())
        scale = area.width() / self._modules
        painter.scale(scale, scale)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        painter.drawPath(self._path)
        painter.end()
