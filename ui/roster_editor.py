"""The roster: who attends, for which team, in which role. Edits go through the workspace."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.model import Attendee, Lane, Role
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.widgets.record_table import record_table

COLUMNS = ["Name", "Team", "Role", "Present", "Remote"]
NO_TEAM = "neither team"


class RosterEditor(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.workspace = bridge.workspace
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        add_row = QHBoxLayout()
        self.name_input = QLineEdit(placeholderText="Name of an attendee, then Enter")
        self.name_input.setAccessibleName("New attendee's name")
        self.name_input.setObjectName("attendee-name")
        self.team_input = QComboBox()
        self.team_input.setAccessibleName("New attendee's team")
        self.role_input = QComboBox()
        self.role_input.setAccessibleName("New attendee's role")
        self.add_button = QPushButton("&Add attendee")
        add_row.addWidget(self.name_input, 2)
        add_row.addWidget(self.team_input, 1)
        add_row.addWidget(self.role_input, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)

        self.table = record_table(COLUMNS, stretch=0, single=False)
        self.table.setAccessibleName("Attendees")
        layout.addWidget(self.table)

        remove_row = QHBoxLayout()
        self.remove_button = QPushButton("&Remove selected")
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        layout.addLayout(remove_row)

        for role in Role:
            self.role_input.addItem(role.value, role)
        self.add_button.clicked.connect(self.add_attendee)
        self.name_input.returnPressed.connect(self.add_attendee)
        self.remove_button.clicked.connect(self.remove_selected)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _team_choices(self) -> list[tuple[str, Lane | None]]:
        session = self.workspace.session
        return [(t.name, t.lane) for t in session.teams] + [(NO_TEAM, None)]

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.ROSTER, Part.TEAMS}:
            self.refresh()

    def refresh(self) -> None:
        current = self.team_input.currentIndex()
        self.team_input.clear()
        for label, lane in self._team_choices():
            self.team_input.addItem(label, lane)
        self.team_input.setCurrentIndex(max(0, current))
        attendees = self.workspace.session.attendees
        self.table.setRowCount(len(attendees))
        for row, attendee in enumerate(attendees):
            self._fill_row(row, attendee)
        self._tab_through_rows()

    def _tab_through_rows(self) -> None:
        """Tab reads the table row by row, then goes on to "Remove selected" below it."""
        previous: QWidget = self.table
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                cell = self.table.cellWidget(row, column)
                if cell is not None:
                    QWidget.setTabOrder(previous, cell)
                    previous = cell
        QWidget.setTabOrder(previous, self.remove_button)

    def _fill_row(self, row: int, attendee: Attendee) -> None:
        name = QTableWidgetItem(attendee.name)
        name.setData(Qt.ItemDataRole.UserRole, attendee.id)
        self.table.setItem(row, 0, name)

        team = QComboBox()
        team.setAccessibleName(f"{attendee.name}: team")
        for label, lane in self._team_choices():
            team.addItem(label, lane)
        team.setCurrentIndex(team.findData(attendee.lane))
        team.activated.connect(
            lambda _i, a=attendee, box=team: self._update(a, lane=box.currentData())
        )
        self.table.setCellWidget(row, 1, team)

        role = QComboBox()
        role.setAccessibleName(f"{attendee.name}: role")
        for r in Role:
            role.addItem(r.value, r)
        role.setCurrentIndex(role.findData(attendee.role))
        role.activated.connect(
            lambda _i, a=attendee, box=role: self._update(a, role=box.currentData())
        )
        self.table.setCellWidget(row, 2, role)

        for column, field_name in ((3, "present"), (4, "remote")):
            box = QCheckBox()
            box.setAccessibleName(f"{attendee.name}: {field_name}")
            box.setChecked(bool(getattr(attendee, field_name)))
            box.toggled.connect(
                lambda checked, a=attendee, f=field_name: self._update(a, **{f: checked})
            )
            self.table.setCellWidget(row, column, box)

    def _update(self, attendee: Attendee, **values: object) -> None:
        try:
            self.workspace.update(attendee, f"Edit {attendee.name}", **values)
        except UserError as exc:
            QMessageBox.warning(self, "Cannot change the attendee", exc.message)
            self.refresh()

    def add_attendee(self) -> None:
        name = self.name_input.text().strip()
        if not name:
            self.name_input.setFocus()
            return
        try:
            attendee = Attendee(name, self.role_input.currentData(), self.team_input.currentData())
        except UserError as exc:
            QMessageBox.warning(self, "Cannot add the attendee", exc.message)
            return
        self.workspace.add(attendee, f"Add {attendee.name}")
        self.name_input.clear()
        self.name_input.setFocus()

    def selected_attendees(self) -> list[Attendee]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        attendees = self.workspace.session.attendees
        return [attendees[r] for r in rows if r < len(attendees)]

    def remove_selected(self) -> None:
        for attendee in self.selected_attendees():
            self.workspace.remove(attendee, f"Remove {attendee.name}")
