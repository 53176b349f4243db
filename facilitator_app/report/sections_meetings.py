"""The report's sections on the meetings: speaking balance, time-box, setup, closing poll."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from facilitator_app.exports.chart_specs import Bar, BarChartSpec, PhaseChartSpec, PhaseUse
from facilitator_app.exports.document import (
    Block,
    Chart,
    Column,
    Document,
    Inline,
    Paragraph,
    Strong,
    Table,
)
from facilitator_app.exports.formatting import percent
from facilitator_app.model import Session
from facilitator_app.report import meetings
from facilitator_app.report.period import pair_of
from facilitator_app.report.refs import day_text, review_refs

if TYPE_CHECKING:
    from facilitator_app.report.settings import ReportSettings

MAX_BARS_PER_REVIEW = 40  # more reviews than this: the trend chart shows months
BALANCED = "#009E73"
DOMINATED = "#D55E00"


def add(doc: Document, sessions: Sequence[Session], settings: ReportSettings) -> None:
    _balance(doc, sessions, settings.dominance)
    _timebox(doc, sessions)
    _setup(doc, sessions)
    _poll(doc, sessions)


def _balance(doc: Document, sessions: Sequence[Session], threshold: float) -> None:
    rows = meetings.balance(sessions, threshold)
    measured = [r for r in rows if r.larger_share is not None]
    dominated = [r for r in rows if r.dominant]
    trend = meetings.balance_trend(rows)
    summary = (
        f"Speaking time was recorded in {len(measured)} of {len(rows)} reviews; one team had "
        f"more than {percent(threshold)} of the two teams' time in {len(dominated)}."
    )
    if trend:
        change = trend[1] - trend[0]
        direction = (
            "about the same"
            if abs(change) < 0.02
            else ("more balanced" if change < 0 else "less balanced")
        )
        summary += (
            f" The larger side's share averaged {percent(trend[0])} in the first half of the "
            f"period and {percent(trend[1])} in the second: {direction}."
        )
    by_review = len(measured) <= MAX_BARS_PER_REVIEW
    if by_review:
        bars = tuple(
            Bar(
                f"{day_text(r.session)} {pair_of(r.session).label}",
                r.larger_share or 0.0,
                DOMINATED if r.dominant else BALANCED,
            )
            for r in measured
        )
    else:  # hundreds of bars would be a smear: one bar a month, the month's average
        months: dict[str, list[float]] = {}
        for r in measured:
            months.setdefault(day_text(r.session)[:7], []).append(r.larger_share or 0.0)
        bars = tuple(
            Bar(
                f"{month} ({len(shares)} reviews)",
                sum(shares) / len(shares),
                DOMINATED if sum(shares) / len(shares) > threshold else BALANCED,
            )
            for month, shares in sorted(months.items())
        )
    table_rows: list[list[Inline]] = []
    for r in rows:
        a, b = r.session.teams
        shares = (
            "not recorded"
            if r.share_a is None
            else f"{a.name} {percent(r.share_a)} / {b.name} {percent(1 - r.share_a)}"
        )
        table_rows.append(
            [
                day_text(r.session),
                r.session.title,
                shares,
                Strong(r.dominant) if r.dominant else "–",
            ]
        )
    blocks: list[Block] = [Paragraph(summary)]
    if bars:
        blocks.append(
            Chart(
                BarChartSpec(
                    "The larger team's share of speaking time, "
                    + ("review by review" if by_review else "month by month (average)"),
                    bars,
                    unit="share of the two teams' time",
                    value_format="percent",
                    reference=threshold,
                ),
                f"Oldest at the top. The dashed line is the {percent(threshold)} threshold; "
                "bars past it (vermillion) are reviews one team dominated.",
            )
        )
    doc.section(
        "Speaking balance",
        *blocks,
        Table(
            [
                Column("Date", 0.9),
                Column("Review", 2.6),
                Column("Share of the teams' time", 2.4),
                Column(f"Over {percent(threshold)}", 1.1),
            ],
            table_rows,
        ),
    )


def _timebox(doc: Document, sessions: Sequence[Session]) -> None:
    uses = meetings.phase_use(sessions)
    if not uses:
        doc.section(
            "Time-box adherence",
            Paragraph("No phase was timed in this period.", tone="muted"),
        )
        return
    spec = PhaseChartSpec(
        "Planned against actual minutes per phase (average)",
        tuple(PhaseUse(u.title, u.mean_planned, u.mean_actual) for u in uses),
    )
    rows: list[list[Inline]] = [
        [
            u.title,
            f"{u.mean_planned:.0f}",
            f"{u.mean_actual:.1f}",
            Strong(f"{len(u.overran)} of {len(u.actual)}")
            if u.overran
            else f"0 of {len(u.actual)}",
            review_refs(u.overran, limit=3) or "–",
        ]
        for u in uses
    ]
    lengths = meetings.meeting_lengths(sessions)
    over = [m for m in lengths if m.over > 0]
    by_pair: dict[str, list[int]] = {}
    for m in lengths:
        entry = by_pair.setdefault(pair_of(m.session).label, [0, 0])
        entry[0] += m.over > 0
        entry[1] += 1
    pair_rows: list[list[Inline]] = [
        [label, f"{n} of {total}", percent(n / total)]
        for label, (n, total) in sorted(
            by_pair.items(), key=lambda kv: (-kv[1][0] / kv[1][1], kv[0])
        )
    ]
    doc.section(
        "Time-box adherence",
        Paragraph(
            f"{len(over)} of {len(lengths)} timed reviews ran past their time-box. A phase "
            f"overran when it took more than {percent(meetings.OVERRUN_SLACK)} over its plan.",
        ),
        Chart(spec),
        Table(
            [
                Column("Phase", 1.4),
                Column("Planned (min)", 0.8, "right"),
                Column("Actual (min)", 0.8, "right"),
                Column("Overran", 0.8, "right"),
                Column("Reviews that overran", 3.2),
            ],
            rows,
        ),
        Table(
            [
                Column("Team pair", 2.0),
                Column("Ran over", 1.0, "right"),
                Column("Share", 0.8, "right"),
            ],
            pair_rows,
        ),
    )


def _setup(doc: Document, sessions: Sequence[Session]) -> None:
    recurring = meetings.setup_warnings(sessions)
    rows: list[list[Inline]] = [
        [Strong(w.title), f"{len(w.sessions)} of {len(sessions)}", review_refs(w.sessions, limit=4)]
        for w in recurring
    ]
    doc.section(
        "Setup warnings that recur",
        Paragraph(
            "The setup checklist as it stood when each review was held: both leads and on-call "
            "engineers, a neutral facilitator, the pre-read a day ahead, a 60-90 minute "
            "time-box, held within five business days.",
            tone="muted",
        ),
        Table(
            [Column("Warning", 1.6), Column("Reviews", 0.8, "right"), Column("Which", 4.0)],
            rows,
            empty="No setup warning recurs.",
        ),
    )


def _poll(doc: Document, sessions: Sequence[Session]) -> None:
    rows = meetings.poll_over_time(sessions)
    months = meetings.by_month(rows)
    table: list[list[Inline]] = [
        [m.month, percent(m.learned), percent(m.again), str(m.answers), review_refs(m.sessions, 3)]
        for m in months
    ]
    doc.section(
        "Closing poll over time",
        Paragraph(
            "Did you learn something? Would you come to another one like it? Shares answering "
            "yes, pooled by the month of the incident.",
            tone="muted",
        ),
        Table(
            [
                Column("Month", 0.9),
                Column("Learned something", 1.1, "right"),
                Column("Would come again", 1.1, "right"),
                Column("Answers", 0.7, "right"),
                Column("Reviews", 3.0),
            ],
            table,
            empty="No closing poll answers in this period.",
        ),
    )
