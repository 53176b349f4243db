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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator_app.engine.balance import WindowTotals, dominant_lane, fair_share_a
from facilitator_app.engine.clock import Clock
from facilitator_app.engine.floor import NOBODY, Floor, toggled_team
from facilitator_app.engine.host import MeetingHost
from facilitator_app.engine.settings import MeetingSettings, load_settings
from facilitator_app.engine.snapshot import Snapshot, copy_interval, diff_write
from facilitator_app.engine.status import (
    Balance,
    ClockState,
    Hint,
    HintKind,
    MeetingStatus,
    PhaseView,
)
from facilitator_app.engine.tally import Tally
from facilitator_app.engine.timebox import (
    PhaseInput,
    Plan,
    countdown,
    format_m_ss,
    plan,
)
from facilitator_app.model import (
    Attendee,
    HolderKind,
    Lane,
    Phase,
    Session,
    SessionState,
    SpeakingInterval,
)
from facilitator_app.parts import Part
from facilitator_app.speaking_totals import SpeakingTotals, add_seconds
from facilitator_app.store import PhaseClockRecord
from facilitator_app.undo import Command

SUSPEND_MIN_SECONDS = 2.0  # less unseen time than this is scheduling noise, not a suspend
NOTICE_SECONDS = 120.0  # how long a notice stays among the hints
_PARTS = (Part.SPEAKING, Part.CLOCK, Part.PHASES)  # what a clock or phase action changes
_FLOOR = (Part.SPEAKING,)  # what a floor switch changes


@dataclass(frozen=True)
class _Now:
    mono: float
    elapsed: float  # meeting time
    wall: datetime


