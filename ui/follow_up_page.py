"""The console's Follow-up page: every open action item across all sessions.

Overdue and stalled items (no status change for N days) come first and say so in words, joint
items without a lead are flagged. The items of the open session change status on the Actions
page; this view only reads, so it needs no undo of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.follow_up import DEFAULT_STALLED_DAYS, FollowUpRow, follow_up
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.widgets.record_table import record_table

COLUMNS = [
    "Needs attention",
    "Session",
    "Kind",
    "Action item",
    "Owner / lead",
    "Due",
    "Status",
    "Last change",
]
FLAG_BACKGROUND = "#FDE2E1"


class FollowUpPage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = bridge.workspace
        self.rows: list[FollowUpRow] = []
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Stalled after"))
        self.stalled_days = QSpinBox(minimum=1, maximum=365, value=DEFAULT_STALLED_DAYS)
        self.stalled_days.setObjectName("stalled-days")
        self.stalled_days.setAccessibleName("Stalled after")
        self.stalled_days.setSuffix(" days without a status change")
        controls.addWidget(self.stalled_days)
        self.include_closed = QCheckBox("Also done and dropped items")
        controls.addWidget(self.include_closed)
        controls.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("follow-up-summary")
        controls.addWidget(self.summary)
        self.refresh_button = QPushButton("&Refresh")
        controls.addWidget(self.refresh_button)
        layout.addLayout(controls)
        self.table = record_table(COLUMNS, stretch=3, name="follow-up-table", single=False)
        self.table.setAccessibleName("Open action items to follow up")
        layout.addWidget(self.table)
        self.stalled_days.valueChanged.connect(self.refresh)
        self.include_closed.toggled.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if Part.ACTIONS in parts or Part.SESSION in parts:
            self.refresh()

    def refresh(self) -> None:
        self.rows = follow_up(
            self.workspace.store.all_action_items(),
            today=now_utc().date(),
            stalled_days=self.stalled_days.value(),
            include_closed=self.include_closed.isChecked(),
        )
        self.table.setRowCount(len(self.rows))
        for row, r in enumerate(self.rows):
            item = r.item
            cells = [
                " · ".join(r.flags()),
                f"#{r.session_id} {r.session_title}",
                item.kind.value,
                item.description,
                r.owner or "—",
                item.due.isoformat() if item.due else "—",
                item.status.value,
                f"{r.last_change.astimezone().strftime('%Y-%m-%d')} ({r.days_unchanged} d)",
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if r.flags():
                    cell.setBackground(QBrush(QColor(FLAG_BACKGROUND)))
                if column == 0:
                    cell.setForeground(QBrush(QColor("#9A0000")))
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                cell.setData(Qt.ItemDataRole.ToolTipRole, item.description)
                self.table.setItem(row, column, cell)
        flagged = sum(bool(r.flags()) for r in self.rows)
        self.summary.setText(f"{len(self.rows)} items, {flagged} need attention")
