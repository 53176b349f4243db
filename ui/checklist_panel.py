"""The setup checklist on the console: what is missing before going live, and how to fix it.

Warnings, never blocks. It refreshes when the session or roster changes, and every minute,
since "24 hours before the start" and "5 business days after the incident" move with the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from facilitator_app.checklist import Check, run_checklist, warnings
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.theme import AMBER, MUTED_TEXT, OK_GREEN

REFRESH_MS = 60_000


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def check_html(check: Check) -> str:
    """One check as rich text: a word and a mark, never colour alone."""
    if check.ok:
        return (
            f"<span style='color:{OK_GREEN}'>✓ OK</span> &nbsp;<b>{_escape(check.title)}</b>"
            f" — {_escape(check.detail)}"
        )
    return (
        f"<span style='color:{AMBER}'><b>⚠ Warning</b></span> &nbsp;"
        f"<b>{_escape(check.title)}</b> — {_escape(check.detail)}.<br>"
        f"<span style='color:{MUTED_TEXT}'>Fix: {_escape(check.fix)}</span>"
    )


class SetupChecklistPanel(QGroupBox):
    def __init__(
        self,
        bridge: WorkspaceBridge,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        super().__init__("Before going live", parent)
        self.setObjectName("setup-checklist")
        self.workspace = bridge.workspace
        self.clock = clock
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("checklist-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.rows: list[QLabel] = []
        self.list = QVBoxLayout()
        layout.addLayout(self.list)
        self.checks: list[Check] = []
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.SESSION, Part.ROSTER, Part.TEAMS}:
            self.refresh()

    def refresh(self) -> None:
        self.checks = run_checklist(self.workspace.session, self.clock())
        found = warnings(self.checks)
        if found:
            self.summary.setText(
                f"<b>{len(found)} warning{'s' if len(found) != 1 else ''}</b> — fix what you "
                "can; nothing here stops the meeting."
            )
        else:
            self.summary.setText("<b>Ready:</b> every check passes.")
        ordered = found + [c for c in self.checks if c.ok]
        while len(self.rows) < len(ordered):
            label = QLabel(wordWrap=True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setObjectName("checklist-row")
            self.list.addWidget(label)
            self.rows.append(label)
        for label, check in zip(self.rows, ordered, strict=False):
            label.setText(check_html(check))
            label.setProperty("checkKey", check.key)
        for label in self.rows[len(ordered) :]:
            label.hide()