class MeetingEngine:
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

    def _now(self) -> _Now:
        mono = self.clock.monotonic()
        open_s = max(0.0, mono - self.open_mono) if self.open is not None else 0.0
        wall = self._anchor_wall + timedelta(seconds=mono - self._anchor_mono)
        return _Now(mono, self._closed_totals().total + open_s, wall)

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

    # ---- actions (each one undoable, written at once) ----------------------------------

    def set_floor(self, floor: Floor) -> bool:
        """Give the floor to `floor` (before the clock runs, it only remembers who holds it)."""

        def mutate(now: _Now) -> bool:
            if floor == self.holder or self.state is ClockState.ENDED:
                return False
            if self.state is ClockState.RUNNING:
                self._switch_open(floor, now)
            self.holder = floor
            return True

        return self._act(f"Floor: {self.describe(floor)}", mutate, parts=_FLOOR)

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
        def mutate(now: _Now) -> bool:
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
        def mutate(now: _Now) -> bool:
            if self.state is not ClockState.PAUSED:
                return False
            self._begin_run(now)
            return True

        return self._act("Resume the meeting clock", mutate)

    def end_meeting(self) -> bool:
        def mutate(now: _Now) -> bool:
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
                self.workspace.notify(*_PARTS)
                return False
        self._confirm = None

        def mutate(now: _Now) -> bool:
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

        def mutate(now: _Now) -> bool:
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

        def cut_at(now: _Now) -> float:
            return now.elapsed - max(0.0, min(span, now.elapsed - self.run_start))

        def tail_from(now: _Now) -> int:
            return self._index_at(cut_at(now), now)

        def mutate(now: _Now) -> bool:
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

    def dismiss_notices(self) -> None:
        if self._notices:
            self._notices.clear()
            self.version += 1
            self.workspace.notify(*_PARTS)

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

    # ---- the picture views draw -------------------------------------------------------

    def status(self) -> MeetingStatus:
        now = self._now()
        s = self.settings
        session = self.session
        timebox = session.timebox_minutes * 60.0
        open_s = max(0.0, now.mono - self.open_mono) if self.open is not None else 0.0
        totals = self.totals()
        count = len(session.phases)
        if self.state is ClockState.ENDED:
            current: int | None = count
            shown = count - 1 if count else None
        elif self.state is ClockState.IDLE:
            current, shown = None, (0 if count else None)
        else:
            current = shown = self.phase_index()
        the_plan = self._plan(now, current)
        phase_cd = None
        if shown is not None:
            p = the_plan.phases[shown]
            phase_cd = countdown(p.budget, p.spent, s.thresholds)
        views = tuple(
            PhaseView(
                ph.id, ph.key, ph.title, ph.planned_minutes * 60, pp.budget, pp.spent, pp.state
            )
            for ph, pp in zip(session.phases, the_plan.phases, strict=True)
        )
        left = 0.0 if self.state is ClockState.ENDED else the_plan.meeting_left
        if not session.phases:
            left = max(0.0, timebox - now.elapsed)
        fair = fair_share_a(session.attendees, s.fair_share)
        window = self._window(now, open_s, s.dominance_window_minutes * 60)
        dominant = dominant_lane(window, fair, s) if self.state is ClockState.RUNNING else None
        balance = Balance(totals.team_a, totals.team_b, totals.share(Lane.A), fair, dominant)
        return MeetingStatus(
            clock=self.state,
            elapsed=now.elapsed,
            meeting=countdown(timebox, now.elapsed, s.thresholds),
            phase=phase_cd,
            phase_index=shown,
            phases=views,
            projected_finish=now.wall + timedelta(seconds=left),
            projected_over=left - (timebox - now.elapsed),
            holder=self.holder,
            holder_seconds=open_s if self.state is ClockState.RUNNING else 0.0,
            totals=totals,
            balance=balance,
            hints=self._hints(now, open_s, window.share(dominant), dominant),
        )

    def _window(self, now: _Now, open_s: float, window: float) -> WindowTotals:
        """Team time in the last `window` seconds of meeting time (prefix sums: no walk)."""
        tally = self._tally_now()
        a, b = tally.teams_since(max(0.0, now.elapsed - window))
        if self.open is not None:
            part = min(open_s, window)
            lane = Floor.of(self.open).team_lane
            a += part if lane is Lane.A else 0.0
            b += part if lane is Lane.B else 0.0
        return WindowTotals(a, b, min(window, now.elapsed))

    def _hints(
        self, now: _Now, open_s: float, window_share: float, dominant: Lane | None
    ) -> tuple[Hint, ...]:
        hints = []
        if self.state is ClockState.IDLE and not self.holder.is_nobody:
            hints.append(
                Hint(
                    HintKind.CLOCK_NOT_STARTED,
                    "Clock not started: press Space to start the meeting clock",
                )
            )
        if (
            self.state is ClockState.RUNNING
            and self.holder.is_nobody
            and open_s >= self.settings.nobody_hint_seconds
        ):
            hints.append(
                Hint(
                    HintKind.NOBODY_HAS_FLOOR, f"Nobody has had the floor for {format_m_ss(open_s)}"
                )
            )
        if dominant is not None:
            team = self.session.team(dominant).name
            minutes = round(self.settings.dominance_window_minutes)
            share = round(100 * window_share)
            hints.append(
                Hint(
                    HintKind.DOMINANCE,
                    f"{team} has had {share} % of the teams' time in the last {minutes} min",
                )
            )
        if self._confirm is not None:
            step, when = self._confirm
            if now.mono - when <= self.settings.confirm_seconds:
                target = self._target_phase(step)
                if target is not None:
                    title = self.session.phases[target].title
                    hints.append(Hint(HintKind.CONFIRM_PHASE, f"Press again to go to {title}"))
        for text, when in self._notices:
            if now.mono - when <= NOTICE_SECONDS:
                hints.append(Hint(HintKind.NOTICE, text))
        return tuple(hints)

    # ---- internals: the action template -----------------------------------------------

    def _act(
        self,
        text: str,
        mutate: Callable[[_Now], bool],
        tail_from: Callable[[_Now], int] | None = None,
        *,
        undoable: bool = True,
        parts: tuple[Part, ...] = _PARTS,
    ) -> bool:
        now = self._observe()
        index = tail_from(now) if tail_from is not None else self._open_index()
        before = self._snapshot(index)
        if not mutate(now):
            return False
        self.version += 1
        after = self._persist(before, now)
        if undoable:
            self._push(text, before, after)
        self.workspace.notify(*parts)
        return True

    def _persist(self, before: Snapshot, now: _Now) -> Snapshot:
        """Write the difference from `before` to the live state; on failure undo it in memory."""
        live = self.session.speaking[before.tail_from :]
        try:
            after = self._snapshot(before.tail_from)
            open_s = max(0.0, self.clock.monotonic() - self.open_mono) if self.open else 0.0
            write = diff_write(before, live, self.open, open_s, after)
            self.workspace.store.write_meeting(self.workspace.session_id, write)
        except BaseException:
            self._apply(before)
            raise
        return self._snapshot(before.tail_from)  # with the ids the store just assigned

    def _push(self, text: str, before: Snapshot, after: Snapshot) -> None:
        generation = self._generation
        fresh = [True]  # UndoStack.push runs redo once: the action has already happened

        def redo() -> None:
            if fresh[0]:
                fresh[0] = False
                return
            self._restore(after, generation)

        self.workspace.undo_stack.push(
            Command(text, redo, lambda: self._restore(before, generation))
        )

    def _restore(self, target: Snapshot, generation: int) -> None:
        now = self._observe()
        if generation != self._generation:
            self._notice("That change was made before the computer slept; it cannot be undone.")
            self.workspace.notify(*_PARTS)
            return
        current = self._snapshot(target.tail_from)
        self._apply(target)
        self.version += 1
        self._persist(current, now)
        clock_changed = (current.state, current.phase_id, current.phase_clocks) != (
            target.state,
            target.phase_id,
            target.phase_clocks,
        )
        self.workspace.notify(*(_PARTS if clock_changed else _FLOOR))

    def _snapshot(self, tail_from: int) -> Snapshot:
        speaking = self.session.speaking
        tail = tuple(copy_interval(s) for s in speaking[tail_from:])
        open_at = next((i for i, s in enumerate(speaking[tail_from:]) if s is self.open), None)
        return Snapshot(
            tail_from=tail_from,
            tail=tail,
            open_at=open_at,
            open_mono=self.open_mono,
            state=self.state,
            holder=self.holder,
            phase_id=self.phase_id,
            phase_entered=self.phase_entered,
            run_start=self.run_start,
            phase_clocks=dict(self.phase_clocks),
            phase_marks=tuple((p, p.started_at, p.ended_at) for p in self.session.phases),
            session_state=self.session.state,
        )

    def _apply(self, snap: Snapshot) -> None:
        speaking = self.session.speaking
        copies = [copy_interval(s) for s in snap.tail]
        speaking[snap.tail_from :] = copies
        self.open = copies[snap.open_at] if snap.open_at is not None else None
        self.open_mono = snap.open_mono
        self.state = snap.state
        self.holder = snap.holder
        self.phase_id = snap.phase_id
        self.phase_entered = snap.phase_entered
        self.run_start = snap.run_start
        self.phase_clocks = dict(snap.phase_clocks)
        for phase, started, ended in snap.phase_marks:
            phase.started_at, phase.ended_at = started, ended
        self.session.state = snap.session_state
        self._invalidate()

    # ---- internals: intervals ---------------------------------------------------------

    def _open_index(self) -> int:
        speaking = self.session.speaking
        if self.open is not None:
            return next(i for i in range(len(speaking) - 1, -1, -1) if speaking[i] is self.open)
        return len(speaking)

    def _open_interval(self, floor: Floor, started_at: datetime, mono: float) -> None:
        interval = SpeakingInterval(
            floor.kind, started_at, lane=floor.lane, attendee_id=floor.attendee_id
        )
        self.session.speaking.append(interval)
        self.open = interval
        self.open_mono = mono

    def _close_open(self, now: _Now) -> None:
        interval = self.open
        assert interval is not None
        held = max(0.0, now.mono - self.open_mono)
        interval.seconds = held
        interval.ended_at = interval.started_at + timedelta(seconds=held)
        self.open = None
        if self._tally is not None:
            self._tally.add(interval)  # it is the last one: extend the sums

    def _switch_open(self, floor: Floor, now: _Now) -> None:
        current = self.open
        assert current is not None
        if now.mono - self.open_mono <= 1e-9:  # nothing accrued yet: relabel it in place
            relabelled = dataclasses.replace(
                current, holder=floor.kind, lane=floor.lane, attendee_id=floor.attendee_id
            )
            self.session.speaking[self._open_index()] = relabelled
            self.open = relabelled
            return
        self._close_open(now)
        assert current.ended_at is not None
        self._open_interval(floor, current.ended_at, now.mono)

    def _pause_now(self, now: _Now) -> bool:
        """Pausing, for Space and for a clean close alike (only the latter is not undoable)."""
        if self.state is not ClockState.RUNNING:
            return False
        self._close_open(now)
        self.state = ClockState.PAUSED
        return True

    def _last_end(self) -> datetime | None:
        for interval in reversed(self.session.speaking):
            if interval.ended_at is not None:
                return interval.ended_at
        return None

    def _begin_run(self, now: _Now) -> _Now:
        """Start or resume: take a fresh wall reading as the anchor (never before the record)."""
        wall = self.clock.wall()
        last = self._last_end()
        if last is not None and wall < last:
            wall = last
        self._anchor_mono, self._anchor_wall = now.mono, wall
        now = _Now(now.mono, now.elapsed, wall)
        self._open_interval(self.holder, wall, now.mono)
        self.state = ClockState.RUNNING
        self.run_start = now.elapsed
        return now

    def _position(self, index: int, now: _Now) -> float:
        """Meeting time at which interval `index` starts."""
        end = now.elapsed
        speaking = self.session.speaking
        for i in range(len(speaking) - 1, index - 1, -1):
            end -= self._length(speaking[i], now)
        return end

    def _index_at(self, position: float, now: _Now) -> int:
        """The interval covering meeting time `position` (walking back from the newest)."""
        speaking = self.session.speaking
        end = now.elapsed
        for i in range(len(speaking) - 1, -1, -1):
            start = end - self._length(speaking[i], now)
            if start <= position + 1e-9:
                return i
            end = start
        return 0

    def _length(self, interval: SpeakingInterval, now: _Now) -> float:
        if interval is self.open:
            return max(0.0, now.mono - self.open_mono)
        return interval.seconds if interval.seconds is not None else 0.0

    # ---- internals: phases ------------------------------------------------------------

    def _require_index(self) -> int:
        index = self.phase_index()
        assert index is not None
        return index

    def _target_phase(self, step: int) -> int | None:
        if self.state not in (ClockState.RUNNING, ClockState.PAUSED):
            return None
        index = self.phase_index()
        if index is None:
            return None
        target = index + step
        return target if 0 <= target < len(self.session.phases) else None

    def _phase_inputs(self, elapsed: float) -> list[PhaseInput]:
        inputs = []
        for phase in self.session.phases:
            clock = self.phase_clocks.get(phase.id) if phase.id is not None else None
            spent = clock.spent_seconds if clock else 0.0
            if (
                phase.id is not None
                and phase.id == self.phase_id
                and self.state in (ClockState.RUNNING, ClockState.PAUSED)
            ):
                spent += max(0.0, elapsed - self.phase_entered)
            inputs.append(
                PhaseInput(
                    phase.planned_minutes * 60.0,
                    clock.scale if clock else None,
                    clock.nudge_seconds if clock else 0.0,
                    spent,
                )
            )
        return inputs

    def _plan(self, now: _Now, current: int | None) -> Plan:
        return plan(
            self._phase_inputs(now.elapsed),
            current,
            self.session.timebox_minutes * 60.0,
            now.elapsed,
            self.settings.min_scale,
        )

    def _leave_phase(self, now: _Now) -> None:
        index = self.phase_index()
        if index is None:
            return
        phase = self.session.phases[index]
        assert phase.id is not None
        clock = self.phase_clocks.get(phase.id) or PhaseClockRecord(phase.id, 1.0)
        spent = clock.spent_seconds + max(0.0, now.elapsed - self.phase_entered)
        self.phase_clocks[phase.id] = dataclasses.replace(clock, spent_seconds=spent)
        phase.ended_at = now.wall
        self.phase_id = None

    def _enter_phase(self, index: int, now: _Now) -> None:
        phase: Phase = self.session.phases[index]
        if phase.id is None:
            return
        clock = self.phase_clocks.get(phase.id) or PhaseClockRecord(phase.id, None)
        if clock.scale is None:
            self.phase_clocks[phase.id] = clock
            clock = dataclasses.replace(clock, scale=self._plan(now, index).upcoming_scale)
        self.phase_clocks[phase.id] = clock
        if phase.started_at is None:
            phase.started_at = now.wall
        phase.ended_at = None
        self.phase_id = phase.id
        self.phase_entered = now.elapsed

    # ---- internals: suspend, recovery ---------------------------------------------------

    def _notice(self, text: str) -> None:
        self._notices.append((text, self.clock.monotonic()))
        self.version += 1

    def _observe(self) -> _Now:
        """Read the clocks; a stretch of monotonic time the awake clock missed is a suspend."""
        mono, awake = self.clock.monotonic(), self.clock.awake()
        awake_delta = awake - self._last_awake
        slept = (mono - self._last_mono) - awake_delta
        at = self._last_mono + awake_delta
        self._last_mono, self._last_awake = mono, awake
        if slept >= SUSPEND_MIN_SECONDS and self.state is ClockState.RUNNING and self.open:
            self._absorb_gap(at, slept)
        return self._now()

    def _absorb_gap(self, at_mono: float, slept: float) -> None:
        """The machine slept at `at_mono` for `slept` seconds while the clock ran."""
        before = self._snapshot(self._open_index())
        holder = self.describe(self.holder)
        current = self.open
        assert current is not None
        held = max(0.0, at_mono - self.open_mono)
        current.seconds = held
        current.ended_at = current.started_at + timedelta(seconds=held)
        gap = SpeakingInterval(
            HolderKind.NOBODY,
            current.ended_at,
            current.ended_at + timedelta(seconds=slept),
            seconds=slept,
        )
        self.session.speaking.append(gap)
        self.open = None
        self._invalidate()
        self._open_interval(NOBODY, gap.ended_at or gap.started_at, at_mono + slept)
        self.holder = NOBODY
        self._generation += 1
        now = self._now()
        self.run_start = now.elapsed
        self._persist(before, now)
        self._notice(
            f"The computer slept for {_duration(slept)}: the meeting clock counted "
            f"it, {holder} got no credit for it, and nobody has the floor now."
        )
        self.workspace.notify(*_PARTS)

    def _load(self) -> None:
        record = self.workspace.store.load_meeting(self.workspace.session_id)
        self.phase_clocks = dict(record.phases)
        stored = record.clock
        if stored is None:
            return
        self.state = ClockState(stored.state)
        self.holder = Floor(stored.holder, stored.lane, stored.attendee_id)
        self.phase_entered = stored.phase_entered_elapsed
        ids = {p.id for p in self.session.phases}
        self.phase_id = stored.phase_id if stored.phase_id in ids else None
        if self.phase_id is None and self.state in (ClockState.RUNNING, ClockState.PAUSED):
            self.phase_id = self.session.phases[0].id if self.session.phases else None
        if self.state is ClockState.RUNNING:
            self._interrupted = (stored.open_interval_id,)

    def recover(self) -> None:
        """The explicit step at open: a meeting that was running when the app stopped without
        closing is reopened (the outage goes to nobody) or paused, and that is written."""
        if self._interrupted is None:
            return
        (open_id,) = self._interrupted
        self._interrupted = None
        self._recover(open_id)

    def _recover(self, open_id: int | None) -> None:
        speaking = self.session.speaking
        index = next((i for i, s in enumerate(speaking) if s.id == open_id), None)
        before = self._snapshot(len(speaking) if index is None else index)
        last = speaking[index] if index is not None else None
        if last is not None:
            if last.seconds is None or last.ended_at is None:  # never checkpointed
                last.seconds = last.seconds or 0.0
                last.ended_at = last.started_at + timedelta(seconds=last.seconds)
            self.holder = Floor.of(last)
        self._invalidate()
        wall = self.clock.wall()
        stopped = self._last_end() or wall
        gap = max(0.0, (wall - stopped).total_seconds())
        limit = self.settings.max_recovery_gap_minutes * 60
        now = self._now()
        if last is None or gap > limit:
            self.state = ClockState.PAUSED
            self._anchor_wall = max(wall, stopped)
            self._notice(
                "The app stopped unexpectedly while the clock ran; the meeting clock is "
                "paused where it stopped. Press Space to resume."
            )
        else:
            if gap > 0:
                speaking.append(
                    SpeakingInterval(
                        HolderKind.NOBODY, stopped, stopped + timedelta(seconds=gap), seconds=gap
                    )
                )
                self._invalidate()
            self._anchor_mono, self._anchor_wall = now.mono, stopped + timedelta(seconds=gap)
            now = self._now()
            self._open_interval(self.holder, now.wall, now.mono)
            self.run_start = now.elapsed
            self._notice(
                f"Reopened after the app stopped unexpectedly: the {_duration(gap)} it was "
                f"closed counted as nobody's; {self.describe(self.holder)} has the floor again."
            )
        self._persist(before, now)


def _duration(seconds: float) -> str:
    """A gap in words: "0.4 s", "7 s", "12:34 min"."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 60:
        return f"{round(seconds)} s"
    return f"{format_m_ss(seconds)} min"
