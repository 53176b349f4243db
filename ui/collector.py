"""Garbage collection at chosen points on the GUI thread (the policy: `facilitator_app.collection`).

With automatic collection off, cycles are freed here: every `INTERVAL_MS`, and soon after a
dialog loses the keyboard focus (closing leaves its widgets as garbage at once; a signal, not an
event filter on every event). Always on the GUI thread, so a Qt object in a
cycle is destroyed where Qt requires it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

INTERVAL_MS = 60_000
AFTER_DIALOG_MS = 1_000


class GuiThreadCollector(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("gui-thread-collector")
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_DIALOG_MS)
        self._soon.timeout.connect(self.collect)
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        left = old.window() if old is not None else None
        if isinstance(left, QDialog) and (new is None or new.window() is not left):
            self._soon.start()  # a dialog closed (or went behind): collect in a moment

    def collect(self) -> None:
        gc.collect()
        self.collections += 1
