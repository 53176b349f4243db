"""The framing phase on the shared screen: the combined-systems question, ground rules, guide.

The question is the session's own (editable on the console). The text is laid out by
`ui.shared.fit` from the space this view really has (the header and balance band take a
different share at 720p and 1080p): it shrinks to the floor size before any line is dropped,
and a line that does not fit is dropped whole ("+ N more"), never cut in half.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.language_guide import guide_or_builtin
from ui.shared.fit import Band, Column, Para
from ui.shared.fit_view import FitView
from ui.theme import shared_px

QUESTION, HEADING, RULE, GUIDE_TITLE, GUIDE_LINE = 0.064, 0.036, 0.038, 0.031, 0.029
SPLIT = 8  # rules in one column of the guide before it flows into a second


class FramingView(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("framing-view")
        self.workspace = bridge.workspace
        self.guide = guide_or_builtin()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = FitView(self)
        self.text.setObjectName("framing-text")
        self.text.setAccessibleName("Framing: the question, ground rules and language guide")
        self.text.valign = 0.3
        layout.addWidget(self.text)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if Part.SESSION in parts:
            self.refresh()

    @property
    def question_text(self) -> str:
        return self.workspace.session.framing_question

    def rule_texts(self) -> list[str]:
        return list(self.guide.ground_rules)

    def guide_titles(self) -> list[str]:
        return [rule.title for rule in self.guide.rules]

    def bands(self) -> list[Band]:
        def px(fraction: float) -> float:
            return float(shared_px(self, fraction, minimum=1))

        rules = [Para("Ground rules", px(HEADING), bold=True, role="muted")]
        for number, text in enumerate(self.guide.ground_rules, start=1):
            rules.append(
                Para(text, px(RULE), bold=True, marker=str(number), priority=1, gap_before=0.2)
            )
        # A long guide (more than SPLIT rules) flows into a second column rather than losing
        # its examples: the second starts with a blank heading line, so both columns align.
        halves = [self.guide.rules]
        if len(self.guide.rules) > SPLIT:
            middle = (len(self.guide.rules) + 1) // 2
            halves = [self.guide.rules[:middle], self.guide.rules[middle:]]
        columns = [Column(tuple(rules), 5 if len(halves) == 1 else 4)]
        for index, half in enumerate(halves):
            heading = "Language guide" if index == 0 else " "
            guide = [Para(heading, px(HEADING), bold=True, role="muted")]
            for rule in half:
                guide.append(
                    Para(rule.title, px(GUIDE_TITLE), bold=True, priority=2, gap_before=0.3)
                )
                guide.append(Para(rule.short, px(GUIDE_LINE), role="muted", priority=3))
            columns.append(Column(tuple(guide), 6 if len(halves) == 1 else 5))
        question = Para(self.question_text, px(QUESTION), bold=True, center=True)
        return [
            Band((Column((question,)),)),
            Band(tuple(columns), gap_before=px(0.04)),
        ]

    def refresh(self) -> None:
        self.text.set_bands(self.bands())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.layout().setContentsMargins(0, 0, 0, shared_px(self, 0.02, minimum=4))  # type: ignore[union-attr]
        self.refresh()
        super().resizeEvent(event)
