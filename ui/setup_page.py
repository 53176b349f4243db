"""The console's Setup page: the session's fields, both teams and the roster, all live-saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QMessageBox, QVBoxLayout, QWidget

from facilitator_app.errors import UserError
from facilitator_app.model import Lane
from facilitator_app.workspace import Part
from ui import registry
from ui.bridge import WorkspaceBridge
from ui.roster_editor import RosterEditor
from ui.session_form import SessionFieldsForm


class SetupPage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.workspace = bridge.workspace
        layout = QHBoxLayout(self)
        left = QGroupBox("Session")
        QVBoxLayout(left).addWidget(form := SessionFieldsForm())
        self.form = form
        right = QGroupBox("Roster")
        self.roster = RosterEditor(bridge)
        QVBoxLayout(right).addWidget(self.roster)
        self.extras = QVBoxLayout()  # feature panels (e.g. the setup checklist) go here
        for spec in registry.SETUP_PANELS:
            self.extras.addWidget(registry.load(spec)(bridge))
        right_column = QVBoxLayout()
        right_column.addWidget(right, 3)
        right_column.addLayout(self.extras)
        layout.addWidget(left, 2)
        layout.addLayout(right_column, 3)

        form.edited.connect(self._apply_field)
        form.team_edited.connect(self._apply_team)
        form.impact.installEventFilter(self)
        bridge.changed.connect(self._on_changed)
        form.set_values(self.workspace.session)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form.impact and event.type() == QEvent.Type.FocusOut:
            self.form.commit_impact()
        return super().eventFilter(watched, event)

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.SESSION, Part.TEAMS}:
            self.form.set_values(self.workspace.session)

    def _apply_field(self, name: str, value: Any) -> None:
        if getattr(self.workspace.session, name) == value:
            return
        try:
            self.workspace.set_session_fields(f"Edit {name.replace('_', ' ')}", **{name: value})
        except UserError as exc:
            QMessageBox.warning(self, "Cannot change the session", exc.message)
            self.form.set_values(self.workspace.session)

    def _apply_team(self, lane: Lane, name: str, colour: str) -> None:
        try:
            self.workspace.set_team(lane, name=name.strip(), colour=colour)
        except UserError as exc:
            QMessageBox.warning(self, "Cannot change the team", exc.message)
            self.form.set_values(self.workspace.session)
