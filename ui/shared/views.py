"""The fallback shared-screen view: the phase, the framing question and the agenda."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator_app.agenda import current_phase
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.theme import font_px, shared_px


class PhaseSummaryView(QWidget):
    """Shown for a phase that has no view of its own: the question and the plan, large."""

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = bridge.workspace
        layout = QVBoxLayout(self)
        self.question = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.agenda = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.agenda.setProperty("role", "muted")
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addSpacing(24)
        layout.addWidget(self.agenda)
        layout.addStretch(2)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.SESSION, Part.PHASES}:
            self.refresh()

    def refresh(self) -> None:
        session = self.workspace.session
        self.question.setText(session.framing_question)
        now = current_phase(session)
        lines = []
        for phase in session.phases:
            marker = "▶ " if phase is now else ""
            lines.append(f"{marker}{phase.title} — {phase.planned_minutes:g} min")
        self.agenda.setText("\n".join(lines))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.question.setFont(font_px(shared_px(self, 0.065), bold=True))
        self.agenda.setFont(font_px(shared_px(self, 0.035)))
        super().resizeEvent(event)
