"""The console's Framing page: edit the combined-systems question, see what the room sees.

The question is saved (undoably) when the field loses focus or on Enter. Each rule of the
language guide can be put on the shared screen for a few seconds; `G` does the same for the
relevant rule from anywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.language import user_guide_path
from facilitator_app.model import DEFAULT_FRAMING_QUESTION
from facilitator_app.workspace import Part
from ui.blame import attach_blame_checker, checker_for
from ui.bridge import WorkspaceBridge
from ui.language_guide import bring_guide_to_front, guide_or_builtin, show_rule


class FramingEditor(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("framing-editor")
        self.bridge = bridge
        self.workspace = bridge.workspace
        problems: list[str] = []
        guide = guide_or_builtin(problems.append)
        layout = QVBoxLayout(self)

        question_box = QGroupBox("The framing question on the shared screen")
        form = QFormLayout(question_box)
        self.question = QLineEdit()
        self.question.setObjectName("framing-question-edit")
        self.question.setPlaceholderText(DEFAULT_FRAMING_QUESTION)
        self.question.setMaxLength(300)
        attach_blame_checker(
            self.question, checker_for(self.workspace), self.workspace.note_flagged_rule
        )
        self.default_button = QPushButton("Use the &default question")
        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        row.addWidget(self.default_button)
        label = QLabel("&Question:")
        label.setBuddy(self.question)
        form.addRow(label, row)
        layout.addWidget(question_box)

        rules_box = QGroupBox("Ground rules")
        rules_layout = QVBoxLayout(rules_box)
        for number, text in enumerate(guide.ground_rules, start=1):
            label = QLabel(f"{number}. {text}", wordWrap=True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            rules_layout.addWidget(label)
        layout.addWidget(rules_box)

        guide_box = QGroupBox("Language guide (G shows the relevant rule on the shared screen)")
        grid = QVBoxLayout(guide_box)
        self.show_buttons: dict[str, QPushButton] = {}
        for rule in guide.rules:
            line = QHBoxLayout()
            rule_label = QLabel(
                f"<b>{_escape(rule.title)}</b><br>Instead of: “{_escape(rule.avoid)}”<br>"
                f"Say: {_escape(rule.instead)}",
                wordWrap=True,
            )
            rule_label.setTextFormat(Qt.TextFormat.RichText)
            button = QPushButton("Show")
            button.setToolTip("Show this rule large on the shared screen for a few seconds")
            button.clicked.connect(lambda _=False, r=rule.id: show_rule(self.bridge, r))
            self.show_buttons[rule.id] = button
            line.addWidget(rule_label, 1)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(line)
        self.front_button = QPushButton("Bring the &relevant rule to the front")
        self.front_button.clicked.connect(lambda: bring_guide_to_front(self.bridge))
        grid.addWidget(self.front_button, 0, Qt.AlignmentFlag.AlignLeft)
        path = user_guide_path()
        source = (
            f"Your organisation's guide: {path}"
            if path.exists()
            else f"To adapt the guide for your organisation, put a file at {path}"
        )
        self.source = QLabel(" ".join([*problems, source]), wordWrap=True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.source)
        layout.addWidget(guide_box, 1)

        self.question.editingFinished.connect(self.commit)
        self.default_button.clicked.connect(self.use_default)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if Part.SESSION in parts:
            self.refresh()

    def refresh(self) -> None:
        if not self.question.hasFocus():
            self.question.setText(self.workspace.session.framing_question)

    def commit(self) -> None:
        text = self.question.text().strip() or DEFAULT_FRAMING_QUESTION
        self._save(text)

    def use_default(self) -> None:
        self.question.setText(DEFAULT_FRAMING_QUESTION)
        self._save(DEFAULT_FRAMING_QUESTION)

    def _save(self, text: str) -> None:
        if text == self.workspace.session.framing_question:
            return
        try:
            self.workspace.set_session_fields("Edit framing question", framing_question=text)
        except UserError as exc:
            QMessageBox.warning(self, "Cannot change the question", exc.message)
            self.question.setText(self.workspace.session.framing_question)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
