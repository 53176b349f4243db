"""The speaking intervals: opening, closing and switching the running one, and positions in
meeting time (they tile the meeting clock exactly)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from facilitator_app.engine.floor import Floor
from facilitator_app.engine.state import EngineState, Now
from facilitator_app.engine.status import ClockState
from facilitator_app.model import SpeakingInterval


class Intervals(EngineState):
    """Layer 1 of the engine: the speaking intervals."""

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

    def _close_open(self, now: Now) -> None:
        interval = self.open
        assert interval is not None
        held = max(0.0, now.mono - self.open_mono)
        interval.seconds = held
        interval.ended_at = interval.started_at + timedelta(seconds=held)
        self.open = None
        if self._tally is not None:
            self._tally.add(interval)  # it is the last one: extend the sums

    def _switch_open(self, floor: Floor, now: Now) -> None:
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

    def _pause_now(self, now: Now) -> bool:
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

    def _begin_run(self, now: Now) -> Now:
        """Start or resume: take a fresh wall reading as the anchor (never before the record)."""
        wall = self.clock.wall()
        last = self._last_end()
        if last is not None and wall < last:
            wall = last
        self._anchor_mono, self._anchor_wall = now.mono, wall
        now = Now(now.mono, now.elapsed, wall)
        self._open_interval(self.holder, wall, now.mono)
        self.state = ClockState.RUNNING
        self.run_start = now.elapsed
        return now

    def _position(self, index: int, now: Now) -> float:
        """Meeting time at which interval `index` starts."""
        end = now.elapsed
        speaking = self.session.speaking
        for i in range(len(speaking) - 1, index - 1, -1):
            end -= self._length(speaking[i], now)
        return end

    def _index_at(self, position: float, now: Now) -> int:
        """The interval covering meeting time `position` (walking back from the newest)."""
        speaking = self.session.speaking
        end = now.elapsed
        for i in range(len(speaking) - 1, -1, -1):
            start = end - self._length(speaking[i], now)
            if start <= position + 1e-9:
                return i
            end = start
        return 0

    def _length(self, interval: SpeakingInterval, now: Now) -> float:
        if interval is self.open:
            return max(0.0, now.mono - self.open_mono)
        return interval.seconds if interval.seconds is not None else 0.0
