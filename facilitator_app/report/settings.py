"""The report's tunable thresholds, apart from the code that builds it (the section builders
read them too)."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.report.follow_through import DEFAULT_STALLED_DAYS
from facilitator_app.report.groups import DEFAULT_THRESHOLD
from facilitator_app.report.meetings import DEFAULT_DOMINANCE


@dataclass(frozen=True)
class ReportSettings:
    stalled_days: int = DEFAULT_STALLED_DAYS  # open with no status change this long: stalled
    dominance: float = DEFAULT_DOMINANCE  # one team above this share of the teams' time
    group_threshold: float = DEFAULT_THRESHOLD  # how alike two factors must be to group
