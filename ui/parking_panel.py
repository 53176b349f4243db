"""The parking lot on the console: ideas parked during the walk, reviewed in the action phase.

Type an idea and press Enter to park it with the event on screen (the `K` hotkey does the same
through `facilitator_app.parking.park_idea`). Each parked idea becomes an action item of the
chosen kind or is dropped; a dropped idea can be put back. Every step is undoable.
"""

from __future__ import annotations

from datetime import UTC, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.attribution import added_by_tooltip
from facilitator_app.errors import UserError
from facilitator_app.model import ActionItem, ActionKind, ParkedIdea, ParkedOutcome
from facilitator_app.parking import drop_idea, idea_to_action, park_idea, reopen_idea
from facilitator_app.timeline.importing.times import resolve_zone
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge

OUTCOME_WORDS = {
    ParkedOutcome.PARKED: "parked",
    ParkedOutcome.ACTION: "→ action item",
    ParkedOutcome.DROPPED: "dropped",
}


class ParkingPanel(QGroupBox):
    item_created = Signal(object)  # the ActionItem an idea became

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__("Parking lot", parent)
        self.workspace = bridge.workspace
        layout = QVBoxLayout(self)
        self.input = QLineEdit(placeholderText="Park an idea (with the current event), Enter")
        self.input.setObjectName("park-text")
        layout.addWidget(self.input)
        self.list = QListWidget()
        self.list.setObjectName("parked-ideas")
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.kind = QComboBox()
        for kind in ActionKind:
            self.kind.addItem(f"as a {kind.value} item", kind)
        self.to_action = QPushButton("Make action item")
        self.drop = QPushButton("Drop")
        self.back = QPushButton("Put back")
        row.addWidget(self.kind)
        row.addWidget(self.to_action)
        row.addStretch(1)
        row.addWidget(self.drop)
        row.addWidget(self.back)
        layout.addLayout(row)
        self.input.returnPressed.connect(self.park_typed)
        self.to_action.clicked.connect(self.make_action)
        self.drop.clicked.connect(self.drop_selected)
        self.back.clicked.connect(self.put_back)
        self.list.currentRowChanged.connect(self._enable)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.PARKED, Part.TIMELINE}:
            self.refresh()

    def _display_zone(self) -> tzinfo:
        """The zone the timeline shows times in, so a parked idea's time matches the lanes."""
        try:
            return resolve_zone(self.workspace.display_zone) or UTC
        except UserError:
            return UTC

    def refresh(self) -> None:
        session = self.workspace.session
        events = {e.id: e for e in session.events}
        row = self.list.currentRow()
        self.list.clear()
        zone = self._display_zone()
        for idea in session.parked:
            event = events.get(idea.event_id)
            at = (
                f" (at {event.occurred_at.astimezone(zone).strftime('%H:%M')}"
                f" {event.description[:40]})"
                if event
                else ""
            )
            item = QListWidgetItem(f"[{OUTCOME_WORDS[idea.outcome]}] {idea.text}{at}")
            item.setData(Qt.ItemDataRole.UserRole, idea.id)
            item.setToolTip(added_by_tooltip(idea.added_by))
            self.list.addItem(item)
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._enable()

    def selected(self) -> ParkedIdea | None:
        row = self.list.currentRow()
        parked = self.workspace.session.parked
        return parked[row] if 0 <= row < len(parked) else None

    def _enable(self) -> None:
        idea = self.selected()
        is_parked = idea is not None and idea.outcome is ParkedOutcome.PARKED
        self.to_action.setEnabled(is_parked)
        self.drop.setEnabled(is_parked)
        self.back.setEnabled(idea is not None and idea.outcome is ParkedOutcome.DROPPED)

    def park_typed(self) -> None:
        text = self.input.text().strip()
        if text:
            park_idea(self.workspace, text)
            self.input.clear()

    def make_action(self) -> ActionItem | None:
        idea = self.selected()
        if idea is None:
            return None
        try:
            item = idea_to_action(self.workspace, idea, kind=self.kind.currentData())
        except UserError:
            return None
        self.item_created.emit(item)
        return item

    def drop_selected(self) -> None:
        idea = self.selected()
        if idea is not None and idea.outcome is ParkedOutcome.PARKED:
            drop_idea(self.workspace, idea)

    def put_back(self) -> None:
        idea = self.selected()
        if idea is not None:
            reopen_idea(self.workspace, idea)
