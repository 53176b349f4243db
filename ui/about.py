"""Help → About (versions, the database and its schema; copy for a bug report) and
Help → Show data folder (opens the folder that holds the database in the file manager)."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.about import about_facts, as_text
from facilitator_app.store import SessionStore
from ui.icon import app_icon


class AboutDialog(QDialog):
    def __init__(self, store: SessionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Postmortem Facilitator")
        self.facts = about_facts(store, qt_version=qVersion(), pyside_version=PySide6.__version__)
        layout = QVBoxLayout(self)
        heading = QLabel("<b>Postmortem Facilitator</b>")
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(48, 48))
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(heading, 1)
        layout.addLayout(top)
        summary = QLabel("A blameless two-team postmortem on a projected screen. MIT licence.")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        for label, value in self.facts:
            text = QLabel(value)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleName(label)
            form.addRow(f"{label}:", text)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy to clipboard")
        self.copy_button.setAccessibleDescription("Copies these lines for a bug report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(as_text(self.facts))
        self.copy_button.setText("Copied")


def show_data_folder(store: SessionStore) -> bool:
    """Open the database's folder in the desktop's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(store.path.parent)))


def open_about(store: SessionStore, parent: QWidget | None) -> None:
    AboutDialog(store, parent).exec()
