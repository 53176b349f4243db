"""A banner on the console while meeting changes wait for disk space (issue 16).

The store keeps the meeting's writes in memory when the disk is full (storage/pending_writes.py)
and the clock goes on; the facilitator must still know, to free some space. Once a second the
banner asks the store for its warning and, while the clock is paused (no checkpoint ticks to
retry with), asks it to retry. The banner only shows what the store says.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from facilitator_app.store import SessionStore

POLL_MS = 1000
STYLE = "QLabel { background: #B00020; color: white; font-weight: bold; padding: 4px 8px; }"


class StorageBanner(QLabel):
    def __init__(self, controller: Any) -> None:
        super().__init__()
        self.controller = controller
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def refresh(self) -> None:
        store: SessionStore = self.controller.workspace.store
        warning = store.storage_warning
        if warning:
            store.retry_pending()
            warning = store.storage_warning
        if warning:
            self.setText(f"⚠ {warning}")
            self.show()
        else:
            self.hide()


def install(controller: Any) -> None:
    """Deferred window hook (ui/registry.py): the banner above the console's tabs."""
    banner = StorageBanner(controller)
    controller.console.statusBar().insertPermanentWidget(0, banner, 1)
    controller.storage_banner = banner
