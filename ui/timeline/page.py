"""The console's Timeline page: the two-lane timeline above, the current event's detail below.

A toolbar imports files, adds and deletes events, walks the timeline, zooms, and picks the zone
the times are shown in (both windows use it). Every edit is undoable (Ctrl+Z).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.model import Lane
from facilitator_app.timeline.edit import add_event
from facilitator_app.timeline.walk import current_event, next_event, previous_event
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.timeline.detail import EventDetailPanel
from ui.timeline.widget import TimelineWidget


class TimelinePage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-page")
        self.bridge = bridge
        self.workspace = bridge.workspace
        self.timeline = TimelineWidget(bridge)
        self.detail = EventDetailPanel(bridge)

        bar = QHBoxLayout()
        self.import_button = self._button(bar, "Import…", self.import_file, "import-timeline")
        self._button(bar, "Add event", self.add_event, "add-event")
        self.delete_button = self._button(bar, "Delete event", self.delete_event, "delete-event")
        bar.addSpacing(16)
        self._button(bar, "◀ Previous", lambda: previous_event(self.workspace), "previous-event")
        self._button(bar, "Next ▶", lambda: next_event(self.workspace), "next-event")
        bar.addSpacing(16)
        self._button(bar, "−", lambda: self.timeline.zoom_out(), "zoom-out").setToolTip(
            "Zoom out (-)"
        )
        self._button(bar, "+", lambda: self.timeline.zoom_in(), "zoom-in").setToolTip("Zoom in (+)")
        bar.addSpacing(16)
        bar.addWidget(QLabel("Times in:"))
        self.zone = QComboBox()
        self.zone.setObjectName("display-zone")
        self.zone.setEditable(True)
        self.zone.addItems(["UTC", *sorted(available_timezones() - {"UTC"})])
        completer = QCompleter(self.zone.model(), self.zone)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.zone.setCompleter(completer)
        self.zone.setCurrentText(self.workspace.display_zone)
        self.zone.activated.connect(lambda _i: self.set_zone())
        bar.addWidget(self.zone)
        bar.addStretch(1)
        self.count = QLabel()
        bar.addWidget(self.count)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.timeline)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.timeline.activated.connect(lambda _id: self.detail.description.setFocus())
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _button(self, bar: QHBoxLayout, text: str, handler: object, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda _checked=False: handler())  # type: ignore[operator]
        bar.addWidget(button)
        return button

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.TIMELINE, Part.CURRENT_EVENT}:
            self.refresh()

    def refresh(self) -> None:
        events = self.workspace.session.events
        a = sum(1 for e in events if e.lane is Lane.A)
        names = [t.name for t in self.workspace.session.teams]
        self.count.setText(f"{len(events)} events ({names[0]} {a}, {names[1]} {len(events) - a})")
        self.delete_button.setEnabled(current_event(self.workspace) is not None)
        if not self.zone.hasFocus():
            self.zone.setCurrentText(self.workspace.display_zone)

    def set_zone(self) -> None:
        try:
            self.workspace.set_display_zone(self.zone.currentText().strip())
        except UserError as exc:
            QMessageBox.warning(self, "Unknown time zone", exc.message)
            self.zone.setCurrentText(self.workspace.display_zone)

    def import_file(self) -> None:
        from ui.timeline.import_dialog import ImportDialog

        ImportDialog.ask(self.workspace, self)

    def add_event(self) -> None:
        now = current_event(self.workspace)
        session = self.workspace.session
        when: datetime = (
            now.occurred_at if now else session.incident_start or now_utc().replace(microsecond=0)
        )
        lane = now.lane if now else Lane.A
        add_event(self.workspace, when, lane, "New event: describe what happened")
        self.detail.description.setFocus()
        self.detail.description.selectAll()

    def delete_event(self) -> None:
        event = current_event(self.workspace)
        if event is None:
            return
        following = next_event(self.workspace)
        self.workspace.remove(event, text="Delete event")
        if following is not None and following is not event:
            self.workspace.set_current_event(following.id)
        else:
            previous_event(self.workspace)
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage("Event deleted: Ctrl+Z brings it back.", 5000)
