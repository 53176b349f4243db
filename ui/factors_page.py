"""The console's Factors page: add factors fast, link them to events, and enter dot votes.

Typing a factor and pressing Enter adds it (Ctrl+1 / Ctrl+2 / Ctrl+3 pick team A, the
interaction, team B first); Ctrl+Enter adds it linked to the event on screen (the event's own
text when the field is empty). The dot entry on the right takes one key per dot; the voter list
shows who has not voted yet. Every edit goes through the workspace and can be undone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.attribution import added_by_tooltip
from facilitator_app.errors import UserError
from facilitator_app.factors import (
    add_factor,
    add_factor_from_current_event,
    current_event,
    owner_label,
)
from facilitator_app.model import ContributingFactor, FactorOwner
from facilitator_app.voting import ranking, set_voting_options, voter_statuses, votes_in
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.dot_entry import DotEntry
from ui.widgets.record_table import record_table

COLUMNS = ["#", "Factor", "Owner", "Votes", "Score", "Rank", "Events"]
OWNERS = (FactorOwner.A, FactorOwner.INTERACTION, FactorOwner.B)


class FactorsPage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = bridge.workspace
        layout = QHBoxLayout(self)

        left = QVBoxLayout()
        add_row = QHBoxLayout()
        self.text_input = QLineEdit(placeholderText="A contributing factor, then Enter")
        self.text_input.setAccessibleName("New contributing factor")
        self.text_input.setObjectName("factor-text")
        self.owner_input = QComboBox()
        self.owner_input.setObjectName("factor-owner")
        self.add_button = QPushButton("&Add")
        self.from_event_button = QPushButton("From current &event")
        self.from_event_button.setToolTip("Ctrl+Enter: add it linked to the event on screen")
        add_row.addWidget(self.text_input, 3)
        add_row.addWidget(self.owner_input, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.from_event_button)
        left.addLayout(add_row)

        self.table = record_table(
            COLUMNS, stretch=1, name="factors-table", single=False, editable=True
        )
        self.table.setAccessibleName("Contributing factors")
        left.addWidget(self.table)
        buttons = QHBoxLayout()
        self.link_button = QPushButton("&Link current event")
        self.delete_button = QPushButton("&Delete factor")
        buttons.addWidget(self.link_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        layout.addLayout(left, 3)

        voting = QGroupBox("Dot voting")
        right = QVBoxLayout(voting)
        options = QFormLayout()
        self.dots_input = QSpinBox(minimum=1, maximum=20)
        self.dots_input.setObjectName("dots-per-attendee")
        self.equal_input = QCheckBox("Weigh both teams equally, whatever their head-count")
        self.equal_input.setObjectName("equal-team-weighting")
        options.addRow("Dots per attendee", self.dots_input)
        options.addRow(self.equal_input)
        right.addLayout(options)
        self.entry = DotEntry(self.workspace)
        right.addWidget(self.entry)
        self.voter_list = QListWidget()
        self.voter_list.setObjectName("voters")
        right.addWidget(self.voter_list, 1)
        self.waiting = QLabel()
        self.waiting.setObjectName("not-voted")
        self.waiting.setWordWrap(True)
        right.addWidget(self.waiting)
        self.status = QLabel()
        self.status.setObjectName("factors-status")
        right.addWidget(self.status)
        layout.addWidget(voting, 2)

        self.text_input.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)
        self.from_event_button.clicked.connect(self.add_from_event)
        self.link_button.clicked.connect(self.link_current_event)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.itemChanged.connect(self._text_edited)
        self.dots_input.editingFinished.connect(self._dots_changed)
        self.equal_input.toggled.connect(self._equal_changed)
        self.voter_list.itemActivated.connect(self._voter_chosen)
        self.voter_list.itemClicked.connect(self._voter_chosen)
        self.entry.message.connect(self.status.setText)
        self.entry.voter_changed.connect(self.refresh)
        for key, owner in (("Ctrl+1", 0), ("Ctrl+2", 1), ("Ctrl+3", 2)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda index=owner: self.owner_input.setCurrentIndex(index))
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self.text_input)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.add_from_event)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        bridge.changed.connect(self._on_changed)
        self.refresh()

    # ---- showing ------------------------------------------------------------------------

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {
            Part.FACTORS,
            Part.ROSTER,
            Part.TEAMS,
            Part.SESSION,
            Part.CURRENT_EVENT,
            Part.TIMELINE,
        }:
            self.refresh()

    def refresh(self) -> None:
        session = self.workspace.session
        chosen = self.owner_input.currentIndex()
        self.owner_input.blockSignals(True)
        self.owner_input.clear()
        for owner in OWNERS:
            self.owner_input.addItem(owner_label(session, owner), owner)
        self.owner_input.setCurrentIndex(max(0, chosen))
        self.owner_input.blockSignals(False)

        ranks = {id(r.factor): r for r in ranking(session)}
        self.table.blockSignals(True)
        self.table.setRowCount(len(session.factors))
        for row, factor in enumerate(session.factors):
            r = ranks[id(factor)]
            cells = [
                str(row + 1),
                factor.text,
                owner_label(session, factor.owner),
                str(factor.votes),
                f"{r.score:g}",
                str(r.rank),
                str(len(factor.event_ids)),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(added_by_tooltip(factor.added_by))
                if column != 1:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)

        self.dots_input.setValue(session.dots_per_attendee)
        self.equal_input.blockSignals(True)
        self.equal_input.setChecked(session.equal_team_weighting)
        self.equal_input.blockSignals(False)
        self.from_event_button.setEnabled(current_event(self.workspace) is not None)
        self.link_button.setEnabled(current_event(self.workspace) is not None)

        self.entry.refresh()
        statuses = voter_statuses(session)
        if self.voter_list.count() != len(statuses):  # rebuilt only when the roster changed
            self.voter_list.clear()
            for _ in statuses:
                self.voter_list.addItem(QListWidgetItem())
        for row, s in enumerate(statuses):
            team = session.team(s.attendee.lane).name if s.attendee.lane else ""
            mark = "✓ done" if s.done else ("not voted" if not s.has_voted else f"{s.left} left")
            current = "▶ " if s.attendee.id == self.entry.voter_id else ""
            entry = self.voter_list.item(row)
            entry.setText(f"{current}{s.attendee.name} ({team}) — {s.used}/{s.allowed} · {mark}")
            entry.setData(Qt.ItemDataRole.UserRole, s.attendee.id)
        waiting = [a.name for a in votes_in(session).waiting]
        self.waiting.setText("Not voted yet: " + (", ".join(waiting) if waiting else "nobody"))

    # ---- editing ------------------------------------------------------------------------

    def _owner(self) -> FactorOwner:
        return FactorOwner(self.owner_input.currentData() or FactorOwner.INTERACTION)

    def _try(self, action: object) -> bool:
        try:
            action()  # type: ignore[operator]
        except UserError as exc:
            QMessageBox.warning(self, "Contributing factors", exc.message)
            return False
        return True

    def add_typed(self) -> None:
        text = self.text_input.text().strip()
        if text and self._try(lambda: add_factor(self.workspace, text, self._owner())):
            self.text_input.clear()

    def add_from_event(self) -> None:
        text = self.text_input.text().strip()
        owner = self._owner() if text else None
        if self._try(lambda: add_factor_from_current_event(self.workspace, text, owner)):
            self.text_input.clear()

    def selected_factors(self) -> list[ContributingFactor]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [
            self.workspace.session.factors[r]
            for r in rows
            if r < len(self.workspace.session.factors)
        ]

    def link_current_event(self) -> None:
        from facilitator_app.factors import link_event

        event = current_event(self.workspace)
        if event is None or event.id is None:
            return
        for factor in self.selected_factors():
            link_event(self.workspace, factor, event.id)

    def delete_selected(self) -> None:
        for factor in self.selected_factors():
            self.workspace.remove(factor, "Delete contributing factor")

    def _text_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != 1 or item.row() >= len(self.workspace.session.factors):
            return
        factor = self.workspace.session.factors[item.row()]
        edit = lambda: self.workspace.update(factor, "Edit factor", text=item.text())  # noqa: E731
        if item.text().strip() != factor.text and not self._try(edit):
            self.refresh()

    def _dots_changed(self) -> None:
        if self.dots_input.value() != self.workspace.session.dots_per_attendee:
            set_voting_options(self.workspace, dots_per_attendee=self.dots_input.value())

    def _equal_changed(self, checked: bool) -> None:
        set_voting_options(self.workspace, equal_team_weighting=checked)

    def _voter_chosen(self, item: QListWidgetItem) -> None:
        self.entry.choose_voter(item.data(Qt.ItemDataRole.UserRole))
        self.entry.setFocus()
