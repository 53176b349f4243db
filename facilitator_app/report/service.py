"""The report as the console asks for it: which quarters and pairs to offer, and one call that
builds the report for a choice. The page only shows what these return; the rules stay here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from facilitator_app.atomic_write import write_atomically
from facilitator_app.exports.chart_specs import ChartSpec
from facilitator_app.exports.document import Chart, Document
from facilitator_app.model import Session
from facilitator_app.report.build import ReportSettings, build_report
from facilitator_app.report.gather import Selection, select
from facilitator_app.report.patterns import session_day
from facilitator_app.report.period import (
    Period,
    TeamPair,
    last_full_quarter,
    pair_of,
    quarter_of,
    quarter_period,
)
from facilitator_app.report.render import render_report


def quarter_choices(sessions: Sequence[Session], today: date) -> list[Period]:
    """Every quarter that holds a review, and the last full quarter, newest first."""
    found = {last_full_quarter(today).label: last_full_quarter(today)}
    for session in sessions:
        day = session_day(session)
        if day is not None:
            period = quarter_period(*quarter_of(day))
            found[period.label] = period
    return sorted(found.values(), key=lambda p: p.since, reverse=True)


def pair_choices(sessions: Sequence[Session]) -> list[TeamPair]:
    pairs = {pair_of(s).key(): pair_of(s) for s in sessions}
    return sorted(pairs.values(), key=lambda p: p.label.casefold())


@dataclass(frozen=True)
class ReportView:
    selection: Selection
    document: Document

    def charts(self) -> list[ChartSpec]:
        return [b.spec for b in self.document.blocks if isinstance(b, Chart)]


def report_view(
    sessions: Sequence[Session],
    period: Period,
    pair: TeamPair | None,
    now: datetime,
    settings: ReportSettings | None = None,
) -> ReportView:
    selection = select(sessions, period, pair)
    return ReportView(selection, build_report(selection, settings=settings, now=now))


def export_report(document: Document, fmt: str, path: Path) -> list[Path]:
    """Write the report (and, for Markdown, its charts beside it); the paths written."""
    data, beside = render_report(document, fmt, path)
    for extra, content in beside.items():
        write_atomically(extra, content)
    write_atomically(path, data)
    return [*beside, path]
