"""The app's icon (resources/icons/app.svg), for windows, the welcome and the About box."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from facilitator_app.paths import resource


def app_icon() -> QIcon:
    """Drawn from the SVG at the usual sizes (works frozen and unfrozen: no file path)."""
    renderer = QSvgRenderer(QByteArray(resource("icons/app.svg").read_bytes()))
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(QPixmap.fromImage(image))
    return icon
