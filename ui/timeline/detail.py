"""The console's event detail: the current event's fields, both teams' observations side by side,
its tags, its log link, the links to the other team's events, and notes. Every edit is undoable
and saved at once; the panel always shows `Workspace.current_event_id`.

The log link opens only if it is an http(s) URL with a host, re-serialised before it is handed
to the desktop; anything else is refused with a message saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.attribution import added_by_tooltip
from facilitator_app.errors import UserError, ValidationError
from facilitator_app.model import Lane, TimelineEvent
from facilitator_app.safe_url import safe_http_url
from facilitator_app.timeline.edit import set_source_url
from facilitator_app.timeline.importing.times import FieldFault, parse_timestamp, resolve_zone
from facilitator_app.timeline.tags import tag_label
from facilitator_app.timeline.walk import (
    KNOWN_TAGS,
    current_event,
    free_tags,
    set_free_tags,
    set_tag,
)
from facilitator_app.timeutil import format_iso
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.timeline.detail_parts import (
    CommitOnFocusOut,
    LinksBox,
    NotesBox,
    ObservationEditor,
    set_plain_text,
)

Opener = Callable[[QUrl], Any]


class EventDetailPanel(QWidget):
    def __init__(
        self,
        bridge: WorkspaceBridge,
        parent: QWidget | None = None,
        *,
        opener: Opener | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("event-detail")
        self.workspace = bridge.workspace
        self.opener: Opener = opener or QDesktopServices.openUrl
        self.shown: TimelineEvent | None = None

        form = QFormLayout()
        self.time = QLineEdit()
        self.time.setObjectName("event-time")
        self.time.setToolTip(
            "ISO 8601, like 2026-11-10T14:02:00+01:00; a time without an offset is read in "
            "the display zone"
        )
        self.team = QComboBox()
        self.team.setObjectName("event-team")
        self.actor = QLineEdit()
        self.actor.setPlaceholderText("who or what acted (a role, a bot)")
        self.description = QPlainTextEdit()
        self.description.setObjectName("event-description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(70)
        link_row = QHBoxLayout()
        self.link = QLineEdit()
        self.link.setObjectName("event-link")
        self.link.setPlaceholderText("https://… the source-of-truth log")
        self.link.setAccessibleName("Source-of-truth log link")
        self.open_button = QPushButton("Open log")
        self.open_button.setObjectName("open-log")
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.open_button)
        tag_row = QHBoxLayout()
        self.tag_boxes = {tag: QCheckBox(tag_label(tag)) for tag in KNOWN_TAGS}
        for tag, box in self.tag_boxes.items():
            box.setObjectName(f"tag-{tag}")
            tag_row.addWidget(box)
        self.free_tags = QLineEdit()
        self.free_tags.setPlaceholderText("other tags; separated; by semicolons")
        self.free_tags.setAccessibleName("Other tags")
        tag_row.addWidget(self.free_tags, 1)
        form.addRow("&Time", self.time)
        form.addRow("T&eam", self.team)
        form.addRow("&Actor", self.actor)
        form.addRow("E&vent", self.description)
        form.addRow("Log", link_row)
        form.addRow("Tags", tag_row)

        self.observations = {
            lane: ObservationEditor(self.workspace, lane, self.show_error) for lane in Lane
        }
        sides = QHBoxLayout()
        sides.addWidget(self.observations[Lane.A], 1)
        sides.addWidget(self.observations[Lane.B], 1)
        self.links = LinksBox(self.workspace, self.show_error)
        self.notes = NotesBox(self.workspace, self.show_error)
        extras = QHBoxLayout()
        extras.addWidget(self.links, 1)
        extras.addWidget(self.notes, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(sides, 1)
        layout.addLayout(extras)

        self.time.editingFinished.connect(self.commit_time)
        self.team.activated.connect(lambda _i: self.commit_team())
        self.actor.editingFinished.connect(self.commit_actor)
        CommitOnFocusOut(self.description, self.commit_description)
        self.link.editingFinished.connect(self.commit_link)
        self.open_button.clicked.connect(self.open_log)
        for tag, box in self.tag_boxes.items():
            box.clicked.connect(lambda checked, t=tag: self.commit_tag(t, checked))
        self.free_tags.editingFinished.connect(self.commit_free_tags)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    # ---- showing ------------------------------------------------------------------------

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.TIMELINE, Part.CURRENT_EVENT, Part.TEAMS, Part.NOTES}:
            self.refresh()

    def refresh(self) -> None:
        event = current_event(self.workspace)
        self.shown = event
        session = self.workspace.session
        for widget in (
            self.time,
            self.team,
            self.actor,
            self.description,
            self.link,
            self.open_button,
            self.free_tags,
            *self.tag_boxes.values(),
        ):
            widget.setEnabled(event is not None)
        self.team.clear()
        for team in session.teams:
            self.team.addItem(team.name, team.lane)
        if event is None:
            for line in (self.time, self.actor, self.link, self.free_tags):
                line.clear()
            self.description.clear()
        else:
            self._set_line(self.time, format_iso(event.occurred_at))
            self.team.setCurrentIndex(self.team.findData(event.lane))
            self._set_line(self.actor, event.actor)
            set_plain_text(self.description, event.description)
            self._set_line(self.link, event.source_url)
            for tag, box in self.tag_boxes.items():
                box.setChecked(tag in event.tags)
            self._set_line(self.free_tags, "; ".join(free_tags(event)))
        self.open_button.setEnabled(bool(event and event.source_url))
        self.description.setToolTip(added_by_tooltip(event.added_by if event else ""))
        for editor in self.observations.values():
            editor.show_event(event)
        self.links.show_event(event)
        self.notes.show_event(event)

    @staticmethod
    def _set_line(line: QLineEdit, text: str) -> None:
        if not line.hasFocus() and line.text() != text:
            line.setText(text)

    def show_error(self, title: str, error: UserError) -> None:
        QMessageBox.warning(self, title, error.message)
        self.refresh()

    # ---- editing ------------------------------------------------------------------------

    def _update(self, label: str, **values: Any) -> None:
        if self.shown is None:
            return
        try:
            self.workspace.update(self.shown, label, **values)
        except UserError as exc:
            self.show_error(f"Cannot {label.lower()}", exc)

    def commit_time(self) -> None:
        if self.shown is None or self.time.text().strip() == format_iso(self.shown.occurred_at):
            return
        try:
            zone = resolve_zone(self.workspace.display_zone)
            when = parse_timestamp(self.time.text(), zone, column="time")
        except FieldFault as fault:
            self.show_error("Cannot change the time", ValidationError(fault.reason, field="time"))
            return
        self._update("Change event time", occurred_at=when)

    def commit_team(self) -> None:
        lane = self.team.currentData()
        if self.shown is not None and lane is not None and lane != self.shown.lane:
            self._update("Move event to the other team", lane=lane)

    def commit_actor(self) -> None:
        if self.shown is not None and self.actor.text().strip() != self.shown.actor:
            self._update("Edit actor", actor=self.actor.text())

    def commit_description(self) -> None:
        text = self.description.toPlainText()
        if self.shown is not None and text.strip() != self.shown.description:
            self._update("Edit event", description=text)

    def commit_link(self) -> None:
        event = self.shown
        if event is None or self.link.text().strip() == event.source_url:
            return
        try:
            set_source_url(self.workspace, event, self.link.text())
        except UserError as exc:
            self.show_error("Log link not saved", exc)

    def commit_tag(self, tag: str, checked: bool) -> None:
        """The checkbox calls the core's rule (`D` and the menus call the same one)."""
        if self.shown is not None:
            self._edit(f"Cannot {'tag' if checked else 'untag'}", set_tag, tag, checked)

    def commit_free_tags(self) -> None:
        if self.shown is not None and self.free_tags.text() != "; ".join(free_tags(self.shown)):
            self._edit("Cannot edit tags", set_free_tags, self.free_tags.text())

    def _edit(self, title: str, command: Callable[..., object], *args: object) -> None:
        try:
            command(self.workspace, self.shown, *args)
        except UserError as exc:
            self.show_error(title, exc)

    def open_log(self) -> None:
        """Open the log link in the browser, only if it is a plain http(s) link with a host."""
        event = self.shown
        if event is None:
            return
        try:
            url = safe_http_url(event.source_url)
        except ValidationError as exc:
            QMessageBox.information(self, "Log link not opened", exc.message)
            return
        qurl = QUrl(url, QUrl.ParsingMode.StrictMode)
        if not qurl.isValid() or qurl.scheme() not in ("http", "https") or not qurl.host():
            QMessageBox.information(self, "Log link not opened", f"{url} is not a valid link")
            return
        self.opener(qurl)
