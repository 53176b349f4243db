"""Shared screen, wrap-up: the closing poll, and what the meeting produced.

Two questions (did you learn something? would you come to another review like this?) as large
yes/no counts with bars, then the action items by verdict and the parking lot's outcome.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from facilitator_app.actions.check import check_item
from facilitator_app.closing_poll import summary
from facilitator_app.model import ActionKind, ActionStatus, ParkedOutcome
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.shared.cards import BODY, SMALL, clear_layout
from ui.shared.fit import Band, Column, Para
from ui.shared.fit_view import FitView
from ui.theme import current, font_px, shared_px

QUESTIONS = (
    ("Did you learn something?", "learned_yes", "learned_no"),
    ("Would you come to another review like this?", "again_yes", "again_no"),
)


class WrapUpSharedView(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = bridge.workspace
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.POLL, Part.ACTIONS, Part.PARKED, Part.ROSTER}:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh()

    def _question(self, text: str, yes: int, no: int) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(text, wordWrap=True)
        title.setFont(font_px(shared_px(self, 0.045), bold=True))
        layout.addWidget(title)
        row = QHBoxLayout()
        counts = QLabel(
            f"<span style='color:{current().ok}'>Yes {yes}</span> &nbsp;&nbsp; "
            f"<span style='color:{current().red}'>No {no}</span>"
        )
        counts.setTextFormat(Qt.TextFormat.RichText)
        counts.setFont(font_px(shared_px(self, 0.06), bold=True))
        row.addWidget(counts)
        bar = QProgressBar()
        bar.setRange(0, max(1, yes + no))
        bar.setValue(yes)
        bar.setTextVisible(False)
        bar.setFixedHeight(shared_px(self, 0.035))
        bar.setStyleSheet(
            f"QProgressBar {{ background: {current().red if yes + no else current().no_answer};"
            " border: none; }"
            f" QProgressBar::chunk {{ background: {current().ok}; }}"
        )
        row.addWidget(bar, 1)
        layout.addLayout(row)
        return block

    def refresh(self) -> None:
        session = self.workspace.session
        clear_layout(self.box)
        poll = summary(session)
        for text, yes, no in QUESTIONS:
            self.box.addWidget(self._question(text, getattr(poll, yes), getattr(poll, no)))
            self.box.addSpacing(shared_px(self, 0.02))
        waiting = f"{len(poll.not_answered)} not answered yet" if poll.not_answered else ""

        items = [a for a in session.actions if a.status is not ActionStatus.DROPPED]
        specific = sum(check_item(a, session).is_specific for a in items)
        joint = [a for a in items if a.kind is ActionKind.JOINT]
        led = sum(bool(a.lead) for a in joint)
        parked = session.parked
        turned = sum(p.outcome is ParkedOutcome.ACTION for p in parked)
        dropped = sum(p.outcome is ParkedOutcome.DROPPED for p in parked)
        lines = [
            f"{len(items)} action items: {specific} specific, {len(items) - specific} vague",
            f"joint items with a lead: {led} of {len(joint)}",
            f"parking lot: {len(parked)} ideas, {turned} became items, {dropped} dropped",
        ]
        # What the meeting produced: laid out to fit what the poll leaves (never cut).
        body = float(shared_px(self, BODY))
        paras = [Para(waiting, shared_px(self, SMALL), bold=True, role="muted")] if waiting else []
        paras += [
            Para(line, body, bold=True, role="muted", priority=1, gap_before=0.6 if i == 0 else 0)
            for i, line in enumerate(lines)
        ]
        summary_view = FitView()
        summary_view.setObjectName("wrapup-summary")
        summary_view.valign = 0.0
        summary_view.set_bands([Band((Column(tuple(paras)),))])
        self.box.addWidget(summary_view, 1)
