"""The meeting engine's state and what reading it means (the clock's "now", totals, names).

The engine is one class built in layers, one module per section: this state, then
`intervals`, `phase_clock`, `history` (the undo/save template), `recovery` (suspend, crash),
`picture` (the status views draw) and `meeting` (the actions).
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator_app.engine.clock import Clock
from facilitator_app.engine.floor import Floor
from facilitator_app.engine.host import MeetingHost
from facilitator_app.engine.settings import MeetingSettings
from facilitator_app.engine.status import ClockState
from facilitator_app.engine.tally import Tally
from facilitator_app.model import HolderKind, Session, SpeakingInterval
from facilitator_app.parts import Part
from facilitator_app.speaking_totals import SpeakingTotals, add_seconds
from facilitator_app.store import PhaseClockRecord

SUSPEND_MIN_SECONDS = 2.0  # less unseen time than this is scheduling noise, not a suspend
NOTICE_SECONDS = 120.0  # how long a notice stays among the hints
CLOCK_PARTS = (Part.SPEAKING, Part.CLOCK, Part.PHASES)  # what a clock or phase action changes
FLOOR_PARTS = (Part.SPEAKING,)  # what a floor switch changes


@dataclass(frozen=True)
class Now:
    mono: float
    elapsed: float  # meeting time
    wall: datetime


class EngineState:
    """The fields every layer reads; `MeetingEngine.__init__` sets them."""

    workspace: MeetingHost
    clock: Clock
    version: int  # bumped by every change, so views can share one status per change
    _settings: MeetingSettings
    state: ClockState
    holder: Floor
    phase_id: int | None
    phase_entered: float
    phase_clocks: dict[int, PhaseClockRecord]
    open: SpeakingInterval | None
    open_mono: float
    run_start: float  # meeting time at the last start/resume/gap: reassign stops there
    _generation: int  # bumped by a suspend: older undo commands no longer apply
    _notices: list[tuple[str, float]]
    _confirm: tuple[int, float] | None  # (phase step, when) awaiting a second press
    _tally: Tally | None
    _last_mono: float
    _last_awake: float
    _anchor_mono: float
    _anchor_wall: datetime
    _interrupted: tuple[int | None] | None  # the open interval's id at a crash

    # ---- reading ----------------------------------------------------------------------

    @property
    def session(self) -> Session:
        return self.workspace.session

    @property
    def settings(self) -> MeetingSettings:
        return self._settings

    @settings.setter
    def settings(self, value: MeetingSettings) -> None:
        self._settings = value
        self.version += 1

    def _tally_now(self) -> Tally:
        if self._tally is None:
            self._tally = Tally(s for s in self.session.speaking if s is not self.open)
        return self._tally

    def _closed_totals(self) -> SpeakingTotals:
        return self._tally_now().totals

    def _invalidate(self) -> None:
        """The closed intervals changed other than by one appended at the end: rebuild sums."""
        self._tally = None

    def _now(self) -> Now:
        mono = self.clock.monotonic()
        open_s = max(0.0, mono - self.open_mono) if self.open is not None else 0.0
        wall = self._anchor_wall + timedelta(seconds=mono - self._anchor_mono)
        return Now(mono, self._closed_totals().total + open_s, wall)

    def elapsed(self) -> float:
        """Meeting time so far: the running time of the meeting clock."""
        return self._now().elapsed

    def totals(self) -> SpeakingTotals:
        """Speaking totals now, the running interval included."""
        now = self._now()
        totals = self._tally_now().copy_totals()
        if self.open is not None:
            o = self.open
            add_seconds(
                totals, o.holder, o.lane, o.attendee_id, max(0.0, now.mono - self.open_mono)
            )
        return totals

    def phase_index(self) -> int | None:
        return next((i for i, p in enumerate(self.session.phases) if p.id == self.phase_id), None)

    def describe(self, floor: Floor) -> str:
        """The floor holder in words, with the team's own name."""
        if floor.kind is HolderKind.TEAM and floor.lane is not None:
            return self.session.team(floor.lane).name
        if floor.kind is HolderKind.ATTENDEE:
            person = self.session.attendee(floor.attendee_id)
            team = self.session.team(floor.lane).name if floor.lane else ""
            return f"{person.name} ({team})" if person else team
        return {
            HolderKind.FACILITATOR: "the facilitator",
            HolderKind.CROSSTALK: "crosstalk",
            HolderKind.NOBODY: "nobody",
        }[floor.kind]

    def _notice(self, text: str) -> None:
        self._notices.append((text, self.clock.monotonic()))
        self.version += 1

    @abstractmethod
    def _observe(self) -> Now:
        """Read the clocks, noticing a suspend (`recovery.Recovery`)."""
