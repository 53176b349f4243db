"""The welcome on an empty database: start a new session, open the demo, or import a session.

Shown instead of an empty "Untitled" session the first time the app opens (and whenever the
database holds no session). Keyboard first: N, D and I choose, Esc quits; the rule of when it is
shown and what each choice does lives in `facilitator_app.first_run`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.first_run import Start, StartChoice, carry_out
from facilitator_app.model import Session
from facilitator_app.store import SessionStore
from ui.icon import app_icon

CHOICES: list[tuple[StartChoice, str, str, str]] = [
    (
        StartChoice.NEW_SESSION,
        "N",
        "&New session…",
        "Title, the two teams and the time-box; then the roster and the setup checklist.",
    ),
    (
        StartChoice.OPEN_DEMO,
        "D",
        "Open the &demo",
        "A fictional two-team incident to try every key on. Nothing in it is kept.",
    ),
    (
        StartChoice.IMPORT_SESSION,
        "I",
        "&Import a session…",
        "A session JSON another facilitator exported (File formats in the README).",
    ),
]


class WelcomeDialog(QDialog):
    """Three big choices; the chosen session is created in the store before it closes."""

    def __init__(self, store: SessionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.start = Start(StartChoice.QUIT)
        self.opened_id: int | None = None
        self.setWindowTitle("Welcome — Postmortem Facilitator")
        self.setObjectName("welcome")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        header = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        header.addWidget(icon)
        title = QLabel("Postmortem Facilitator")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title, 1)
        layout.addLayout(header)
        intro = QLabel(
            "Run a blameless postmortem between two teams on a projected screen: one shared "
            "timeline, a time-box, a speaking balance, and action items that pass the "
            "specific test. Your sessions are saved on this computer as you go."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(8)
        self.buttons: dict[StartChoice, QPushButton] = {}
        for choice, key, text, description in CHOICES:
            button = QPushButton(text)
            button.setMinimumHeight(48)
            button.setAccessibleName(text.replace("&", ""))
            button.setAccessibleDescription(description)
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
            layout.addWidget(button)
            hint = QLabel(description)
            hint.setWordWrap(True)
            hint.setIndent(12)
            layout.addWidget(hint)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda c=choice: self.choose(c))
            self.buttons[choice] = button
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #B00020;")
        self.error.hide()
        layout.addWidget(self.error)
        quit_hint = QLabel("Esc quits without creating anything.")
        layout.addWidget(quit_hint)
        self.buttons[StartChoice.NEW_SESSION].setDefault(True)
        self.buttons[StartChoice.NEW_SESSION].setFocus()

    # The two questions the choices ask next; replaced in tests.
    def ask_new_session(self) -> Session | None:
        from ui.session_dialogs import NewSessionDialog

        return NewSessionDialog.ask(self)

    def ask_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import a session", str(Path.home()), "Session JSON (*.json);;All files (*)"
        )
        return Path(name) if name else None

    def choose(self, choice: StartChoice) -> None:
        if choice is StartChoice.NEW_SESSION:
            session = self.ask_new_session()
            if session is None:
                return
            start = Start(choice, session=session)
        elif choice is StartChoice.IMPORT_SESSION:
            file = self.ask_file()
            if file is None:
                return
            start = Start(choice, file=file)
        else:
            start = Start(choice)
        try:
            self.opened_id = carry_out(self.store, start)
        except UserError as exc:
            self.error.setText(f"Could not import: {exc.message}")
            self.error.show()
            return
        self.start = start
        self.accept()

    @classmethod
    def ask(cls, store: SessionStore) -> tuple[StartChoice, int | None]:
        """The choice and the id of the session it created (None for the demo or quit)."""
        dialog = cls(store)
        dialog.exec()
        return dialog.start.choice, dialog.opened_id
