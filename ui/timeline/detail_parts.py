"""Pieces of the event detail panel: one team's observation, the event's links, its notes.

Each piece edits through the workspace (undoable, saved at once) and shows what the workspace
holds; none keeps a copy of the model.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.attribution import added_by_tooltip
from facilitator_app.errors import UserError
from facilitator_app.model import Awareness, Lane, Note, Session, TimelineEvent
from facilitator_app.timeline.edit import link_events, links_of, set_observation
from facilitator_app.timeline.merge import merged
from facilitator_app.workspace import Workspace
from ui.timeline.timefmt import clock, zone_named

ErrorSink = Callable[[str, UserError], None]


def set_plain_text(edit: QPlainTextEdit, text: str) -> None:
    """Replace the text unless the user is typing in it (a refresh must not eat keystrokes)."""
    if not edit.hasFocus() and edit.toPlainText() != text:
        edit.setPlainText(text)


class CommitOnFocusOut(QObject):
    """Calls `commit` when a multi-line editor loses focus (it has no editingFinished)."""

    def __init__(self, editor: QWidget, commit: Callable[[], None]) -> None:
        super().__init__(editor)
        self._commit = commit
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._commit()
        return False


def event_label(event: TimelineEvent, session: Session, zone_name: str) -> str:
    team = session.team(event.lane).name
    text = event.description if len(event.description) <= 70 else event.description[:69] + "…"
    return f"{clock(event.occurred_at, zone_named(zone_name))} {team}: {text}"


class ObservationEditor(QGroupBox):
    """What one team saw at the event, and whether it was aware of the other team."""

    def __init__(self, workspace: Workspace, lane: Lane, errors: ErrorSink) -> None:
        super().__init__()
        self.workspace = workspace
        self.lane = lane
        self.errors = errors
        self.shown: TimelineEvent | None = None
        self.setObjectName(f"observation-editor-{lane.value}")
        layout = QVBoxLayout(self)
        self.saw = QPlainTextEdit()
        self.saw.setPlaceholderText("What did this team see at this moment?")
        self.saw.setTabChangesFocus(True)
        self.saw.setMinimumHeight(60)
        layout.addWidget(self.saw, 1)
        row = QHBoxLayout()
        self.aware_label = QLabel()
        self.aware = QComboBox()
        for value in Awareness:
            self.aware.addItem(value.value, value)
        self.aware_label.setBuddy(self.aware)
        row.addWidget(self.aware_label)
        row.addWidget(self.aware)
        row.addStretch(1)
        layout.addLayout(row)
        CommitOnFocusOut(self.saw, self.commit_text)
        self.aware.activated.connect(lambda _i: self.commit_awareness())

    def show_event(self, event: TimelineEvent | None) -> None:
        self.shown = event
        session = self.workspace.session
        team, other = session.team(self.lane), session.team(self.lane.other)
        self.setTitle(f"What {team.name} saw")
        self.aware_label.setText(f"Aware of {other.name}:")
        self.setEnabled(event is not None)
        obs = event.observation(self.lane) if event else None
        set_plain_text(self.saw, obs.saw if obs else "")
        self.saw.setToolTip(added_by_tooltip(obs.added_by if obs else ""))
        if not self.aware.hasFocus():
            self.aware.setCurrentIndex(
                self.aware.findData(obs.aware_of_other if obs else Awareness.UNKNOWN)
            )

    def commit_text(self) -> None:
        event = self.shown
        if event is None or self.saw.toPlainText().strip() == event.observation(self.lane).saw:
            return
        try:
            set_observation(self.workspace, event, self.lane, saw=self.saw.toPlainText())
        except UserError as exc:
            self.errors("Cannot save the observation", exc)

    def commit_awareness(self) -> None:
        event = self.shown
        value = self.aware.currentData()
        if event is None or value == event.observation(self.lane).aware_of_other:
            return
        set_observation(self.workspace, event, self.lane, aware=value)


class LinksBox(QGroupBox):
    """Where this event reached the other team's system (or was reached from it)."""

    def __init__(self, workspace: Workspace, errors: ErrorSink) -> None:
        super().__init__("Reached the other team's system")
        self.workspace = workspace
        self.errors = errors
        self.shown: TimelineEvent | None = None
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("event-links")
        self.list.setMaximumHeight(90)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.targets = QComboBox()
        self.targets.setObjectName("link-target")
        self.targets.setMinimumContentsLength(30)
        self.add_button = QPushButton("Link")
        self.remove_button = QPushButton("Remove link")
        row.addWidget(QLabel("Led to:"))
        row.addWidget(self.targets, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_link)
        self.remove_button.clicked.connect(self.remove_link)

    def show_event(self, event: TimelineEvent | None) -> None:
        self.shown = event
        self.setEnabled(event is not None)
        self.list.clear()
        self.targets.clear()
        if event is None:
            return
        session = self.workspace.session
        zone = self.workspace.display_zone
        by_id = {e.id: e for e in session.events}
        for link in links_of(self.workspace, event):
            outgoing = link.source_id == event.id
            other = by_id.get(link.target_id if outgoing else link.source_id)
            if other is None:
                continue
            arrow = "→ led to" if outgoing else "← came from"
            note = f" ({link.note})" if link.note else ""
            item = QListWidgetItem(f"{arrow} {event_label(other, session, zone)}{note}")
            item.setData(Qt.ItemDataRole.UserRole, link.id)
            item.setToolTip(added_by_tooltip(link.added_by))
            self.list.addItem(item)
        for other in merged(session.events):
            if other.lane is not event.lane and other.occurred_at >= event.occurred_at:
                self.targets.addItem(event_label(other, session, zone), other.id)
        self.remove_button.setEnabled(self.list.count() > 0)
        self.add_button.setEnabled(self.targets.count() > 0)

    def add_link(self) -> None:
        event = self.shown
        target_id = self.targets.currentData()
        target = next((e for e in self.workspace.session.events if e.id == target_id), None)
        if event is None or target is None:
            return
        try:
            link_events(self.workspace, event, target)
        except UserError as exc:
            self.errors("Cannot link the events", exc)

    def remove_link(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is None:
            return
        link_id = item.data(Qt.ItemDataRole.UserRole)
        link = next((k for k in self.workspace.session.links if k.id == link_id), None)
        if link is not None:
            self.workspace.remove(link, text="Remove link")


class NotesBox(QGroupBox):
    """The facilitator's notes on this event (they go into the meeting notes)."""

    def __init__(self, workspace: Workspace, errors: ErrorSink) -> None:
        super().__init__("Notes on this event")
        self.workspace = workspace
        self.errors = errors
        self.shown: TimelineEvent | None = None
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("event-notes")
        self.list.setMaximumHeight(90)
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("Add a note and press Enter")
        self.remove_button = QPushButton("Delete note")
        row.addWidget(self.entry, 1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.entry.returnPressed.connect(self.add_note)
        self.remove_button.clicked.connect(self.remove_note)

    def show_event(self, event: TimelineEvent | None) -> None:
        self.shown = event
        self.setEnabled(event is not None)
        self.list.clear()
        if event is None:
            return
        for note in self.workspace.session.notes:
            if note.event_id == event.id:
                item = QListWidgetItem(note.text)
                item.setData(Qt.ItemDataRole.UserRole, note.id)
                self.list.addItem(item)
        self.remove_button.setEnabled(self.list.count() > 0)

    def add_note(self) -> None:
        text = self.entry.text().strip()
        if self.shown is None or not text:
            return
        try:
            self.workspace.add(Note(text, event_id=self.shown.id), text="Add note")
        except UserError as exc:
            self.errors("Cannot add the note", exc)
            return
        self.entry.clear()

    def remove_note(self) -> None:
        item = self.list.currentItem() or self.list.item(self.list.count() - 1)
        if item is None:
            return
        note_id = item.data(Qt.ItemDataRole.UserRole)
        note = next((n for n in self.workspace.session.notes if n.id == note_id), None)
        if note is not None:
            self.workspace.remove(note, text="Delete note")
