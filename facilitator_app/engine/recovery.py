"""A suspend noticed as it happens, and a crash recovered at open (the explicit `recover()`)."""

from __future__ import annotations

from datetime import timedelta

from facilitator_app.engine.floor import NOBODY, Floor
from facilitator_app.engine.history import History
from facilitator_app.engine.state import CLOCK_PARTS, SUSPEND_MIN_SECONDS, Now
from facilitator_app.engine.status import ClockState
from facilitator_app.engine.timebox import format_m_ss
from facilitator_app.model import HolderKind, SpeakingInterval


class Recovery(History):
    """Layer 4: suspend and crash recovery."""

    def _observe(self) -> Now:
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
        self.workspace.notify(*CLOCK_PARTS)

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
