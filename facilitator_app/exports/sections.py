"""Sections shared by the meeting notes and the pre-read: header, timeline, factors, agenda.

Each function reads the session and returns document blocks of plain text; nothing here
escapes or formats for a file type.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from urllib.parse import urlsplit

from facilitator_app.exports import hooks
from facilitator_app.exports.chart_specs import TimelineChartSpec, TimelinePoint
from facilitator_app.exports.document import (
    Block,
    BulletList,
    Chart,
    Column,
    Facts,
    Inline,
    Paragraph,
    Span,
    Strong,
    Table,
    link,
)
from facilitator_app.exports.formatting import (
    AWARENESS_WORDS,
    attributed,
    event_time,
    mmss,
    owner_label,
    spans_several_days,
    tag_label,
    team_name,
    when,
)
from facilitator_app.model import Lane, Session, Tag, TimelineEvent


def event_numbers(session: Session) -> dict[int, int]:
    """Event id -> its number in the timeline table (1-based, display order)."""
    return {e.id: i for i, e in enumerate(session.sorted_events(), 1) if e.id is not None}


def event_refs(numbers: dict[int, int], event_ids: Sequence[int | None]) -> str:
    found = sorted(numbers[i] for i in event_ids if i is not None and i in numbers)
    return ", ".join(f"#{n}" for n in found) or "–"


def incident_facts(session: Session) -> Facts:
    items: list[tuple[str, Inline]] = [
        ("Teams", (team_name(session, Lane.A), " and ", team_name(session, Lane.B))),
        ("Severity", session.severity),
        ("Incident", _incident_span(session)),
    ]
    if session.scheduled_start is not None:
        items.append(("Review", when(session.scheduled_start)))
    items.append(("Time-box", f"{session.timebox_minutes} minutes"))
    if session.pre_read_sent_at is not None:
        items.append(("Pre-read sent", when(session.pre_read_sent_at)))
    return Facts(items)


def _incident_span(session: Session) -> str:
    start, end = session.incident_start, session.incident_end
    if start is None:
        return "–"
    if end is None:
        return f"from {when(start)}"
    minutes = round((end - start).total_seconds() / 60)
    return f"{when(start)} to {when(end)} ({minutes} minutes)"


def impact(session: Session) -> list[Block]:
    text = session.impact_summary or "No impact summary recorded yet."
    return [Paragraph(text, tone="normal" if session.impact_summary else "muted")]


def _observation_cell(session: Session, event: TimelineEvent, lane: Lane) -> Inline:
    obs = event.observations.get(lane)
    if obs is None:
        return "–"
    other = session.team(lane.other).name
    cell: Inline = (
        obs.saw or "–",
        "\n",
        Strong(f"Aware of {other}: "),
        AWARENESS_WORDS[obs.aware_of_other],
    )
    return attributed(cell, obs.added_by)


def _log_cell(event: TimelineEvent) -> Span:
    url = event.source_url
    if not url:
        return "–"
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        host = ""
    return link(host or "log", url)


def timeline_table(session: Session, *, with_observations: bool = True) -> Table:
    events = session.sorted_events()
    with_date = spans_several_days([e.occurred_at for e in events])
    team_a, team_b = session.teams
    columns = [
        Column("#", 0.4, "right"),
        Column("Time (UTC)", 1.3 if with_date else 1.0),
        Column("Team", 0.9),
        Column("Actor", 0.8),
        Column("Event", 2.4),
    ]
    if with_observations:
        columns += [Column(f"{team_a.name} saw", 1.8), Column(f"{team_b.name} saw", 1.8)]
    columns += [Column("Tags", 1.2), Column("Log", 0.9)]
    rows: list[list[Inline]] = []
    for number, event in enumerate(events, 1):
        row: list[Inline] = [
            str(number),
            event_time(event.occurred_at, with_date=with_date),
            team_name(session, event.lane),
            event.actor or "–",
            attributed(event.description, event.added_by),
        ]
        if with_observations:
            row += [
                _observation_cell(session, event, Lane.A),
                _observation_cell(session, event, Lane.B),
            ]
        row += [", ".join(tag_label(t) for t in event.tags) or "–", _log_cell(event)]
        rows.append(row)
    return Table(columns, rows, empty="No timeline events recorded yet.", wide=True)


def timeline_chart(session: Session) -> Chart | None:
    events = session.sorted_events()
    if not events:
        return None
    team_a, team_b = session.teams
    points = tuple(
        TimelinePoint(
            at=e.occurred_at,
            lane=0 if e.lane is Lane.A else 1,
            number=n,
            locally_correct=Tag.LOCALLY_CORRECT.value in e.tags,
            divergence=Tag.DIVERGENCE.value in e.tags,
        )
        for n, e in enumerate(events, 1)
    )
    spec = TimelineChartSpec(
        "The two-lane timeline",
        (team_a.name, team_b.name),
        (team_a.colour, team_b.colour),
        points,
    )
    return Chart(
        spec,
        "Numbers match the timeline table; ◆ divergence point, "
        "○ locally correct, globally unexpected.",
    )


def divergence(session: Session) -> list[Block]:
    """The point where the systems diverged and the "locally correct" moments."""
    numbers = event_numbers(session)
    blocks: list[Block] = []
    diverged = [e for e in session.sorted_events() if Tag.DIVERGENCE.value in e.tags]
    if diverged:
        for event in diverged:
            blocks.append(Paragraph(_event_line(session, numbers, event), tone="callout"))
    else:
        blocks.append(Paragraph("No divergence point was marked.", tone="muted"))
    local = [e for e in session.sorted_events() if Tag.LOCALLY_CORRECT.value in e.tags]
    if local:
        blocks.append(Paragraph((Strong("Locally correct, globally unexpected:"),)))
        blocks.append(BulletList([_event_line(session, numbers, e) for e in local]))
    return blocks


def _event_line(session: Session, numbers: dict[int, int], event: TimelineEvent) -> Inline:
    number = numbers.get(event.id or 0, 0)
    return (
        Strong(f"#{number} "),
        event_time(event.occurred_at, with_date=False),
        " · ",
        team_name(session, event.lane),
        f" · {event.description}",
    )


def factors_table(session: Session, *, with_votes: bool = True) -> Table:
    """Factors ranked by votes (weighted when the session weighs both teams equally)."""
    numbers = event_numbers(session)
    if with_votes:
        ranked = [(str(r.rank), r.factor, r.score) for r in hooks.factor_ranking(session)]
    else:
        ranked = [(str(i), f, float(f.votes)) for i, f in enumerate(session.factors, 1)]
    weighted = with_votes and session.equal_team_weighting
    columns = [
        Column("Rank" if with_votes else "#", 0.6, "right"),
        Column("Factor", 4.0),
        Column("Owner", 1.6),
    ]
    if with_votes:
        columns.append(Column("Votes", 0.6, "right"))
    if weighted:
        columns.append(Column("Weighted", 0.9, "right"))
    columns.append(Column("Events", 0.9))
    voters = {id(f): hooks.factor_voters(session, f) for _, f, _ in ranked} if with_votes else {}
    with_voters = any(v for v in voters.values())
    if with_voters:
        columns.append(Column("Voters", 1.8))
    rows: list[list[Inline]] = []
    for rank, factor, score in ranked:
        row: list[Inline] = [
            rank,
            attributed(factor.text, factor.added_by),
            owner_label(session, factor.owner),
        ]
        if with_votes:
            row.append(str(factor.votes))
        if weighted:
            row.append(f"{score:.1f}")
        row.append(event_refs(numbers, factor.event_ids))
        if with_voters:
            row.append(", ".join(voters[id(factor)] or []) or "–")
        rows.append(row)
    table = Table(columns, rows, empty="No contributing factors recorded yet.")
    return table


def agenda_table(session: Session) -> Table:
    """Phases with their planned minutes and, when the review is scheduled, clock times."""
    start = session.scheduled_start
    rows: list[list[Inline]] = []
    offset = 0.0
    for phase in session.phases:
        at = "–"
        if start is not None:
            begins = start + timedelta(minutes=offset)
            at = f"{begins:%H:%M}"
        rows.append([at, phase.title, f"{phase.planned_minutes:g} min"])
        offset += phase.planned_minutes
    planned = sum(p.planned_minutes for p in session.phases)
    if rows:
        rows.append(["", Strong("Total"), Strong(f"{planned:g} min")])
    return Table(
        [Column("Starts", 0.8), Column("Phase", 3.0), Column("Time-box", 1.0, "right")],
        rows,
        empty="No agenda set.",
    )


def timebox_line(session: Session) -> Paragraph:
    planned = sum(p.planned_minutes for p in session.phases)
    minutes = session.timebox_minutes
    text = f"The meeting is time-boxed to {minutes} minutes ({mmss(minutes * 60)} on the clock)."
    if session.phases and abs(planned - session.timebox_minutes) >= 1:
        text += f" The phases add up to {planned:g} minutes."
    return Paragraph(text)
