"""The shared screen during the timeline walk: the two lanes around the current event, and what
each team saw at that moment, in type large enough for the back of the room.

Read-only: the facilitator moves through the events with the hotkeys (PageDown/PageUp, N/P),
which change `Workspace.current_event_id`; this view follows it and keeps the event centred.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator_app.model import Awareness, Lane, Tag, Team, TimelineEvent
from facilitator_app.timeline.tags import tag_label
from facilitator_app.timeline.walk import current_event
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.theme import current, font_px, shared_px
from ui.timeline.fitted_text import FittedText
from ui.timeline.paint import BADGE_COLOURS
from ui.timeline.timefmt import clock, zone_label, zone_named
from ui.timeline.widget import TimelineWidget
from ui.widgets.elided_label import ElidedLabel

AWARE_WORDS = {
    Awareness.YES: "✓ yes",
    Awareness.NO: "✗ no",
    Awareness.UNKNOWN: "? not known",
}


class TeamBar(QWidget):
    """A thick bar in the team's colour (the team's name is always written beside it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor("#888888")
        self.setFixedWidth(10)

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), self.colour)


class ObservationBox(QWidget):
    """What one team saw at the current event, and whether it knew the other team was in it."""

    def __init__(self, lane: Lane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lane = lane
        self.setObjectName(f"observation-{lane.value}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = TeamBar()
        row.addWidget(self.bar)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.title = ElidedLabel()
        self.saw = FittedText()
        self.aware = ElidedLabel()
        column.addWidget(self.title)
        column.addWidget(self.saw, 1)
        column.addWidget(self.aware)
        row.addLayout(column, 1)

    def show_for(self, event: TimelineEvent | None, team: Team, other: Team) -> None:
        self.bar.colour = QColor(team.colour)
        self.bar.update()
        self.title.setText(f"What {team.name} saw")
        if event is None:
            self.saw.setText("")
            self.aware.setText("")
            return
        obs = event.observations.get(self.lane)
        if obs is None or not obs.saw:
            self.saw.set_colour(current().muted)
            self.saw.setText("— not recorded yet —")
        else:
            self.saw.set_colour(current().text)
            self.saw.setText(obs.saw)
        awareness = obs.aware_of_other if obs else Awareness.UNKNOWN
        self.aware.setText(f"Aware of {other.name}: {AWARE_WORDS[awareness]}")

    def set_sizes(self, title_px: int, text_px: int) -> None:
        self.title.setFont(font_px(title_px, bold=True))
        self.aware.setFont(font_px(title_px, bold=True))
        self.saw.set_sizes(text_px, max(14, round(text_px * 0.75)))


class TimelineWalkView(QWidget):
    """`SHARED_PHASE_VIEWS["timeline"]`: the walk, current event centred in both lanes."""

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-walk")
        self.workspace = bridge.workspace
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.strip = TimelineWidget(bridge, self, projector=True)
        layout.addWidget(self.strip, 50)

        self.headline = ElidedLabel()  # one line; a long actor ends in "…", never cut
        self.headline.setObjectName("walk-headline")
        self.description = FittedText(bold=True)
        self.description.setObjectName("walk-description")
        self.badges = QLabel()
        self.badges.setObjectName("walk-badges")
        self.badges.setTextFormat(Qt.TextFormat.RichText)
        heading = QHBoxLayout()
        heading.addWidget(self.headline, 1)
        heading.addWidget(self.badges, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(heading)
        layout.addWidget(self.description, 11)

        self.observations = {Lane.A: ObservationBox(Lane.A), Lane.B: ObservationBox(Lane.B)}
        row = QHBoxLayout()
        row.addWidget(self.observations[Lane.A], 1)
        row.addSpacing(24)
        row.addWidget(self.observations[Lane.B], 1)
        layout.addLayout(row, 26)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.TIMELINE, Part.CURRENT_EVENT, Part.TEAMS}:
            self.refresh()

    def refresh(self) -> None:
        session = self.workspace.session
        team_a, team_b = session.teams
        event = current_event(self.workspace)
        if event is None:
            self.headline.setText("")
            self.badges.setText("")
            self.description.set_colour(current().muted)
            self.description.setText(
                "No timeline events yet: import them on the console (Timeline page, Import…)."
                if not session.events
                else "Press N or PageDown to start the walk at the first event."
            )
        else:
            zone = zone_named(self.workspace.display_zone)
            team = session.team(event.lane)
            actor = f" · {event.actor}" if event.actor else ""
            stamp = f"{clock(event.occurred_at, zone)} {zone_label(event.occurred_at, zone)}"
            self.headline.setText(f"{stamp} · {team.name}{actor}")
            self.description.set_colour(current().text)
            self.description.setText(event.description)
            self.badges.setText(self._badges(event))
        self.observations[Lane.A].show_for(event, team_a, team_b)
        self.observations[Lane.B].show_for(event, team_b, team_a)

    @staticmethod
    def _badges(event: TimelineEvent) -> str:
        parts = []
        for tag in event.tags:
            fill, ink, glyph = BADGE_COLOURS.get(tag, ("#E8E8E8", "#333333", ""))
            if tag not in (Tag.LOCALLY_CORRECT.value, Tag.DIVERGENCE.value):
                continue
            parts.append(
                f'<span style="background:{fill}; color:{ink};">&nbsp;{glyph} '
                f"{tag_label(tag)}&nbsp;</span>"
            )
        return "&nbsp;".join(parts)

    def resizeEvent(self, event: QResizeEvent) -> None:
        title = shared_px(self, 0.032, minimum=16)
        text = shared_px(self, 0.036, minimum=18)
        self.headline.setFont(font_px(title, bold=True))
        self.badges.setFont(font_px(round(title * 0.9), bold=True))
        self.description.set_sizes(shared_px(self, 0.042, minimum=20), title)
        for box in self.observations.values():
            box.set_sizes(title, text)
        super().resizeEvent(event)
