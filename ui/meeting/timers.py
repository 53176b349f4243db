"""The two timers of a live meeting, one pair per open session (a child of its bridge).

- The repaint timer only asks views to repaint (`frame`); every figure comes from the engine's
  stored instants at paint time, so a late or skipped timeout never changes a number. It runs
  a few times a second while the clock runs, every few seconds when paused or not started (the
  projected finish moves with the time of day), and not at all once the meeting has ended.
- The checkpoint timer calls `MeetingEngine.tick()` twice a second while the clock runs: the
  running interval's length goes to disk, and a suspend is noticed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from facilitator_app.engine import ClockState, MeetingStatus
from facilitator_app.errors import UserError
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge

REPAINT_RUNNING_MS = 250
REPAINT_STOPPED_MS = 5000
CHECKPOINT_MS = 500


class MeetingTimers(QObject):
    frame = Signal()
    failed = Signal(str)  # a checkpoint could not be written (disk full, ...)

    @classmethod
    def of(cls, bridge: WorkspaceBridge) -> MeetingTimers:
        """The timers of this bridge's session, created on first use."""
        found = bridge.findChild(MeetingTimers)
        return found if isinstance(found, MeetingTimers) else cls(bridge)

    def __init__(self, bridge: WorkspaceBridge) -> None:
        super().__init__(bridge)
        self.workspace = bridge.workspace
        self.engine = bridge.workspace.meeting
        self.frames = 0
        self._status: tuple[tuple[int, int, int], MeetingStatus] | None = None
        self.repaint = QTimer(self)
        self.repaint.setTimerType(Qt.TimerType.CoarseTimer)
        self.repaint.timeout.connect(self.next_frame)
        self.checkpoint = QTimer(self)
        self.checkpoint.setInterval(CHECKPOINT_MS)
        self.checkpoint.timeout.connect(self._tick)
        bridge.changed.connect(self._on_changed)
        self.sync()

    def status(self) -> MeetingStatus:
        """The engine's status, computed once per change or frame and shared by every view."""
        key = (self.workspace.revision, self.engine.version, self.frames)
        if self._status is None or self._status[0] != key:
            self._status = (key, self.engine.status())
        return self._status[1]

    def next_frame(self) -> None:
        """Time moved on: views recompute what they show and repaint if it changed."""
        self.frames += 1
        self.frame.emit()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if Part.CLOCK in parts:
            self.sync()

    def sync(self) -> None:
        """Run each timer only as often as the clock's state needs."""
        state = self.engine.state
        if state is ClockState.RUNNING:
            self.repaint.start(REPAINT_RUNNING_MS)
            if not self.checkpoint.isActive():
                self.checkpoint.start()
        else:
            self.checkpoint.stop()
            if state is ClockState.ENDED:
                self.repaint.stop()
            else:
                self.repaint.start(REPAINT_STOPPED_MS)

    def dispose(self) -> None:
        """Stop and delete both timers now, on the GUI thread (the session's windows go)."""
        self.repaint.stop()
        self.checkpoint.stop()
        self.deleteLater()

    def _tick(self) -> None:
        try:
            self.engine.tick()
        except UserError as exc:
            self.failed.emit(f"Could not save the speaking time: {exc.message}")
        if self.engine.state is not ClockState.RUNNING:
            self.sync()  # a suspend or recovery may have changed the state
