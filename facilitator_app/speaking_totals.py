"""Totals of speaking time per holder, derived from the stored intervals (never from ticks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from facilitator_app.model import HolderKind, Lane, SpeakingInterval


def interval_seconds(interval: SpeakingInterval, now: datetime | None = None) -> float:
    """The measured length; an open interval runs until `now` (or counts nothing without it)."""
    if interval.seconds is not None:
        return interval.seconds
    end = interval.ended_at or now
    if end is None:
        return 0.0
    return max(0.0, (end - interval.started_at).total_seconds())


@dataclass
class SpeakingTotals:
    team_a: float = 0.0
    team_b: float = 0.0
    facilitator: float = 0.0
    crosstalk: float = 0.0
    nobody: float = 0.0
    by_attendee: dict[int, float] = field(default_factory=dict)

    def team(self, lane: Lane) -> float:
        return self.team_a if lane is Lane.A else self.team_b

    @property
    def total(self) -> float:
        return self.team_a + self.team_b + self.facilitator + self.crosstalk + self.nobody

    def share(self, lane: Lane) -> float | None:
        """A team's share of the two teams' time, or None before either has spoken."""
        both = self.team_a + self.team_b
        return None if both <= 0 else self.team(lane) / both


def team_lane(holder: HolderKind, lane: Lane | None) -> Lane | None:
    """The team a holder's time counts to: a team's, or an attendee's team; else none."""
    return lane if holder in (HolderKind.TEAM, HolderKind.ATTENDEE) else None


def add_seconds(
    totals: SpeakingTotals,
    holder: HolderKind,
    lane: Lane | None,
    attendee_id: int | None,
    seconds: float,
) -> None:
    """The bucket rule, written once: time goes to its team (an attendee's to their team and to
    them), to the facilitator, to crosstalk, or to nobody."""
    counted = team_lane(holder, lane)
    if counted is Lane.A:
        totals.team_a += seconds
    elif counted is Lane.B:
        totals.team_b += seconds
    elif holder is HolderKind.FACILITATOR:
        totals.facilitator += seconds
    elif holder is HolderKind.CROSSTALK:
        totals.crosstalk += seconds
    else:
        totals.nobody += seconds
    if holder is HolderKind.ATTENDEE and attendee_id is not None:
        totals.by_attendee[attendee_id] = totals.by_attendee.get(attendee_id, 0.0) + seconds


def speaking_totals(
    intervals: list[SpeakingInterval], now: datetime | None = None
) -> SpeakingTotals:
    totals = SpeakingTotals()
    for interval in intervals:
        seconds = interval_seconds(interval, now)
        add_seconds(totals, interval.holder, interval.lane, interval.attendee_id, seconds)
    return totals
