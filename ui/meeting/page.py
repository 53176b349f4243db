"""The console's meeting view: the clock, the hints, the agenda strip, the balance and the
per-person totals, with buttons for what the keys do (a button triggers its key's action).
Focus rests here when a session opens, so the hotkeys work at once; it holds no state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.engine import ClockState, HintKind
from facilitator_app.workspace import Part
from ui.actions import Actions
from ui.bridge import WorkspaceBridge
from ui.hotkeys.table import native_text
from ui.meeting.timers import MeetingTimers
from ui.theme import AMBER, font_px
from ui.widgets.balance_bar import BalanceBar
from ui.widgets.countdown import CountdownWidget
from ui.widgets.phase_strip import PhaseStrip
from ui.widgets.speaker_totals import SpeakerTotals

HINT_STYLE = f"background: #FFF4E0; color: {AMBER}; border-radius: 4px; padding: 6px 10px;"


class MeetingHints(QLabel):
    """The engine's hints (clock not started, nobody has the floor, dominance, notices)."""

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting-hints")
        self.engine = bridge.workspace.meeting
        self.timers = MeetingTimers.of(bridge)
        self.setWordWrap(True)
        self.setFont(font_px(16, bold=True))
        self.setStyleSheet(HINT_STYLE)
        bridge.changed.connect(self._on_changed)  # a bound method: dropped when this dies
        self.timers.frame.connect(self.refresh)
        self.refresh()

    def _on_changed(self, _parts: frozenset[Part]) -> None:
        self.refresh()

    def kinds(self) -> list[HintKind]:
        return [h.kind for h in self.timers.status().hints]

    def refresh(self) -> None:
        text = "\n".join(h.text for h in self.timers.status().hints)
        if text != self.text():
            self.setText(text)
        self.setVisible(bool(text))


class MeetingPage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting-page")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.bridge = bridge
        self.engine = bridge.workspace.meeting
        self.session_actions = Actions.of(bridge)

        self.countdown = CountdownWidget(bridge, compact=True)
        self.hints = MeetingHints(bridge)
        self.strip = PhaseStrip(bridge)
        self.balance = BalanceBar(bridge, compact=True)
        self.totals = SpeakerTotals(bridge)
        self.buttons: dict[str, QPushButton] = {}

        top = QHBoxLayout()
        top.addWidget(self.hints, 1, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        controls = QGridLayout()
        layout = [
            ("clock.toggle", "Start clock", 0, 0),
            ("phase.previous", "◀ Phase", 0, 1),
            ("phase.next", "Phase ▶", 0, 2),
            ("phase.less_time", "−1 min", 0, 3),
            ("phase.more_time", "+1 min", 0, 4),
            ("floor.team_a", "Team A", 1, 0),
            ("floor.team_b", "Team B", 1, 1),
            ("floor.facilitator", "Facilitator", 1, 2),
            ("floor.crosstalk", "Crosstalk", 1, 3),
            ("floor.nobody", "Nobody", 1, 4),
            ("floor.reassign_a", "Last 30 s → A", 2, 0),
            ("floor.reassign_b", "Last 30 s → B", 2, 1),
            ("edit.undo", "Undo", 2, 2),
            ("help.cheatsheet", "Keys…", 2, 3),
            ("settings", "Settings…", 2, 4),
            ("clock.end", "End the meeting", 3, 4),
        ]
        for action, label, row, col in layout:
            button = QPushButton(label)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the meeting view
            button.clicked.connect(lambda _=False, a=action: self._press(a))
            controls.addWidget(button, row, col)
            self.buttons[action] = button
        self.end_button = self.buttons["clock.end"]

        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.strip)
        column.addSpacing(8)
        column.addWidget(self.balance)
        column.addSpacing(8)
        column.addLayout(controls)
        column.addWidget(self.totals, 1)
        bridge.changed.connect(self._on_changed)
        self._refresh_labels()

    def _press(self, action: str) -> None:
        self.session_actions.trigger(action, window=self.window())

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.CLOCK, Part.TEAMS, Part.SESSION}:
            self._refresh_labels()

    def _refresh_labels(self) -> None:
        session = self.bridge.workspace.session
        names = {"floor.team_a": session.teams[0].name, "floor.team_b": session.teams[1].name}
        seconds = round(self.engine.settings.reassign_seconds)
        labels = {
            "floor.reassign_a": f"Last {seconds} s → {names['floor.team_a']}",
            "floor.reassign_b": f"Last {seconds} s → {names['floor.team_b']}",
            "clock.toggle": {
                ClockState.IDLE: "Start clock",
                ClockState.RUNNING: "Pause clock",
                ClockState.PAUSED: "Resume clock",
                ClockState.ENDED: "Meeting ended",
            }[self.engine.state],
            **names,
        }
        for action, button in self.buttons.items():
            if action in labels:
                button.setText(labels[action])
            keys = self.session_actions.keymap.keys(action)
            button.setToolTip(", ".join(native_text(k) for k in keys))
        self.end_button.setEnabled(self.engine.state in (ClockState.RUNNING, ClockState.PAUSED))
