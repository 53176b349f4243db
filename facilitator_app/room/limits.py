"""How much one device may send: sizes, and a token bucket per device.

The server adapter applies these to every request before it reaches the room; they live here so
the numbers are written once and the bucket is tested with a fake clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

MAX_BODY_BYTES = 8 * 1024  # one HTTP request body (a join)
MAX_MESSAGE_BYTES = 16 * 1024  # one WebSocket message (the longest form, an action item)
MAX_TEXT_CHARS = 2000  # any one text a participant types
MAX_CONNECTIONS_PER_ADDRESS = 8
MAX_DEVICES = 300


@dataclass
class RateLimiter:
    """`burst` messages at once, refilled at `per_second`; one bucket per key (device)."""

    clock: Callable[[], float]
    per_second: float = 5.0
    burst: float = 20.0
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, key: str) -> bool:
        now = self.clock()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.per_second)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > 10_000:
            self._buckets.pop(next(iter(self._buckets)))
        return True

    def forget(self, key: str) -> None:
        self._buckets.pop(key, None)
