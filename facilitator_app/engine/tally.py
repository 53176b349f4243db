"""Running sums over the closed speaking intervals, so a switch costs the same at minute 80 as
at minute 1.

Built from the stored intervals (`speaking_totals` does the per-holder arithmetic), then extended
one interval at a time as the floor changes hands; anything else (undo, reassign, a suspend)
rebuilds it. Prefix sums of each team's time make the rolling-window share a binary search.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from facilitator_app.model import Lane, SpeakingInterval
from facilitator_app.speaking_totals import (
    SpeakingTotals,
    add_seconds,
    interval_seconds,
    speaking_totals,
    team_lane,
)


class Tally:
    def __init__(self, closed: Iterable[SpeakingInterval] = ()) -> None:
        intervals = list(closed)
        self.totals = speaking_totals(intervals)
        self.ends: list[float] = []  # meeting time at which each closed interval ends
        self.cum_a: list[float] = []  # team A's time up to each end
        self.cum_b: list[float] = []
        self.lanes: list[Lane | None] = []
        for interval in intervals:
            self._extend(interval)

    @property
    def total(self) -> float:
        return self.ends[-1] if self.ends else 0.0

    def _extend(self, interval: SpeakingInterval) -> None:
        seconds = interval_seconds(interval)
        lane = team_lane(interval.holder, interval.lane)
        a = self.cum_a[-1] if self.cum_a else 0.0
        b = self.cum_b[-1] if self.cum_b else 0.0
        self.ends.append(self.total + seconds)
        self.cum_a.append(a + (seconds if lane is Lane.A else 0.0))
        self.cum_b.append(b + (seconds if lane is Lane.B else 0.0))
        self.lanes.append(lane)

    def add(self, interval: SpeakingInterval) -> None:
        """One more closed interval at the end (the usual switch)."""
        self._extend(interval)
        totals = self.copy_totals()  # a new object: a status already handed out keeps its sums
        i = interval
        add_seconds(totals, i.holder, i.lane, i.attendee_id, interval_seconds(i))
        self.totals = totals

    def copy_totals(self) -> SpeakingTotals:
        return dataclasses.replace(self.totals, by_attendee=dict(self.totals.by_attendee))

    def teams_since(self, position: float) -> tuple[float, float]:
        """Team A's and team B's time in the closed intervals after meeting time `position`."""
        if not self.ends or position >= self.total:
            return 0.0, 0.0
        if position <= 0:
            return self.cum_a[-1], self.cum_b[-1]
        i = bisect.bisect_right(self.ends, position)  # the interval that contains `position`
        before_a = self.cum_a[i - 1] if i else 0.0
        before_b = self.cum_b[i - 1] if i else 0.0
        start = self.ends[i - 1] if i else 0.0
        inside = position - start  # the part of interval i before `position`
        lane = self.lanes[i]
        a = self.cum_a[-1] - before_a - (inside if lane is Lane.A else 0.0)
        b = self.cum_b[-1] - before_b - (inside if lane is Lane.B else 0.0)
        return a, b
