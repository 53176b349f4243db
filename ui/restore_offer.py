"""The question asked at start when the database or a session is damaged and a backup exists
(the rule is `facilitator_app.recovery.restore_offer`)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox


def ask_restore(reason: str, backup: Path) -> bool:
    """True: put `backup` back. Needs a QApplication, made here if there is none yet."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    box = QMessageBox(QMessageBox.Icon.Warning, "Restore from backup", reason)
    box.setInformativeText(f"Newest backup: {backup.name}")
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Keep going without it", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore
