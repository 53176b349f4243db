"""The join screen on the projector: a QR code, the address and the short code, and counts.

Sized from the window height so a phone scans it from the back of the room at 1280x720: the QR
code takes most of the phase area's height (well over 40 % of the screen), the code is the
largest text on screen. Counts only ("7 of 9 joined"), never names. All text is plain text:
nothing a participant or the network supplies is read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.room.display import RoomDisplay
from ui.room.qr import QrCodeWidget
from ui.theme import MUTED_TEXT, SHARED_BACKGROUND, SHARED_TEXT, font_px, shared_px

MONO = "DejaVu Sans Mono"


def _plain_label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setStyleSheet(f"color: {SHARED_TEXT}")
    return label


def breakable(url: str) -> str:
    """The address with zero-width spaces after its separators, so a long link wraps at a
    slash or a dot instead of running off the screen (copying it from the screen is not a
    use case: the room types the short address or scans the code)."""
    out = []
    for char in url:
        out.append(char)
        if char in "/.:?=&-_":
            out.append("\u200b")
    return "".join(out)


class JoinOverlay(QWidget):
    """Covers the shared screen's phase area while the room joins; `J` hides it."""

    def __init__(self, display: RoomDisplay, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("room-join-overlay")
        self.display = display
        self.qr = QrCodeWidget()
        self.heading = _plain_label("room-join-heading")
        self.heading.setText("Join from your phone or laptop")
        self.scan = _plain_label("room-join-scan")
        self.scan.setText("Scan the code, or open this address:")
        self.scan.setStyleSheet(f"color: {MUTED_TEXT}")
        self.url = _plain_label("room-join-url")
        self.code_caption = _plain_label("room-join-code-caption")
        self.code_caption.setText("and enter the code")
        self.code_caption.setStyleSheet(f"color: {MUTED_TEXT}")
        self.code = _plain_label("room-join-code", wrap=False)
        self.counts = _plain_label("room-join-counts")
        self.hint = _plain_label("room-join-hint")
        self.hint.setStyleSheet(f"color: {MUTED_TEXT}")

        text = QVBoxLayout()
        text.setSpacing(0)
        for widget in (self.heading, self.scan, self.url, self.code_caption, self.code):
            text.addWidget(widget)
        text.addStretch(1)
        text.addWidget(self.counts)
        text.addWidget(self.hint)
        layout = QHBoxLayout(self)
        self.body = layout
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)
        display.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        card = self.display.card
        self.setVisible(card is not None and self.display.join_visible)
        if card is None:
            return
        self.qr.set_text(card.qr_text or card.url)
        self.url.setText(breakable(card.url))
        self.code.setText(" ".join(card.code))  # letters apart: easier to read out and type
        self.counts.setText(card.counts)
        self._resize_fonts()

    def _resize_fonts(self) -> None:
        height = self.height() or 400
        side = max(120, round(height * 0.92))
        self.qr.setFixedSize(side, side)
        self.heading.setFont(font_px(shared_px(self, 0.05), bold=True))
        self.scan.setFont(font_px(shared_px(self, 0.032)))
        self.url.setFont(font_px(shared_px(self, 0.036), bold=True, family=MONO))
        self.code_caption.setFont(font_px(shared_px(self, 0.032)))
        self.code.setFont(font_px(shared_px(self, 0.11), bold=True, family=MONO))
        self.counts.setFont(font_px(shared_px(self, 0.045), bold=True))
        self.hint.setFont(font_px(shared_px(self, 0.025)))
        margin = shared_px(self, 0.02, minimum=8)
        self.body.setContentsMargins(margin, margin // 2, margin, margin // 2)
        self.body.setSpacing(margin * 2)

    def set_hint(self, text: str) -> None:
        """The key that hides this screen, as the keymap has it."""
        self.hint.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._resize_fonts()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(SHARED_BACKGROUND))
        painter.end()
