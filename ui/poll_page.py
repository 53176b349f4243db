"""The console's Wrap-up page: the closing poll, entered per attendee or as counts.

Per attendee: select a row, then `Y` / `N` answer "did you learn something?" and then "would
you come again?", after which the next attendee comes up; `0` clears the row. As counts: the
four numbers, or `+1` buttons for a show of hands. Per-attendee answers add to the counts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app import closing_poll
from facilitator_app.errors import UserError
from facilitator_app.model import Attendee, PollAnswer
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge

COLUMNS = ["Attendee", "Team", "Learned something?", "Would come again?"]
QUESTIONS = (
    ("learned_yes", "learned_no", "Learned something"),
    ("again_yes", "again_no", "Would come again"),
)


def _word(value: bool | None) -> str:
    return "—" if value is None else ("Yes" if value else "No")


class ClosingPollPage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = bridge.workspace
        self.attendees: list[Attendee] = []
        layout = QHBoxLayout(self)

        people = QGroupBox("Per attendee: select a row, then Y / N (twice), 0 clears")
        people_box = QVBoxLayout(people)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("poll-table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.installEventFilter(self)
        people_box.addWidget(self.table)
        layout.addWidget(people, 3)

        counts = QGroupBox("Counts (a show of hands adds here)")
        grid = QGridLayout(counts)
        self.spins: dict[str, QSpinBox] = {}
        for row, (yes, no, title) in enumerate(QUESTIONS):
            grid.addWidget(QLabel(f"<b>{title}</b>"), row * 2, 0, 1, 3)
            for column, (name, word) in enumerate(((yes, "Yes"), (no, "No"))):
                spin = QSpinBox(minimum=0, maximum=999)
                spin.setObjectName(f"poll-{name}")
                spin.setPrefix(f"{word}: ")
                spin.editingFinished.connect(lambda n=name, s=spin: self._set_count(n, s))
                plus = QPushButton("+1")
                plus.setObjectName(f"poll-plus-{name}")
                plus.clicked.connect(lambda _=False, n=name: self._bump(n))
                cell = QHBoxLayout()
                cell.addWidget(spin)
                cell.addWidget(plus)
                grid.addLayout(cell, row * 2 + 1, column)
                self.spins[name] = spin
        self.summary = QLabel()
        self.summary.setObjectName("poll-summary")
        self.summary.setWordWrap(True)
        grid.addWidget(self.summary, 4, 0, 1, 2)
        grid.setRowStretch(5, 1)
        layout.addWidget(counts, 2)

        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.POLL, Part.ROSTER, Part.TEAMS}:
            self.refresh()

    def refresh(self) -> None:
        session = self.workspace.session
        self.attendees = [a for a in session.attendees if a.lane is not None and a.present]
        row = self.table.currentRow()
        self.table.setRowCount(len(self.attendees))
        for r, attendee in enumerate(self.attendees):
            answer = session.poll.answers.get(attendee.id or 0, PollAnswer())
            team = session.team(attendee.lane).name if attendee.lane else ""
            for column, text in enumerate(
                (attendee.name, team, _word(answer.learned), _word(answer.again))
            ):
                self.table.setItem(r, column, QTableWidgetItem(text))
        if self.attendees:
            self.table.selectRow(min(max(row, 0), len(self.attendees) - 1))
        for name, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(getattr(session.poll, name))
            spin.blockSignals(False)
        s = closing_poll.summary(session)
        waiting = ", ".join(a.name for a in s.not_answered) or "nobody"
        self.summary.setText(
            f"Learned something: {s.learned_yes} yes, {s.learned_no} no. "
            f"Would come again: {s.again_yes} yes, {s.again_no} no.\n"
            f"No answer recorded for: {waiting}"
        )

    # ---- entry --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Y, Qt.Key.Key_N):
                self.answer(key == Qt.Key.Key_Y)
                return True
            if key in (Qt.Key.Key_0, Qt.Key.Key_Delete):
                self.clear_row()
                return True
        return super().eventFilter(watched, event)

    def _current(self) -> Attendee | None:
        row = self.table.currentRow()
        return self.attendees[row] if 0 <= row < len(self.attendees) else None

    def answer(self, value: bool) -> None:
        """Answer the first open question of the selected attendee; then move on."""
        attendee = self._current()
        if attendee is None or attendee.id is None:
            return
        row = self.table.currentRow()
        old = self.workspace.session.poll.answers.get(attendee.id, PollAnswer())
        if old.learned is None:
            closing_poll.record_answer(self.workspace, attendee.id, learned=value)
        else:
            closing_poll.record_answer(self.workspace, attendee.id, again=value)
            if old.again is None and row + 1 < len(self.attendees):
                self.table.selectRow(row + 1)

    def clear_row(self) -> None:
        attendee = self._current()
        if attendee is not None and attendee.id is not None:
            closing_poll.record_answer(self.workspace, attendee.id, learned=None, again=None)

    def _set_count(self, name: str, spin: QSpinBox) -> None:
        if spin.value() == getattr(self.workspace.session.poll, name):
            return
        try:
            closing_poll.set_counts(self.workspace, **{name: spin.value()})
        except UserError as exc:
            self.summary.setText(exc.message)
            self.refresh()

    def _bump(self, name: str) -> None:
        closing_poll.bump(self.workspace, name)
