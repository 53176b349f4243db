"""Building blocks of the shared-screen phase views: column headers and cards, sized to the room.

Every size is a fraction of the window height (`ui.theme.shared_px`), so a view reads the same
from the back of a room at 1280x720 and at 1920x1080. Colour always comes with words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from ui.theme import current, font_px, shared_px
from ui.widgets.clamped_text import ClampedText, lines_height
from ui.widgets.elided_label import ElidedLabel

BODY = 0.032  # card text, as a fraction of the window height
SMALL = 0.026
HEADING = 0.04


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        child = item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif child is not None:
            clear_layout(child)


def chip(text: str, colour: str, owner: QWidget, fraction: float = HEADING) -> QLabel:
    """A filled label: a team's colour with its name on it (never the colour alone)."""
    label = QLabel(text)
    label.setFont(font_px(shared_px(owner, fraction), bold=True))
    pad = shared_px(owner, 0.008, minimum=4)
    fill, ink = current().team_fill(colour)  # shaded if need be: its text reads at 7:1
    label.setStyleSheet(
        f"background: {fill}; color: {ink}; padding: {pad}px {2 * pad}px; border-radius: {pad}px;"
    )
    return label


class Card(QFrame):
    """A header line (bold) over clamped body text, with a coloured bar on the left."""

    def __init__(
        self,
        owner: QWidget,
        header: str,
        body: str,
        colour: str,
        *,
        footer: str = "",
        lines: int = 3,
    ) -> None:
        super().__init__()
        bar = shared_px(owner, 0.008, minimum=4)
        self.setObjectName("card")
        self.setStyleSheet(
            f"QFrame#card {{ border-left: {bar}px solid {colour};"
            f" background: {current().surface}; }}"
        )
        layout = QVBoxLayout(self)
        pad = shared_px(owner, 0.01, minimum=4)
        layout.setContentsMargins(2 * pad, pad, pad, pad)
        layout.setSpacing(pad // 2)
        self.header = QLabel(header)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setFont(font_px(shared_px(owner, SMALL), bold=True))
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.body = ClampedText(body, lines)
        self.set_body_font(font_px(shared_px(owner, BODY)))
        layout.addWidget(self.body)
        self.footer: ElidedLabel | None = None
        if footer:
            self.footer = ElidedLabel(footer)
            self.footer.setFont(font_px(shared_px(owner, SMALL)))
            self.footer.setProperty("role", "muted")
            layout.addWidget(self.footer)

    def set_body_font(self, font: QFont) -> None:
        """The body keeps room for all its lines, so cards in a column line up."""
        self.body.setFont(font)
        lines = self.body.max_lines
        self.body.setFixedHeight(lines_height(QFontMetrics(font), lines) + 2)


def muted(text: str, owner: QWidget, fraction: float = SMALL) -> QLabel:
    label = QLabel(text)
    label.setFont(font_px(shared_px(owner, fraction), bold=True))
    label.setProperty("role", "muted")
    return label


def fill_column(
    box: QVBoxLayout, cards: list[QWidget], width: int, available: int, owner: QWidget
) -> None:
    """Add as many cards as fit in `available` pixels; then "+ N more"."""
    spacing = max(0, box.spacing())
    more = muted("+ 99 more", owner).sizeHint().height()
    used, shown = 0, 0
    for index, card in enumerate(cards):
        height = card.heightForWidth(width) if card.hasHeightForWidth() else -1
        height = height if height > 0 else card.sizeHint().height()
        reserve = more if index < len(cards) - 1 else 0
        if used + height + reserve > available:  # even the first card: dropped whole
            break
        box.addWidget(card)
        used += height + spacing
        shown += 1
    for card in cards[shown:]:
        card.deleteLater()
    if len(cards) > shown:
        box.addWidget(muted(f"+ {len(cards) - shown} more", owner))
    box.addStretch(1)


def new_column(row: QHBoxLayout, owner: QWidget, title: QWidget) -> QVBoxLayout:
    """A column of cards under a title chip, added to `row` with an equal share of the width."""
    box = QVBoxLayout()
    box.setSpacing(shared_px(owner, 0.008, minimum=4))
    box.addWidget(title, 0, Qt.AlignmentFlag.AlignLeft)
    row.addLayout(box, 1)
    return box
