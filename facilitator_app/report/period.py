"""The range a quarterly retro means: the last full calendar quarter unless told otherwise.

`facilitator report` with no dates covers the last quarter that has ended; `--quarter 2026Q3`
names one; `--since/--until` give any span. `--teams "A,B"` narrows the report to the reviews of
one pair of teams, matched by name in either order and any case. Everything takes `today`
from the caller, so the rules are testable on any date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from facilitator_app.errors import UserError
from facilitator_app.model import Session

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")


@dataclass(frozen=True)
class Period:
    since: date
    until: date
    label: str  # "2026Q3", or "2026-07-01 to 2026-08-15"

    def contains(self, day: date) -> bool:
        return self.since <= day <= self.until

    def previous(self) -> Period:
        """The period of the same kind just before: the quarter before a quarter, else the
        span of the same length ending the day before."""
        if _is_quarter(self):
            year, number = quarter_of(self.since - timedelta(days=1))
            return quarter_period(year, number)
        length = self.until - self.since
        until = self.since - timedelta(days=1)
        return span(until - length, until)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_period(year: int, number: int) -> Period:
    first = date(year, 3 * (number - 1) + 1, 1)
    after = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return Period(first, after - timedelta(days=1), f"{year}Q{number}")


def _is_quarter(period: Period) -> bool:
    quarter = quarter_period(*quarter_of(period.since))
    return (quarter.since, quarter.until) == (period.since, period.until)


def span(since: date, until: date) -> Period:
    period = Period(since, until, f"{since.isoformat()} to {until.isoformat()}")
    return quarter_period(*quarter_of(since)) if _is_quarter(period) else period


def last_full_quarter(today: date) -> Period:
    """The most recent calendar quarter that has ended before `today`."""
    year, number = quarter_of(today)
    return quarter_period(year - 1, 4) if number == 1 else quarter_period(year, number - 1)


def parse_quarter(text: str, option: str = "--quarter") -> Period:
    match = _QUARTER.match(text)
    if match is None:
        raise UserError(f"not a quarter (like 2026Q3): {text!r}", field=option)
    return quarter_period(int(match.group(1)), int(match.group(2)))


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"not a date (YYYY-MM-DD): {text!r}", field=option) from None


def resolve_period(
    today: date,
    *,
    quarter: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Period:
    """The period the options ask for (see the module docstring), or UserError naming one."""
    if quarter and (since or until):
        raise UserError("give either --quarter or --since/--until, not both", field="--quarter")
    if quarter:
        return parse_quarter(quarter)
    if until and not since:
        raise UserError("--until needs --since", field="--until")
    if since:
        first = parse_day(since, "--since")
        last = parse_day(until, "--until") if until else today
        if last < first:
            raise UserError(f"ends ({last}) before it starts ({first})", field="--until")
        return span(first, last)
    return last_full_quarter(today)


@dataclass(frozen=True)
class TeamPair:
    """Two teams, in no particular order, matched by name whatever its case."""

    first: str
    second: str

    @property
    def label(self) -> str:
        return f"{self.first} / {self.second}"

    def key(self) -> frozenset[str]:
        return frozenset((self.first.casefold(), self.second.casefold()))

    def matches(self, session: Session) -> bool:
        return pair_of(session).key() == self.key()


def pair_of(session: Session) -> TeamPair:
    """A session's two teams, in name order, so that A/B and B/A are the same pair."""
    a, b = sorted((t.name for t in session.teams), key=str.casefold)
    return TeamPair(a, b)


def parse_teams(text: str, option: str = "--teams") -> TeamPair:
    names = [part.strip() for part in text.split(",")]
    if len(names) != 2 or not all(names):
        raise UserError(f"name two teams separated by a comma: {text!r}", field=option)
    if names[0].casefold() == names[1].casefold():
        raise UserError("the two teams need different names", field=option)
    return TeamPair(names[0], names[1])
