"""Colours and type sizes. The shared screen scales its type with the window height.

Projectors wash out dark greys and thin strokes: the shared screen uses near-black text on a
near-white background, bold weights, and sizes computed from the window height so that the same
layout reads from the back of a room at 1280x720 and at 1920x1080.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

SHARED_BACKGROUND = "#FAFAF7"
SHARED_TEXT = "#111111"
MUTED_TEXT = "#4A4A4A"
AMBER = "#B35C00"  # darker than pure amber: readable as text on white
RED = "#C00000"
OK_GREEN = "#1B7F3B"
INTERACTION = "#6A3D9A"  # the interaction between the two systems (a factor owner)


def shared_px(widget: QWidget, fraction: float, minimum: int = 12) -> int:
    """A pixel size as a fraction of the window height (at least `minimum`)."""
    height = widget.window().height() or 720
    return max(minimum, round(height * fraction))


def font_px(pixels: int, *, bold: bool = False, family: str | None = None) -> QFont:
    font = QFont(family) if family else QFont(QApplication.font())
    font.setPixelSize(max(1, pixels))
    font.setBold(bold)
    return font


def apply_shared_palette(widget: QWidget) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(SHARED_BACKGROUND))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(SHARED_TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor(SHARED_BACKGROUND))
    palette.setColor(QPalette.ColorRole.Text, QColor(SHARED_TEXT))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


def readable_text_on(colour: str) -> str:
    """Black or white, whichever contrasts more with a team colour."""
    c = QColor(colour)
    luminance = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()
    return "#000000" if luminance > 0.45 else "#FFFFFF"
