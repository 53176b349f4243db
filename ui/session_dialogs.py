"""Dialogs to create a session and to pick one. Each has an `ask()` so tests can replace it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.model import Lane, Session, Team
from facilitator_app.store import SessionSummary
from ui.session_form import SessionFieldsForm, focus_first


class NewSessionDialog(QDialog):
    """Title, teams and times of a new session; the roster is filled on the Setup page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New postmortem session")
        layout = QVBoxLayout(self)
        self.form = SessionFieldsForm()
        self.form.set_values(
            Session("New postmortem", (Team(Lane.A, "Team A"), Team(Lane.B, "Team B")))
        )
        self.form.title.clear()
        self.form.title.setPlaceholderText("e.g. Checkout outage, 10 Nov")
        layout.addWidget(self.form)
        layout.addWidget(QLabel("Add attendees on the Setup page once the session exists."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        focus_first(self.form)
        self.result_session: Session | None = None

    def build_session(self) -> Session:
        teams = self.form.team_values()
        return Session(
            teams=(
                Team(Lane.A, teams[Lane.A][0], teams[Lane.A][1]),
                Team(Lane.B, teams[Lane.B][0], teams[Lane.B][1]),
            ),
            **self.form.values(),
        )

    def accept(self) -> None:
        try:
            self.result_session = self.build_session()
        except UserError as exc:
            QMessageBox.warning(self, "Check the session", exc.message)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> Session | None:
        dialog = cls(parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_session
        return None


class SessionListDialog(QDialog):
    """All stored sessions, newest first; Enter opens the selected one."""

    def __init__(self, sessions: list[SessionSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a session")
        self.resize(720, 420)
        self.sessions = sessions
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(sessions), 4)
        self.table.setHorizontalHeaderLabels(["Title", "Teams", "Incident", "State"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, s in enumerate(sessions):
            when = s.incident_start.strftime("%Y-%m-%d") if s.incident_start else "-"
            for column, text in enumerate((s.title, f"{s.team_a} / {s.team_b}", when, s.state)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if sessions:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.sessions[rows[0].row()].id if rows else None

    @classmethod
    def ask(cls, sessions: list[SessionSummary], parent: QWidget | None = None) -> int | None:
        dialog = cls(sessions, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.selected_id()
        return None
