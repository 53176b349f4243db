"""The action-item form: every field of an item, with the specific test's verdict as you type.

The form holds no state of its own beyond what is typed: `spec()` turns the fields into what the
checker reads, `values()` into model fields for saving (or a UserError naming the field). The
page decides whether that is a new item or an edit.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from facilitator_app.actions.check import ActionSpec, Verdict, check_action
from facilitator_app.actions.check.dates import resolve_due
from facilitator_app.errors import UserError
from facilitator_app.model import ActionItem, ActionKind, Lane, Session
from facilitator_app.timeutil import now_utc
from ui.theme import OK_GREEN, RED

KIND_LABELS = {
    ActionKind.TEAM: "Team (one owning team, an owner)",
    ActionKind.JOINT: "Joint (both teams, one lead)",
    ActionKind.PROCESS: "Process (how the teams work together)",
}


class ActionEditor(QWidget):
    edited = Signal()  # any field changed (the verdict is already refreshed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.setObjectName("action-kind")
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.description = QPlainTextEdit()
        self.description.setObjectName("action-description")
        self.description.setPlaceholderText("What will exist, or which number will change")
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.team = QComboBox()
        self.team.setObjectName("action-team")
        self.owner = QLineEdit(placeholderText="a person or a role")
        self.owner.setObjectName("action-owner")
        self.lead = QLineEdit(placeholderText="one designated lead (joint items)")
        self.lead.setObjectName("action-lead")
        self.due = QLineEdit(placeholderText="YYYY-MM-DD")
        self.due.setObjectName("action-due")
        self.test = QLineEdit(placeholderText="How will we know it is done?")
        self.test.setObjectName("action-test")
        self.ticket = QLineEdit(placeholderText="https://tracker.example/PROJ-123")
        self.ticket.setObjectName("action-ticket")
        self.verdict = QLabel()
        self.verdict.setObjectName("action-verdict")
        self.verdict.setWordWrap(True)
        form.addRow("&Kind", self.kind)
        form.addRow("&Description", self.description)
        form.addRow("Owning &team", self.team)
        form.addRow("&Owner", self.owner)
        form.addRow("&Lead", self.lead)
        form.addRow("D&ue", self.due)
        form.addRow("Test of do&ne", self.test)
        form.addRow("Tic&ket link", self.ticket)
        form.addRow("Verdict", self.verdict)
        self.session: Session | None = None
        self.created: date | None = None
        self.kind.currentIndexChanged.connect(self._changed)
        self.description.textChanged.connect(self._changed)
        self.team.currentIndexChanged.connect(self._changed)
        for line in (self.owner, self.lead, self.due, self.test, self.ticket):
            line.textChanged.connect(self._changed)

    # ---- filling ------------------------------------------------------------------------

    def set_session(self, session: Session) -> None:
        self.session = session
        chosen = self.team.currentData()
        self.team.blockSignals(True)
        self.team.clear()
        self.team.addItem("—", None)
        for team in session.teams:
            self.team.addItem(team.name, team.lane)
        index = self.team.findData(chosen)
        self.team.setCurrentIndex(max(0, index))
        self.team.blockSignals(False)

    def load(self, item: ActionItem | None) -> None:
        """Show an item's fields (None: an empty form for a new item)."""
        widgets = (
            self.kind,
            self.description,
            self.team,
            self.owner,
            self.lead,
            self.due,
            self.test,
            self.ticket,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(item.kind if item else ActionKind.TEAM))
        self.description.setPlainText(item.description if item else "")
        self.team.setCurrentIndex(max(0, self.team.findData(item.lane if item else None)))
        self.owner.setText(item.owner if item else "")
        self.lead.setText(item.lead if item else "")
        self.due.setText(item.due.isoformat() if item and item.due else "")
        self.test.setText(item.test_of_done if item else "")
        self.ticket.setText(item.ticket_url if item else "")
        self.created = item.history[0].changed_at.date() if item and item.history else None
        for widget in widgets:
            widget.blockSignals(False)
        self.refresh_verdict()

    # ---- reading ------------------------------------------------------------------------

    def spec(self) -> ActionSpec:
        return ActionSpec(
            self.description.toPlainText(),
            self.kind.currentData(),
            self.owner.text(),
            self.lead.text(),
            self.due.text(),
            self.test.text(),
            self.created,
        )

    def current_verdict(self) -> Verdict:
        teams = [t.name for t in self.session.teams] if self.session else []
        return check_action(self.spec(), team_names=teams)

    def values(self) -> dict[str, object]:
        """The model fields typed in, or UserError naming the field that cannot be stored."""
        due_text = self.due.text().strip()
        due = resolve_due(due_text, self.created or now_utc().date()) if due_text else None
        if due_text and due is None:
            raise UserError(
                "must be a calendar date (YYYY-MM-DD), a day like 'next Friday', or empty",
                field="due",
            )
        ticket = self.ticket.text().strip()
        if ticket and not ticket.lower().startswith(("http://", "https://")):
            raise UserError("must be an http or https link", field="ticket link")
        kind: ActionKind = self.kind.currentData()
        return {
            "kind": kind,
            "description": self.description.toPlainText(),
            "lane": self.team.currentData() if kind is ActionKind.TEAM else None,
            "owner": self.owner.text(),
            "lead": self.lead.text(),
            "due": due,
            "test_of_done": self.test.text(),
            "ticket_url": ticket,
        }

    def lane(self) -> Lane | None:
        value = self.team.currentData()
        return value if isinstance(value, Lane) else None

    # ---- verdict ------------------------------------------------------------------------

    def _changed(self) -> None:
        self.refresh_verdict()
        self.edited.emit()

    def refresh_verdict(self) -> None:
        self.team.setEnabled(self.kind.currentData() is ActionKind.TEAM)
        if not self.description.toPlainText().strip():
            self.verdict.setText("Type a description to see the verdict.")
            return
        verdict = self.current_verdict()
        if verdict.is_specific:
            self.verdict.setText(
                f"<b style='color:{OK_GREEN}'>✓ SPECIFIC</b> — it has an "
                "outcome, one accountable person and a date."
                + "".join(
                    f"<br>{escape(note)}" for note in verdict.notes
                )  # "due 'next Friday' is …"
            )
            return
        reasons = "".join(f"<li>{escape(r.message)}</li>" for r in verdict.reasons)
        self.verdict.setText(
            f"<b style='color:{RED}'>✗ VAGUE</b><ul style='margin:0'>{reasons}</ul>"
        )
