"""How the meetings themselves went, across reviews: balance, time-box, setup, closing poll.

Pure functions over sessions already chosen for the period (oldest first). Setup warnings are
the setup checklist's (`facilitator_app.checklist`) as it stood when the review was held (its
scheduled start), so "pre-read late" means late for that meeting, not late today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from facilitator_app.checklist import run_checklist, warnings
from facilitator_app.model import Lane, Session
from facilitator_app.report.patterns import session_day
from facilitator_app.speaking_totals import speaking_totals
from facilitator_app.timeutil import now_utc

DEFAULT_DOMINANCE = 0.65  # one team with more than this share of the teams' time dominated
OVERRUN_SLACK = 0.10  # a phase more than 10 % over its plan overran


@dataclass(frozen=True)
class BalanceRow:
    session: Session
    share_a: float | None  # team A's share of the two teams' time
    team_seconds: float
    threshold: float

    @property
    def larger_share(self) -> float | None:
        return None if self.share_a is None else max(self.share_a, 1 - self.share_a)

    @property
    def dominant(self) -> str | None:
        if self.share_a is None:
            return None
        if self.share_a > self.threshold:
            return self.session.teams[0].name
        if 1 - self.share_a > self.threshold:
            return self.session.teams[1].name
        return None


def balance(sessions: Sequence[Session], threshold: float = DEFAULT_DOMINANCE) -> list[BalanceRow]:
    rows = []
    for session in sessions:
        totals = speaking_totals(session.speaking)
        rows.append(
            BalanceRow(session, totals.share(Lane.A), totals.team_a + totals.team_b, threshold)
        )
    return rows


def balance_trend(rows: Sequence[BalanceRow]) -> tuple[float, float] | None:
    """The larger team's average share in the first and the second half of the period."""
    measured = [r.larger_share for r in rows if r.larger_share is not None]
    if len(measured) < 2:
        return None
    half = len(measured) // 2
    first, second = measured[:half], measured[half:]
    return sum(first) / len(first), sum(second) / len(second)


@dataclass
class PhaseUse:
    key: str
    title: str
    planned: list[float] = field(default_factory=list)
    actual: list[float] = field(default_factory=list)
    overran: list[Session] = field(default_factory=list)

    @property
    def mean_planned(self) -> float:
        return sum(self.planned) / len(self.planned) if self.planned else 0.0

    @property
    def mean_actual(self) -> float:
        return sum(self.actual) / len(self.actual) if self.actual else 0.0


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 60


def phase_use(sessions: Sequence[Session]) -> list[PhaseUse]:
    """Planned against actual minutes per phase (by key), over the phases that were held."""
    uses: dict[str, PhaseUse] = {}
    for session in sessions:
        for phase in session.phases:
            used = _minutes(phase.started_at, phase.ended_at)
            if used is None:
                continue
            use = uses.setdefault(phase.key, PhaseUse(phase.key, phase.title))
            use.planned.append(phase.planned_minutes)
            use.actual.append(used)
            if used > phase.planned_minutes * (1 + OVERRUN_SLACK):
                use.overran.append(session)
    return list(uses.values())


@dataclass(frozen=True)
class MeetingLength:
    session: Session
    planned: float
    actual: float

    @property
    def over(self) -> float:
        return self.actual - self.planned


def meeting_lengths(sessions: Sequence[Session]) -> list[MeetingLength]:
    found = []
    for session in sessions:
        held = [p for p in session.phases if p.started_at and p.ended_at]
        if not held:
            continue
        actual = sum(_minutes(p.started_at, p.ended_at) or 0.0 for p in held)
        found.append(MeetingLength(session, float(session.timebox_minutes), actual))
    return found


@dataclass
class RecurringWarning:
    key: str
    title: str  # the first review's wording (titles name the team, so keys group them)
    sessions: list[Session] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


_WARNING_TITLES = {
    "lead": "A team lead missing",
    "on-call": "An on-call engineer missing",
    "facilitator": "No neutral facilitator",
    "pre-read": "Pre-read late or not sent",
    "timebox": "Time-box outside 60-90 minutes",
    "live": "Someone attended only asynchronously",
    "soon": "Held too long after the incident",
}


def setup_warnings(sessions: Sequence[Session], *, min_reviews: int = 2) -> list[RecurringWarning]:
    """Setup-checklist warnings found in at least `min_reviews` reviews, most frequent first."""
    found: dict[str, RecurringWarning] = {}
    for session in sessions:
        held = session.scheduled_start or session.incident_end or now_utc()
        for check in warnings(run_checklist(session, held)):
            key = check.key.rsplit("-", 1)[0] if check.key[-2:] in ("-A", "-B") else check.key
            entry = found.setdefault(
                key, RecurringWarning(key, _WARNING_TITLES.get(key, check.title))
            )
            if not entry.sessions or entry.sessions[-1] is not session:
                entry.sessions.append(session)
                entry.details.append(check.detail)
    recurring = [w for w in found.values() if len(w.sessions) >= min_reviews]
    return sorted(recurring, key=lambda w: (-len(w.sessions), w.title))


@dataclass(frozen=True)
class PollRow:
    session: Session
    answered: int
    learned: float | None  # share answering yes
    again: float | None


def poll_over_time(sessions: Sequence[Session]) -> list[PollRow]:
    rows = []
    for s in sessions:
        p = s.poll
        learned_n, again_n = p.learned_yes + p.learned_no, p.again_yes + p.again_no
        rows.append(
            PollRow(
                s,
                max(learned_n, again_n),
                p.learned_yes / learned_n if learned_n else None,
                p.again_yes / again_n if again_n else None,
            )
        )
    return rows


@dataclass(frozen=True)
class PollMonth:
    month: str  # YYYY-MM
    learned: float | None  # share answering yes, pooled over the month's reviews
    again: float | None
    answers: int
    sessions: tuple[Session, ...]


def by_month(rows: Sequence[PollRow]) -> list[PollMonth]:
    """The closing poll pooled by the month of the incident; months without answers left out."""
    pooled: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    sessions: dict[str, list[Session]] = defaultdict(list)
    for r in rows:
        day = session_day(r.session)
        if day is None or not r.answered:
            continue
        p = r.session.poll
        month = f"{day.year}-{day.month:02d}"
        acc = pooled[month]
        acc[0] += p.learned_yes
        acc[1] += p.learned_yes + p.learned_no
        acc[2] += p.again_yes
        acc[3] += p.again_yes + p.again_no
        sessions[month].append(r.session)
    return [
        PollMonth(
            month,
            a[0] / a[1] if a[1] else None,
            a[2] / a[3] if a[3] else None,
            max(a[1], a[3]),
            tuple(sessions[month]),
        )
        for month, a in sorted(pooled.items())
    ]
