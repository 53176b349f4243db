"""The live meeting engine: meeting clock, phases with adaptive budgets, and the speaking tracker.

Everything is derived from stored instants, never from counted ticks:

- The speaking intervals tile the meeting time. While the clock runs exactly one interval is
  open (possibly "nobody"); while it is paused or not started none is. Meeting time is the sum
  of the interval lengths, so the buckets (teams, facilitator, crosstalk, nobody) always add up
  to the running time of the meeting clock.
- Lengths are differences of `Clock.monotonic()` readings. Wall-clock times are recorded for
  the record: a run (start or resume) takes one wall reading as its anchor and every later
  instant is the anchor plus monotonic seconds.

Defined behaviour at the edges (each tested):

- **System clock change** (someone or NTP sets the clock): nothing changes. Countdowns, totals,
  the recorded interval times and the projected finish all follow the monotonic clock; the next
  start or resume reads the new wall time for the record (never earlier than the last record).
- **Suspend/resume** (detected as monotonic time that the awake clock did not see): the meeting
  clock counts the time that passed, the floor holder gets no credit for the gap (it goes to
  "nobody" as its own interval), the floor is nobody's after it, and a notice tells the
  facilitator. Undo does not reach across the gap.
- **Crash** (`kill -9`): every action was written at once and the running interval is
  checkpointed at least every second (`tick`), so on reopening a running meeting the totals lose
  at most that second. The outage counts as meeting time given to nobody, and the holder gets the
  floor back; after an outage longer than `max_recovery_gap_minutes` the meeting reopens paused
  at the last checkpoint instead. A clean close (`shutdown`) pauses the clock.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from facilitator_app.engine.clock import Clock
from facilitator_app.engine.floor import NOBODY, Floor, toggled_team
from facilitator_app.engine.host import MeetingHost
from facilitator_app.engine.picture import Picture
from facilitator_app.engine.settings import MeetingSettings, load_settings
from facilitator_app.engine.state import CLOCK_PARTS, FLOOR_PARTS, Now
from facilitator_app.engine.status import ClockState
from facilitator_app.engine.tally import Tally
from facilitator_app.engine.timebox import format_m_ss
from facilitator_app.model import Attendee, Lane, Session, SessionState, SpeakingInterval
from facilitator_app.store import PhaseClockRecord


class MeetingEngine(Picture):
    """The live state of one session's meeting. Every action writes through the store at once,
    is undoable through the workspace's undo stack, and notifies views (Part.SPEAKING/CLOCK)."""

    def __init__(
        self, workspace: MeetingHost, clock: Clock, settings: MeetingSettings | None = None
    ) -> None:
        self.workspace = workspace
        self.clock = clock
        self.version = 0  # bumped by every change, so views can share one status per change
        self._settings = settings or load_settings(workspace.store)
        self.state = ClockState.IDLE
        self.holder: Floor = NOBODY
        self.phase_id: int | None = None
        self.phase_entered = 0.0
        self.phase_clocks: dict[int, PhaseClockRecord] = {}
        self.open: SpeakingInterval | None = None
        self.open_mono = 0.0
        self.run_start = 0.0  # meeting time at the last start/resume/gap: reassign stops there
        self._generation = 0  # bumped by a suspend: older undo commands no longer apply
        self._notices: list[tuple[str, float]] = []
        self._confirm: tuple[int, float] | None = None  # (phase step, when) awaiting a 2nd press
        self._tally: Tally | None = None
        mono = clock.monotonic()
        self._last_mono, self._last_awake = mono, clock.awake()
        self._anchor_mono, self._anchor_wall = mono, clock.wall()
        self._interrupted: tuple[int | None] | None = None  # the open interval's id at a crash
        self._load()

    # ---- actions (each one undoable, written at once) ----------------------------------

    def set_floor(self, floor: Floor) -> bool:
        """Give the floor to `floor` (before the clock runs, it only remembers who holds it)."""

        def mutate(now: Now) -> bool:
            if floor == self.holder or self.state is ClockState.ENDED:
                return False
            if self.state is ClockState.RUNNING:
                self._switch_open(floor, now)
            self.holder = floor
            return True

        return self._act(f"Floor: {self.describe(floor)}", mutate, parts=FLOOR_PARTS)

    def toggle_team(self, lane: Lane) -> bool:
        """A team's key: that team has the floor; pressed again, nobody has it."""
        return self.set_floor(toggled_team(self.holder, lane))

    def give_floor_to(self, attendee: Attendee) -> bool:
        return self.set_floor(Floor.attendee(attendee))

    def toggle_clock(self) -> bool:
        """Space: start, pause or resume the meeting clock."""
        if self.state is ClockState.IDLE:
            return self.start()
        if self.state is ClockState.RUNNING:
            return self.pause()
        if self.state is ClockState.PAUSED:
            return self.resume()
        return False

    def start(self) -> bool:
        def mutate(now: Now) -> bool:
            if self.state is not ClockState.IDLE:
                return False
            now = self._begin_run(now)
            if self.session.phases:
                self._enter_phase(0, now)
            self.session.state = SessionState.LIVE
            return True

        return self._act("Start the meeting clock", mutate)

    def pause(self) -> bool:
        return self._act("Pause the meeting clock", self._pause_now)

    def resume(self) -> bool:
        def mutate(now: Now) -> bool:
            if self.state is not ClockState.PAUSED:
                return False
            self._begin_run(now)
            return True

        return self._act("Resume the meeting clock", mutate)

    def end_meeting(self) -> bool:
        def mutate(now: Now) -> bool:
            if self.state in (ClockState.IDLE, ClockState.ENDED):
                return False
            if self.state is ClockState.RUNNING:
                self._close_open(now)
            self._leave_phase(now)
            self.state = ClockState.ENDED
            self.session.state = SessionState.ENDED
            return True

        return self._act("End the meeting", mutate)

    def request_phase_change(self, step: int, *, confirmed: bool) -> bool:
        """Move `step` phases on (+1) or back (-1). A phase change is deliberate: unless
        `confirmed` (a key with a modifier), the first request only arms it and a second one
        within `confirm_seconds` carries it out."""
        if not confirmed:
            mono = self.clock.monotonic()
            armed = self._confirm
            if armed is None or armed[0] != step or mono - armed[1] > self.settings.confirm_seconds:
                if self._target_phase(step) is None:
                    return False
                self._confirm = (step, mono)
                self.version += 1
                self.workspace.notify(*CLOCK_PARTS)
                return False
        self._confirm = None

        def mutate(now: Now) -> bool:
            target = self._target_phase(step)
            if target is None:
                return False
            self._leave_phase(now)
            self._enter_phase(target, now)
            return True

        title = "Next phase" if step > 0 else "Previous phase"
        return self._act(title, mutate)

    def next_phase(self) -> bool:
        return self.request_phase_change(+1, confirmed=True)

    def previous_phase(self) -> bool:
        return self.request_phase_change(-1, confirmed=True)

    def nudge(self, minutes: int) -> bool:
        """Give the current phase a minute more (+1) or less (-1); later phases adapt."""

        def mutate(now: Now) -> bool:
            if self.phase_id is None or self.state in (ClockState.IDLE, ClockState.ENDED):
                return False
            clock = self.phase_clocks[self.phase_id]
            phase = self.session.phases[self._require_index()]
            budget = phase.planned_minutes * 60 * (clock.scale or 1.0) + clock.nudge_seconds
            delta = max(minutes * 60.0, -budget)
            if delta == 0:
                return False
            self.phase_clocks[self.phase_id] = dataclasses.replace(
                clock, nudge_seconds=clock.nudge_seconds + delta
            )
            return True

        sign = "+" if minutes > 0 else "−"
        return self._act(f"Nudge the phase {sign}{abs(minutes)} min", mutate)

    def reassign_last(self, floor: Floor, seconds: float | None = None) -> bool:
        """The last `seconds` (default `reassign_seconds`) of this run really were `floor`'s:
        they move to it, and it holds the floor from now on. The sum of all buckets is kept."""
        span = self.settings.reassign_seconds if seconds is None else float(seconds)

        def cut_at(now: Now) -> float:
            return now.elapsed - max(0.0, min(span, now.elapsed - self.run_start))

        def tail_from(now: Now) -> int:
            return self._index_at(cut_at(now), now)

        def mutate(now: Now) -> bool:
            if self.state is not ClockState.RUNNING or self.open is None:
                return False
            cut = cut_at(now)
            moved = now.elapsed - cut
            if moved <= 0:
                return False
            index = self._index_at(cut, now)
            keep = cut - self._position(index, now)
            first = self.session.speaking[index]
            new_start = first.started_at + timedelta(seconds=keep)
            del self.session.speaking[index + (1 if keep > 0 else 0) :]
            if keep > 0:
                first.seconds = keep
                first.ended_at = new_start
            self.open = None
            self._invalidate()
            self._open_interval(floor, new_start, now.mono - moved)
            self.holder = floor
            return True

        return self._act(
            f"Reassign the last {format_m_ss(span)} to {self.describe(floor)}", mutate, tail_from
        )

    # ---- time passing -------------------------------------------------------------------

    def tick(self) -> None:
        """Called about twice a second while the clock runs: notices a suspend and checkpoints
        the running interval, so a crash loses less than a second."""
        now = self._observe()
        if self.state is ClockState.RUNNING and self.open is not None and self.open.id is not None:
            held = max(0.0, now.mono - self.open_mono)
            self.workspace.store.checkpoint_interval(
                self.open.id, self.open.started_at + timedelta(seconds=held), held
            )

    def shutdown(self) -> None:
        """A clean close: the clock is paused (reopening later must not count the time away)."""
        if self.state is ClockState.RUNNING:
            self._act("Pause the meeting clock", self._pause_now, undoable=False)

    def export_session(self) -> Session:
        """A copy of the session with the running interval closed now, for exports."""
        session = self.session
        if self.open is None:
            return session
        now = self._now()
        held = max(0.0, now.mono - self.open_mono)
        closed = dataclasses.replace(
            self.open, seconds=held, ended_at=self.open.started_at + timedelta(seconds=held)
        )
        speaking = [closed if s is self.open else s for s in session.speaking]
        return dataclasses.replace(session, speaking=speaking)
