"""The quarterly cross-team report (`facilitator report --since DATE`): patterns across reviews.

A review's lessons fade when each incident is read alone; this report puts the stored reviews of
a period side by side: recurring contributing-factor themes and their owners, the interaction
between teams as a factor, action-item completion with overdue joint items, and speaking
balance. The numbers come from `patterns.py`; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from facilitator_app.exports import patterns
from facilitator_app.exports.chart_specs import Bar, BarChartSpec
from facilitator_app.exports.document import (
    Block,
    Chart,
    Column,
    Document,
    Facts,
    Inline,
    Paragraph,
    Strong,
    Table,
)
from facilitator_app.exports.formatting import generated_line, mmss, percent
from facilitator_app.model import Session
from facilitator_app.timeutil import now_utc

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


def _day(session: Session) -> str:
    day = patterns.session_day(session)
    return day.isoformat() if day else "–"


def _teams(session: Session) -> str:
    return f"{session.teams[0].name} / {session.teams[1].name}"


def build_report(
    sessions: Sequence[Session],
    since: date,
    until: date,
    *,
    undated: int = 0,
    now: datetime | None = None,
) -> Document:
    """The report over `sessions` (already chosen for the period, oldest first)."""
    now = now or now_utc()
    today = now.date()
    doc = Document(
        "Cross-team postmortem report",
        "report",
        subtitle=f"{since.isoformat()} to {until.isoformat()} · "
        f"{len(sessions)} review{'s' if len(sessions) != 1 else ''}",
        footer=generated_line(now),
    )
    names: dict[str, str] = {}  # one entry per team, matched by name whatever its case
    for session in sessions:
        for team in session.teams:
            names.setdefault(team.name.casefold(), team.name)
    teams = sorted(names.values(), key=str.casefold)
    doc.add(
        Facts(
            [
                ("Period", f"{since.isoformat()} to {until.isoformat()}"),
                ("Reviews", str(len(sessions))),
                ("Teams", ", ".join(teams) or "–"),
                ("Contributing factors", str(sum(len(s.factors) for s in sessions))),
                ("Action items", str(sum(len(s.actions) for s in sessions))),
            ]
        )
    )
    if undated:
        doc.add(
            Paragraph(
                f"{undated} stored review(s) have no incident or review date and are "
                "not counted in any period.",
                tone="muted",
            )
        )
    if not sessions:
        doc.add(Paragraph("No reviews in this period.", tone="muted"))
        return doc
    doc.section(
        "Reviews in this period",
        Table(
            [
                Column("Date", 0.9),
                Column("Review", 3.0),
                Column("Teams", 2.0),
                Column("Severity", 0.85),
                Column("State", 0.7),
            ],
            [[_day(s), s.title, _teams(s), s.severity, s.state.value] for s in sessions],
        ),
    )
    _themes(doc, sessions)
    _owners(doc, sessions)
    _interaction(doc, sessions)
    _actions(doc, sessions, today)
    _balance(doc, sessions)
    return doc


def _themes(doc: Document, sessions: Sequence[Session]) -> None:
    themes = patterns.recurring_themes(sessions)
    intro = Paragraph(
        "Words and phrases that come back in the contributing factors of two or "
        "more reviews. A theme that recurs is a fix that has not landed yet.",
        tone="muted",
    )
    if not themes:
        doc.section(
            "Recurring contributing-factor themes",
            intro,
            Paragraph("No theme recurs across reviews in this period.", tone="muted"),
        )
        return
    rows: list[list[Inline]] = []
    for theme in themes:
        owners = ", ".join(f"{name} ({count})" for name, count in theme.owners.most_common())
        example = theme.factors[0]
        rows.append(
            [
                Strong(theme.term),
                str(len(theme.sessions)),
                str(len(theme.factors)),
                str(theme.votes),
                owners,
                example,
            ]
        )
    bars = tuple(
        Bar(t.term, len(t.sessions), OKABE_ITO[i % len(OKABE_ITO)]) for i, t in enumerate(themes)
    )
    doc.section(
        "Recurring contributing-factor themes",
        intro,
        Chart(
            BarChartSpec(
                "Reviews in which each theme appears", bars, unit="reviews", value_format="count"
            )
        ),
        Table(
            [
                Column("Theme", 1.3),
                Column("Reviews", 0.85, "right"),
                Column("Factors", 0.85, "right"),
                Column("Votes", 0.7, "right"),
                Column("Owned by", 2.0),
                Column("For example", 3.0),
            ],
            rows,
        ),
    )


def _owners(doc: Document, sessions: Sequence[Session]) -> None:
    loads = patterns.factor_owners(sessions)
    total = sum(o.factors for o in loads) or 1
    rows: list[list[Inline]] = [
        [o.name, str(o.reviews), str(o.factors), percent(o.factors / total), str(o.votes)]
        for o in loads
    ]
    doc.section(
        "Who owns the contributing factors",
        Table(
            [
                Column("Owner", 2.4),
                Column("Reviews", 0.85, "right"),
                Column("Factors", 0.85, "right"),
                Column("Share", 0.7, "right"),
                Column("Votes", 0.7, "right"),
            ],
            rows,
            empty="No contributing factors recorded in this period.",
        ),
    )


def _interaction(doc: Document, sessions: Sequence[Session]) -> None:
    rows = patterns.interaction_as_factor(sessions)
    named = sum(1 for r in rows if r.interaction)
    top = sum(1 for r in rows if r.top_voted)
    summary = (
        f"The interaction between the two teams was named a contributing factor in "
        f"{named} of {len(rows)} reviews, and was the most-voted factor in {top}."
    )
    table_rows: list[list[Inline]] = [
        [
            _day(r.session),
            r.session.title,
            f"{r.interaction} of {r.factors}",
            percent(r.vote_share),
            "yes" if r.top_voted else "no",
        ]
        for r in rows
    ]
    doc.section(
        "The interaction as a contributing factor",
        Paragraph(summary),
        Table(
            [
                Column("Date", 0.9),
                Column("Review", 3.0),
                Column("Interaction factors", 1.1),
                Column("Share of votes", 0.9, "right"),
                Column("Top-voted", 0.8),
            ],
            table_rows,
        ),
    )


def _actions(doc: Document, sessions: Sequence[Session], today: date) -> None:
    rows: list[list[Inline]] = []
    for c in patterns.completion(sessions, today):
        rows.append(
            [
                c.kind.value,
                str(c.total),
                str(c.done),
                str(c.open),
                str(c.dropped),
                Strong(str(c.overdue)) if c.overdue else "0",
                percent(c.rate),
            ]
        )
    doc.section(
        "Action items",
        Paragraph(
            f"Status on {today.isoformat()}. Completion counts done items out of those not "
            "dropped. Joint items, shared by both teams with one designated lead, are the kind "
            "most likely to stall.",
            tone="muted",
        ),
        Table(
            [
                Column("Kind", 1.0),
                Column("Items", 0.6, "right"),
                Column("Done", 0.6, "right"),
                Column("Open", 0.6, "right"),
                Column("Dropped", 0.7, "right"),
                Column("Overdue", 0.7, "right"),
                Column("Completion", 0.9, "right"),
            ],
            rows,
        ),
    )
    overdue = patterns.overdue_joint_items(sessions, today)
    overdue_rows: list[list[Inline]] = [
        [
            item.description,
            item.lead or Strong("none named"),
            item.due.isoformat() if item.due else "–",
            f"{(today - item.due).days} days" if item.due else "–",
            item.status.value,
            s.title,
        ]
        for s, item in overdue
    ]
    doc.section(
        "Overdue joint items",
        Table(
            [
                Column("Action", 3.0),
                Column("Lead", 1.2),
                Column("Due", 1.2),
                Column("Overdue by", 1.0, "right"),
                Column("Status", 0.8),
                Column("Review", 2.0),
            ],
            overdue_rows,
            empty="No joint item is overdue.",
        ),
        level=3,
    )
    leaderless = patterns.joint_items_without_lead(sessions)
    if leaderless:
        doc.section(
            "Open joint items without a designated lead",
            Table(
                [Column("Action", 3.0), Column("Due", 0.9), Column("Review", 2.0)],
                [
                    [item.description, item.due.isoformat() if item.due else "–", s.title]
                    for s, item in leaderless
                ],
            ),
            level=3,
        )


def _balance(doc: Document, sessions: Sequence[Session]) -> None:
    rows = patterns.speaking_balance(sessions)
    dominated = [r for r in rows if r.dominant]
    measured = [r for r in rows if r.share_a is not None]
    summary = (
        f"Speaking time was recorded in {len(measured)} of {len(rows)} reviews; one "
        f"team had more than {percent(patterns.DOMINANT_SHARE)} of the two teams' time in "
        f"{len(dominated)}."
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
                _day(r.session),
                r.session.title,
                shares,
                mmss(r.team_seconds),
                Strong(r.dominant) if r.dominant else "–",
            ]
        )
    averages = patterns.average_share_by_team(rows)
    blocks: list[Block] = [Paragraph(summary)]
    if averages:
        bars = tuple(
            Bar(
                f"{name} ({count} review{'s' if count != 1 else ''})",
                share,
                OKABE_ITO[i % len(OKABE_ITO)],
            )
            for i, (name, (share, count)) in enumerate(sorted(averages.items()))
        )
        blocks.append(
            Chart(
                BarChartSpec(
                    "Average share of the two teams' speaking time",
                    bars,
                    unit="share",
                    value_format="percent",
                    reference=0.5,
                ),
                "The dashed line is a fair share (half each).",
            )
        )
    doc.section(
        "Speaking balance across reviews",
        *blocks,
        Table(
            [
                Column("Date", 0.9),
                Column("Review", 2.4),
                Column("Share of the teams' time", 2.4),
                Column("Team time", 0.8, "right"),
                Column("Dominated by", 1.1),
            ],
            table_rows,
        ),
    )
