"""The console's Actions page: the items with their verdicts, the editor, status, parking lot.

Select an item to edit it (Ctrl+S saves; Ctrl+N starts a new one); the verdict of the specific
test updates as you type. Status changes are recorded with their date. The parking lot below
lists the ideas parked during the walk, to turn into items or drop. All of it is undoable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.actions.check import check_item
from facilitator_app.actions.items import accountable, add_action, set_status
from facilitator_app.attribution import added_by_tooltip
from facilitator_app.errors import UserError
from facilitator_app.model import ActionItem, ActionStatus
from facilitator_app.workspace import Part
from ui.action_editor import ActionEditor
from ui.bridge import WorkspaceBridge
from ui.parking_panel import ParkingPanel
from ui.widgets.record_table import record_table

COLUMNS = ["Kind", "Action item", "Owner / lead", "Due", "Status", "Verdict"]


def safe_link(url: str) -> QUrl | None:
    """Only http/https links with a host are opened (re-serialised by QUrl first)."""
    parsed = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    if parsed.isValid() and parsed.scheme() in ("http", "https") and parsed.host():
        return QUrl(parsed.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    return None


class ActionsPage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = bridge.workspace
        self.editing: ActionItem | None = None
        layout = QHBoxLayout(self)
        splitter = QSplitter()
        layout.addWidget(splitter)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        self.table = record_table(COLUMNS, stretch=1, name="actions-table")
        self.table.setAccessibleName("Action items")
        left_box.addWidget(self.table, 3)
        self.parking = ParkingPanel(bridge)
        left_box.addWidget(self.parking, 2)
        splitter.addWidget(left)

        right = QGroupBox("Action item")
        right_box = QVBoxLayout(right)
        self.editor = ActionEditor()
        right_box.addWidget(self.editor)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("&New")
        self.save_button = QPushButton("&Save")
        self.save_button.setObjectName("action-save")
        self.delete_button = QPushButton("Delete")
        self.open_ticket = QPushButton("Open ticket")
        for button in (self.new_button, self.save_button, self.open_ticket):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        right_box.addLayout(buttons)
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("Status"))
        self.status = QComboBox()
        self.status.setObjectName("action-status")
        for status in ActionStatus:
            self.status.addItem(status.value, status)
        status_row.addWidget(self.status, 1)
        right_box.addLayout(status_row)
        self.history = QListWidget()
        self.history.setObjectName("action-history")
        right_box.addWidget(self.history, 1)
        self.message = QLabel()
        self.message.setObjectName("action-message")
        self.message.setWordWrap(True)
        right_box.addWidget(self.message)
        splitter.addWidget(right)
        splitter.setSizes([700, 500])

        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete_current)
        self.open_ticket.clicked.connect(self.open_ticket_link)
        self.status.activated.connect(self._status_chosen)
        self.parking.item_created.connect(self.select_item)
        for key, handler in (("Ctrl+S", self.save), ("Ctrl+N", self.start_new)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(handler)

        bridge.changed.connect(self._on_changed)
        self.editor.set_session(self.workspace.session)
        self.refresh()
        self.start_new()

    # ---- showing ------------------------------------------------------------------------

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.ACTIONS, Part.TEAMS}:
            self.editor.set_session(self.workspace.session)
            self.refresh()
            if self.editing is not None and self.editing not in self.workspace.session.actions:
                self.start_new()  # undone away
            elif self.editing is not None:
                self._show_status(self.editing)

    def refresh(self) -> None:
        session = self.workspace.session
        self.table.blockSignals(True)
        self.table.setRowCount(len(session.actions))
        for row, item in enumerate(session.actions):
            verdict = check_item(item, session)
            badge = (
                "✓ specific"
                if verdict.is_specific
                else ("✗ vague: " + ", ".join(dict.fromkeys(r.short for r in verdict.reasons)))
            )
            cells = [
                item.kind.value,
                item.description,
                accountable(item) or "—",
                item.due.isoformat() if item.due else "—",
                item.status.value,
                badge,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(added_by_tooltip(item.added_by))
                if column == 5:
                    cell.setToolTip("\n".join(r.message for r in verdict.reasons))
                self.table.setItem(row, column, cell)
        if self.editing in session.actions:
            self.table.selectRow(session.actions.index(self.editing))
        self.table.blockSignals(False)

    def _show_status(self, item: ActionItem | None) -> None:
        self.status.setEnabled(item is not None)
        self.delete_button.setEnabled(item is not None)
        self.history.clear()
        if item is None:
            return
        self.status.setCurrentIndex(self.status.findData(item.status))
        for change in reversed(item.history):
            when = change.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.history.addItem(f"{when}  {change.status.value}")

    # ---- selection ----------------------------------------------------------------------

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if rows:
            self.select_item(self.workspace.session.actions[min(rows)])

    def select_item(self, item: ActionItem) -> None:
        self.editing = item
        self.editor.load(item)
        self._show_status(item)
        self.message.clear()
        if item in self.workspace.session.actions:
            self.table.blockSignals(True)
            self.table.selectRow(self.workspace.session.actions.index(item))
            self.table.blockSignals(False)

    def start_new(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.editor.load(None)
        self._show_status(None)
        self.editor.description.setFocus()

    # ---- commands -----------------------------------------------------------------------

    def _try(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except UserError as exc:
            self.message.setText(exc.message)
            return False
        return True

    def save(self) -> None:
        try:
            values = self.editor.values()
        except UserError as exc:
            self.message.setText(exc.message)
            return
        if self.editing is None:
            item = ActionItem(**values)  # type: ignore[arg-type]
            if self._try(lambda: add_action(self.workspace, item)):
                self.select_item(item)
                self.message.setText("Added.")
        else:
            editing = self.editing
            if self._try(lambda: self.workspace.update(editing, "Edit action item", **values)):
                self.message.setText("Saved.")

    def delete_current(self) -> None:
        if self.editing is not None:
            self.workspace.remove(self.editing, "Delete action item")

    def _status_chosen(self, index: int) -> None:
        if self.editing is not None:
            set_status(self.workspace, self.editing, self.status.itemData(index))

    def open_ticket_link(self) -> None:
        link = safe_link(self.editor.ticket.text())
        if link is None:
            QMessageBox.information(
                self, "Ticket link", "Only http and https links with a host are opened."
            )
            return
        QDesktopServices.openUrl(link)
