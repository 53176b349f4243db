"""The room's two small dialogs: where to listen when joining starts, and editing a proposal
before accepting it. Each has an `ask()` classmethod returning the answer or None, so tests
replace it instead of clicking through a modal loop."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.room import Proposal
from facilitator_app.room.address import LOOPBACK, default_route_address

# Proposal values a facilitator may reword before accepting: the words, never the ids, times
# or owners the room's rules validated (those are re-checked by the core on accept anyway).
EDITABLE = {
    "saw": "What the team saw",
    "description": "Description",
    "text": "Text",
    "note": "What crossed between the systems",
    "actor": "Actor",
    "test": "Test of done",
    "lead": "Designated lead",
    "owner": "Owner",
}
LONG = {"saw", "description", "text"}


class StartRoomDialog(QDialog):
    """Where the room's page listens: this machine's network address (phones on the meeting
    room's network reach it) or loopback (this computer only), and a port (0: any free)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Let the room join")
        network = default_route_address()
        self.interface = QComboBox()
        self.interface.setObjectName("room-interface")
        self.interface.addItem(f"The room's network ({network})", network)
        self.interface.addItem(f"This computer only ({LOOPBACK})", LOOPBACK)
        self.port = QSpinBox(minimum=0, maximum=65535)
        self.port.setObjectName("room-port")
        self.port.setSpecialValueText("any free port")
        form = QFormLayout()
        form.addRow("Listen on", self.interface)
        form.addRow("Port", self.port)
        note = QLabel(
            "Participants open the address shown on the shared screen, or scan its code. "
            "Nothing they send reaches the session until you accept it."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Let the room join")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, int]:
        return str(self.interface.currentData()), self.port.value()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[str, int] | None:
        dialog = cls(parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class EditProposalDialog(QDialog):
    """The proposal's words, editable; accepting writes them as the facilitator left them."""

    def __init__(self, proposal: Proposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit, then accept: {proposal.kind.value} from {proposal.author}")
        self.proposal = proposal
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for name, label in EDITABLE.items():
            value = proposal.values.get(name)
            if not isinstance(value, str):
                continue
            field: QLineEdit | QPlainTextEdit
            if name in LONG:
                field = QPlainTextEdit(value)
                field.setTabChangesFocus(True)
            else:
                field = QLineEdit(value)
            field.setObjectName(f"room-edit-{name}")
            self.fields[name] = field
            form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Accept")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def edits(self) -> dict[str, Any]:
        """Only what changed (the core re-checks every edited value)."""
        out: dict[str, Any] = {}
        for name, field in self.fields.items():
            text = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
            if text != self.proposal.values.get(name):
                out[name] = text
        return out

    @classmethod
    def ask(cls, proposal: Proposal, parent: QWidget | None = None) -> dict[str, Any] | None:
        dialog = cls(proposal, parent)
        return dialog.edits() if dialog.exec() == QDialog.DialogCode.Accepted else None
