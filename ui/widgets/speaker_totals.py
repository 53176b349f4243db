"""Per-person speaking totals for the console: each team, its people, the facilitator,
crosstalk and silence, with their time and share. Double-click a person to give them the floor.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from facilitator_app.engine import format_m_ss
from facilitator_app.model import Attendee, Lane, Session
from facilitator_app.speaking_totals import SpeakingTotals
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.meeting.timers import MeetingTimers


@dataclass(frozen=True)
class TotalsRow:
    label: str
    seconds: float
    share: str  # of the whole meeting time
    attendee_id: int | None = None
    heading: bool = False  # a team's or bucket's own total (bold)


def totals_rows(session: Session, totals: SpeakingTotals) -> list[TotalsRow]:
    whole = totals.total

    def share(seconds: float) -> str:
        return "" if whole <= 0 else f"{round(100 * seconds / whole)} %"

    rows: list[TotalsRow] = []
    for lane in Lane:
        team_seconds = totals.team(lane)
        rows.append(
            TotalsRow(session.team(lane).name, team_seconds, share(team_seconds), heading=True)
        )
        people: list[Attendee] = [a for a in session.attendees if a.lane is lane]
        attributed = 0.0
        for person in people:
            seconds = totals.by_attendee.get(person.id or -1, 0.0)
            attributed += seconds
            rows.append(TotalsRow(f"    {person.name}", seconds, share(seconds), person.id))
        if people:
            rest = max(0.0, team_seconds - attributed)
            rows.append(TotalsRow("    (the team, no one named)", rest, share(rest)))
    for label, seconds in (
        ("Facilitator", totals.facilitator),
        ("Crosstalk", totals.crosstalk),
        ("Nobody (silence)", totals.nobody),
    ):
        rows.append(TotalsRow(label, seconds, share(seconds), heading=True))
    return rows


class SpeakerTotals(QTableWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("speaker-totals")
        self.setAccessibleName("Speaking time by team and person")
        self.workspace = bridge.workspace
        self.engine = bridge.workspace.meeting
        self._rows: list[TotalsRow] = []
        self.setHorizontalHeaderLabels(["Who", "Time", "Of the meeting"])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the meeting view
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.cellDoubleClicked.connect(self._give_floor)
        bridge.changed.connect(self._on_changed)
        MeetingTimers.of(bridge).frame.connect(self.refresh)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.SPEAKING, Part.ROSTER, Part.TEAMS, Part.CLOCK}:
            self.refresh()

    def rows(self) -> list[TotalsRow]:
        return list(self._rows)

    def refresh(self) -> None:
        if not self.isVisible() and self._rows:
            return  # a hidden tab costs nothing
        rows = totals_rows(self.workspace.session, self.engine.totals())
        shown = [(r.label, format_m_ss(r.seconds), r.share) for r in rows]
        if shown == [(r.label, format_m_ss(r.seconds), r.share) for r in self._rows]:
            return
        self._rows = rows
        self.setRowCount(len(rows))
        holder = self.engine.holder.attendee_id
        for i, row in enumerate(rows):
            for column, value in enumerate(shown[i]):
                item = self.item(i, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(i, column, item)
                item.setText(value)
                font = QFont(self.font())
                font.setBold(
                    row.heading or (row.attendee_id is not None and row.attendee_id == holder)
                )
                item.setFont(font)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setForeground(QBrush(QColor("#111111")))

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _give_floor(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._rows):
            person = self.workspace.session.attendee(self._rows[row].attendee_id)
            if person is not None:
                self.engine.give_floor_to(person)
