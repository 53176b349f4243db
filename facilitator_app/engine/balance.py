"""Speaking balance: team shares against a fair share, and the rolling-window dominance cue.

Shares count the two teams' time only (an attendee's time counts to their team); the
facilitator, crosstalk and silence are reported apart and never tilt the balance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facilitator_app.engine.settings import FairShare, MeetingSettings
from facilitator_app.model import Attendee, HolderKind, Lane, Role, SpeakingInterval
from facilitator_app.speaking_totals import interval_seconds


def fair_share_a(attendees: Sequence[Attendee], mode: FairShare) -> float:
    """Team A's fair share of the teams' time: 0.5, or its share of the present head-count."""
    if mode is FairShare.HEADCOUNT:
        counted = [
            a
            for a in attendees
            if a.present and a.lane is not None and a.role is not Role.FACILITATOR
        ]
        a_count = sum(1 for a in counted if a.lane is Lane.A)
        b_count = len(counted) - a_count
        if a_count and b_count:
            return a_count / (a_count + b_count)
    return 0.5


@dataclass(frozen=True)
class WindowTotals:
    team_a: float
    team_b: float
    seconds: float  # meeting time the window covers

    def share(self, lane: Lane | None) -> float:
        """A team's share of the two teams' time in the window (0 before either spoke)."""
        both = self.team_a + self.team_b
        if lane is None or both <= 0:
            return 0.0
        return (self.team_a if lane is Lane.A else self.team_b) / both


def window_totals(
    intervals: Sequence[SpeakingInterval],
    open_interval: SpeakingInterval | None,
    open_seconds: float,
    window: float,
) -> WindowTotals:
    """Team time in the last `window` seconds of meeting time, walking back from the newest.

    The intervals tile meeting time in list order, so positions are found by summing lengths
    backwards; the walk stops at the window's start, so its cost does not grow with the meeting.
    """
    a = b = covered = 0.0
    for interval in reversed(intervals):
        if covered >= window:
            break
        length = open_seconds if interval is open_interval else interval_seconds(interval)
        take = min(length, window - covered)
        covered += take
        lane = interval.lane if interval.holder in (HolderKind.TEAM, HolderKind.ATTENDEE) else None
        if lane is Lane.A:
            a += take
        elif lane is Lane.B:
            b += take
    return WindowTotals(a, b, covered)


def dominant_lane(window: WindowTotals, fair_a: float, settings: MeetingSettings) -> Lane | None:
    """The team over its fair share by more than the configured margin, if any.

    With half each, the margin puts the cue at `dominance_share` (65 %); with a head-count fair
    share the same margin is kept above each team's own fair share.
    """
    both = window.team_a + window.team_b
    if both <= 0 or both < settings.dominance_min_seconds:
        return None
    margin = settings.dominance_share - 0.5
    share_a = window.team_a / both
    if share_a > fair_a + margin:
        return Lane.A
    if (1 - share_a) > (1 - fair_a) + margin:
        return Lane.B
    return None
