"""The session's own fields as a form, shared by the setup page and the new-session dialog.

The form holds no truth: `set_values` fills it from a session, and each finished edit is
announced through `edited(name, value)` for the owner to apply (and undo) through the core.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from facilitator_app.model import Lane, Session

SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"]
TIME_FIELDS = ("incident_start", "incident_end", "scheduled_start", "pre_read_sent_at")
NOT_SET = QDateTime(2000, 1, 1, 0, 0, 0)


class OptionalDateTimeEdit(QDateTimeEdit):
    """A local date-time that can also be "not set" (its minimum shows as that text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setMinimumDateTime(NOT_SET)
        self.setSpecialValueText("not set")
        self.setDateTime(NOT_SET)

    def value(self) -> datetime | None:
        if self.dateTime() == self.minimumDateTime():
            return None
        local = self.dateTime().toPython()
        assert isinstance(local, datetime)
        return local.astimezone()  # the machine's local offset, kept as the original offset

    def set_value(self, value: datetime | None) -> None:
        self.blockSignals(True)
        if value is None:
            self.setDateTime(NOT_SET)
        else:
            local = value.astimezone()
            stamp = QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)
            self.setDateTime(stamp)
        self.blockSignals(False)


class ColourButton(QPushButton):
    """Shows a team colour with the team name beside it (never colour alone)."""

    colour_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = "#000000"
        self.clicked.connect(self._choose)

    def set_colour(self, colour: str) -> None:
        self._colour = colour
        self.setText(colour.upper())
        self.setStyleSheet(f"QPushButton {{ border-left: 18px solid {colour}; padding: 4px; }}")

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._colour), self, "Team colour")
        if chosen.isValid():
            self.set_colour(chosen.name())
            self.colour_chosen.emit(chosen.name())


class SessionFieldsForm(QWidget):
    """Title, incident times, severity, impact, schedule, time-box, and both teams."""

    edited = Signal(str, object)  # session field name, new value
    team_edited = Signal(object, str, str)  # Lane, name, colour

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.title = QLineEdit(placeholderText="e.g. Checkout outage, 10 Nov")
        self.title.setObjectName("title")
        self.severity = QComboBox()
        self.severity.addItems(SEVERITIES)
        self.impact = QPlainTextEdit(placeholderText="Who was affected, how, for how long")
        self.impact.setFixedHeight(70)
        self.timebox = QSpinBox(minimum=5, maximum=480, suffix=" min")
        self.times = {name: OptionalDateTimeEdit() for name in TIME_FIELDS}
        self.team_names = {lane: QLineEdit() for lane in Lane}
        self.team_colours = {lane: ColourButton() for lane in Lane}
        for lane, edit in self.team_names.items():
            edit.setAccessibleName(f"Team {lane.value} name")

        form.addRow("&Title", self.title)
        for lane in Lane:
            row = QHBoxLayout()
            row.addWidget(self.team_names[lane], 1)
            row.addWidget(self.team_colours[lane])
            form.addRow(f"Team {lane.value}", row)
        form.addRow("Incident &start", self.times["incident_start"])
        form.addRow("Incident &end", self.times["incident_end"])
        form.addRow("Se&verity", self.severity)
        form.addRow("&Impact summary", self.impact)
        form.addRow("Meeting scheduled", self.times["scheduled_start"])
        form.addRow("Pre-read sent", self.times["pre_read_sent_at"])
        form.addRow("Time-&box", self.timebox)

        self.title.editingFinished.connect(self._title_finished)
        self.severity.activated.connect(
            lambda _i: self._emit("severity", self.severity.currentText())
        )
        self.timebox.editingFinished.connect(
            lambda: self._emit("timebox_minutes", self.timebox.value())
        )
        self.impact.textChanged.connect(self._impact_changed)
        for name, widget in self.times.items():
            widget.editingFinished.connect(lambda n=name, w=widget: self._emit(n, w.value()))
        for lane in Lane:
            self.team_names[lane].editingFinished.connect(lambda la=lane: self._emit_team(la))
            self.team_colours[lane].colour_chosen.connect(lambda _c, la=lane: self._emit_team(la))
        self._filling = False

    def _emit(self, name: str, value: Any) -> None:
        if not self._filling:
            self.edited.emit(name, value)

    def _title_finished(self) -> None:
        self.title.setModified(False)  # from here on the field shows the model again
        self._emit("title", self.title.text())

    def _impact_changed(self) -> None:
        if not self._filling and not self.impact.hasFocus():
            self._emit("impact_summary", self.impact.toPlainText())

    def commit_impact(self) -> None:
        """The impact box commits when it loses focus (a dialog or page calls this)."""
        self.impact.document().setModified(False)
        self._emit("impact_summary", self.impact.toPlainText())

    def _emit_team(self, lane: Lane) -> None:
        self.team_names[lane].setModified(False)
        if not self._filling:
            self.team_edited.emit(
                lane, self.team_names[lane].text(), self.team_colours[lane]._colour
            )

    def set_values(self, session: Session) -> None:
        self._filling = True
        try:
            # A field keeps its text only while the user is typing in it; otherwise it shows the
            # model, also when it has focus (an undo by key must show in the field at once).
            if not _typing(self.title):
                self.title.setText(session.title)
                self.title.setCursorPosition(0)
            index = self.severity.findText(session.severity)
            if index < 0:
                self.severity.addItem(session.severity)
                index = self.severity.count() - 1
            self.severity.setCurrentIndex(index)
            if not (self.impact.hasFocus() and self.impact.document().isModified()):
                self.impact.setPlainText(session.impact_summary)
            self.timebox.setValue(session.timebox_minutes)
            for name, widget in self.times.items():
                widget.set_value(getattr(session, name))
            for team in session.teams:
                if not _typing(self.team_names[team.lane]):
                    self.team_names[team.lane].setText(team.name)
                self.team_colours[team.lane].set_colour(team.colour)
        finally:
            self._filling = False

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "title": self.title.text(),
            "severity": self.severity.currentText(),
            "impact_summary": self.impact.toPlainText(),
            "timebox_minutes": self.timebox.value(),
        }
        values.update({name: widget.value() for name, widget in self.times.items()})
        return values

    def team_values(self) -> dict[Lane, tuple[str, str]]:
        return {
            lane: (self.team_names[lane].text(), self.team_colours[lane]._colour) for lane in Lane
        }


def _typing(field: QLineEdit) -> bool:
    return field.hasFocus() and field.isModified()


def focus_first(form: SessionFieldsForm) -> None:
    form.title.setFocus(Qt.FocusReason.OtherFocusReason)
