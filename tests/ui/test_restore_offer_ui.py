"""The start-up question offering the newest backup (issue 16, item 13)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator_app.recovery import restore_offer
from ui.restore_offer import ask_restore

BACKUP = Path("facilitator.db.backups/facilitator-20261206T091500000000Z.db")


def _answer(button_text: str, shot: str | None = None) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        if shot:
            box.grab().save(shot)
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(50, click)


def test_restore_is_the_default_answer_and_keep_going_declines(qtbot) -> None:  # type: ignore[no-untyped-def]
    reason = restore_offer(moved_aside=False, checksum_failures={2}, newest_backup=BACKUP)
    assert reason is not None
    folder = os.environ.get("FACILITATOR_SHOTS")
    _answer("Restore the backup", os.path.join(folder, "restore-offer.png") if folder else None)
    assert ask_restore(reason, BACKUP) is True
    _answer("Keep going without it")
    assert ask_restore(reason, BACKUP) is False
