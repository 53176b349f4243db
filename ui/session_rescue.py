"""The session list, shown with the reason when the session to open cannot be opened.

A session whose stored values break the model (imported by an older version, damaged by another
tool) used to end the app at every start, since the app reopens the last session. Now the
facilitator sees why, and picks another session or starts a new one; the rule of what to try
next lives in `facilitator_app.session_choice.open_or_ask`.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QWidget

from facilitator_app.session_choice import NEW_SESSION
from facilitator_app.store import SessionSummary
from ui.session_dialogs import SessionListDialog


class SessionRescueDialog(SessionListDialog):
    def __init__(
        self, sessions: list[SessionSummary], reason: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(sessions, parent)
        self.setWindowTitle("This session cannot be opened")
        self.reason = QLabel(
            f"<b>The session could not be opened.</b><br>{_escape(reason)}<br><br>"
            "Open another session, or start a new one."
        )
        self.reason.setWordWrap(True)
        layout = self.layout()
        assert layout is not None
        layout.insertWidget(0, self.reason)  # type: ignore[attr-defined]
        buttons = self.findChild(QDialogButtonBox)
        assert buttons is not None
        new = buttons.addButton("New session", QDialogButtonBox.ButtonRole.ActionRole)
        new.clicked.connect(lambda: self.done(2))
        self.new_session = new

    @classmethod
    def ask_with_reason(cls, sessions: list[SessionSummary], reason: str) -> int | None:
        dialog = cls(sessions, reason)
        code = dialog.exec()
        if code == 2:
            return NEW_SESSION
        if code == QDialog.DialogCode.Accepted:
            return dialog.selected_id()
        return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ask_for_another_session(sessions: list[SessionSummary], reason: str) -> int | None:
    """For `open_or_ask`: needs a QApplication, made here if the app has none yet."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    return SessionRescueDialog.ask_with_reason(sessions, reason)
