"""The framing phase on the shared screen: the combined-systems question, ground rules, guide.

The question is the session's own (editable on the console). Everything is large and bold enough
to read from the back of a room; sizes follow the window height.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.language_guide import guide_or_builtin
from ui.theme import MUTED_TEXT, font_px, shared_px

ACCENT = "#0072B2"  # Okabe-Ito blue: the rule markers, never the only carrier of meaning


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FramingView(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("framing-view")
        self.workspace = bridge.workspace
        self.guide = guide_or_builtin()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.outer = outer
        self.question = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.question.setObjectName("framing-question")
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        outer.addStretch(1)
        outer.addWidget(self.question)
        outer.addStretch(2)

        columns = QHBoxLayout()
        self.rules_heading = QLabel("Ground rules")
        self.guide_heading = QLabel("Language guide")
        for heading in (self.rules_heading, self.guide_heading):
            heading.setStyleSheet(f"color: {MUTED_TEXT}")
        self.rule_labels: list[QLabel] = []
        self.rule_marks: list[QLabel] = []
        left = QGridLayout()
        left.addWidget(self.rules_heading, 0, 0, 1, 2)
        for row, text in enumerate(self.guide.ground_rules, start=1):
            mark = QLabel(f"{row}", alignment=Qt.AlignmentFlag.AlignRight)
            mark.setStyleSheet(f"color: {ACCENT}")
            label = QLabel(text, wordWrap=True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setObjectName("ground-rule")
            left.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            left.addWidget(label, row, 1)
            self.rule_marks.append(mark)
            self.rule_labels.append(label)
        left.setColumnStretch(1, 1)
        left.setRowStretch(len(self.guide.ground_rules) + 1, 1)

        right = QVBoxLayout()
        right.addWidget(self.guide_heading)
        self.guide_labels: list[QLabel] = []
        for rule in self.guide.rules:
            label = QLabel(wordWrap=True)
            label.setObjectName("guide-rule")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(
                f"<b>{_escape(rule.title)}</b><br>"
                f"<span style='color:{MUTED_TEXT}'>{_escape(rule.short)}</span>"
            )
            right.addWidget(label)
            self.guide_labels.append(label)
        right.addStretch(1)
        columns.addLayout(left, 5)
        columns.addSpacing(32)
        columns.addLayout(right, 6)
        outer.addLayout(columns, 6)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if Part.SESSION in parts:
            self.refresh()

    def refresh(self) -> None:
        self.question.setText(self.workspace.session.framing_question)

    def _apply_fonts(self, scale: float) -> None:
        def px(fraction: float) -> int:
            return max(10, round(shared_px(self, fraction) * scale))

        self.question.setFont(font_px(px(0.064), bold=True))
        heading = font_px(px(0.036), bold=True)
        self.rules_heading.setFont(heading)
        self.guide_heading.setFont(heading)
        body = font_px(px(0.038), bold=True)
        for label in self.rule_labels + self.rule_marks:
            label.setFont(body)
        guide = font_px(px(0.031))
        for label in self.guide_labels:
            label.setFont(guide)

    def fit_fonts(self) -> float:
        """The largest type (up to the window-based size) whose text fits this view's area.

        The header and the balance band take a different share of the window at 720p and at
        1080p, so the view sizes itself from the space it really has, never clipping a rule.
        """
        scale = 1.0
        self._apply_fonts(scale)
        width, height = self.width(), self.height()
        while scale > 0.5 and self.outer.totalHeightForWidth(width) > height:
            scale *= 0.93
            self._apply_fonts(scale)
        return scale

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.outer.setContentsMargins(0, 0, 0, shared_px(self, 0.02, minimum=4))
        self.fit_fonts()
        super().resizeEvent(event)
