"""The clocks the meeting engine reads, injected so that tests move time by hand.

Three readings, because a meeting needs three different truths:

- `monotonic()`: seconds on a clock that never jumps when someone (or NTP) sets the system clock,
  and that keeps counting while the computer sleeps. Every duration comes from it.
- `awake()`: seconds on a clock that stops while the computer sleeps. The difference between the
  two over a stretch of time is how long the machine was suspended.
- `wall()`: the aware UTC date and time, read only to record when things happened and to anchor
  the projected finish; never used to measure a duration inside one run of the app.

Where a platform cannot tell sleeping time apart (Windows), `awake()` equals `monotonic()`: a
suspend then looks like time that passed with the floor holder still holding the floor.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds, counting through suspend, immune to wall-clock changes."""
        ...

    def awake(self) -> float:
        """Seconds, stopping while the computer is suspended."""
        ...

    def wall(self) -> datetime:
        """The current aware UTC time (for the record only)."""
        ...


def _clock_ids() -> tuple[int | None, int | None]:
    """(clock counting suspend, clock stopping in suspend) for `time.clock_gettime`."""
    if sys.platform.startswith("linux"):
        return getattr(time, "CLOCK_BOOTTIME", None), getattr(time, "CLOCK_MONOTONIC", None)
    if sys.platform == "darwin":
        # On macOS CLOCK_MONOTONIC keeps counting in sleep; CLOCK_UPTIME_RAW does not.
        return getattr(time, "CLOCK_MONOTONIC", None), getattr(time, "CLOCK_UPTIME_RAW", None)
    return None, None


class SystemClock:
    """The real clocks of this machine."""

    def __init__(self) -> None:
        self._through_sleep, self._awake = _clock_ids()

    def monotonic(self) -> float:
        if self._through_sleep is not None:
            return time.clock_gettime(self._through_sleep)
        return time.monotonic()

    def awake(self) -> float:
        if self._through_sleep is not None and self._awake is not None:
            return time.clock_gettime(self._awake)
        return self.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told: for tests and scripted checks (never sleeps)."""

    def __init__(self, wall: datetime | None = None) -> None:
        self._mono = 1000.0
        self._awake = 500.0
        self._wall = wall or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self._mono

    def awake(self) -> float:
        return self._awake

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        """Time passes normally, machine awake."""
        if seconds < 0:
            raise ValueError("time does not run backwards")
        self._mono += seconds
        self._awake += seconds
        self._wall += timedelta(seconds=seconds)

    def suspend(self, seconds: float) -> None:
        """The machine sleeps: real time passes, the awake clock stands still."""
        if seconds < 0:
            raise ValueError("time does not run backwards")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)

    def set_wall(self, wall: datetime) -> None:
        """Someone sets the system clock: only the wall reading jumps."""
        self._wall = wall

    def restart(self) -> None:
        """A new process: the monotonic clocks start from another origin."""
        self._mono = 7.0
        self._awake = 3.0
