"""The meeting notes: everything the review decided and how the meeting went, as a Document."""

from __future__ import annotations

from datetime import date, datetime

from facilitator_app.exports import hooks, sections
from facilitator_app.exports.chart_specs import (
    Bar,
    BarChartSpec,
    PhaseChartSpec,
    PhaseUse,
)
from facilitator_app.exports.document import (
    Block,
    Chart,
    Column,
    Document,
    Facts,
    Heading,
    Inline,
    Paragraph,
    Strong,
    Table,
    link,
)
from facilitator_app.exports.formatting import (
    KIND_TITLES,
    accountable,
    attributed,
    generated_line,
    is_overdue,
    mmss,
    percent,
    team_name,
)
from facilitator_app.model import (
    ActionKind,
    Lane,
    ParkedOutcome,
    Role,
    Session,
)
from facilitator_app.speaking_totals import speaking_totals
from facilitator_app.timeutil import now_utc

NEUTRAL_COLOUR = "#777777"
ROLE_ORDER = [
    Role.LEAD,
    Role.ON_CALL,
    Role.FACILITATOR,
    Role.CO_FACILITATOR,
    Role.NOTE_TAKER,
    Role.OTHER,
]


def build_notes(session: Session, *, now: datetime | None = None) -> Document:
    now = now or now_utc()
    team_a, team_b = session.teams
    doc = Document(
        session.title,
        "notes",
        subtitle=f"Postmortem notes · {team_a.name} and {team_b.name}",
        footer=generated_line(now),
    )
    doc.add(sections.incident_facts(session))
    doc.section("Impact", *sections.impact(session))
    doc.section("Attendees", *attendees(session))
    checklist = hooks.setup_checklist(session)
    if checklist is not None:
        doc.section("Setup checklist", checklist_table(checklist))
    doc.section("Framing question", Paragraph(session.framing_question, tone="callout"))
    chart = sections.timeline_chart(session)
    doc.section("Timeline", *([chart] if chart else []), sections.timeline_table(session))
    doc.section("Where the systems diverged", *sections.divergence(session))
    factors: list[Block] = [sections.factors_table(session)]
    if session.equal_team_weighting and session.factors:
        factors.append(
            Paragraph(
                "Ranked with equal-team weighting: both teams' dots weigh the "
                "same whatever their head-count.",
                tone="muted",
            )
        )
    doc.section("Contributing factors", *factors)
    doc.section("Parking lot", parking_lot(session))
    doc.section("Action items", *action_items(session, now.date()))
    doc.section("Closing poll", poll(session))
    doc.section("Speaking balance", *speaking(session, now))
    doc.section("Time used per phase", *phase_time(session))
    notes = meeting_notes(session)
    if notes:
        doc.section("Notes", *notes)
    return doc


def attendees(session: Session) -> list[Block]:
    def order(a: object) -> tuple[int, int]:
        lane = getattr(a, "lane", None)
        group = 0 if lane is Lane.A else 1 if lane is Lane.B else 2
        return group, ROLE_ORDER.index(getattr(a, "role", Role.OTHER))

    rows: list[list[Inline]] = []
    for person in sorted(session.attendees, key=order):
        rows.append(
            [
                person.name,
                team_name(session, person.lane) if person.lane else "Neither team",
                person.role.value,
                "yes" if person.present else "no",
                "remote" if person.remote else "in the room",
            ]
        )
    blocks: list[Block] = []
    facilitators = [a.name for a in session.attendees if a.role is Role.FACILITATOR]
    if facilitators:
        blocks.append(Facts([("Facilitator", ", ".join(facilitators))]))
    blocks.append(
        Table(
            [
                Column("Name", 2.0),
                Column("Team", 1.6),
                Column("Role", 1.2),
                Column("Present", 0.7),
                Column("Attending", 1.0),
            ],
            rows,
            empty="No attendees recorded.",
        )
    )
    return blocks


def checklist_table(lines: list[hooks.ChecklistLine]) -> Table:
    rows: list[list[Inline]] = [
        [line.label, "ok" if line.ok else Strong("warning"), line.advice or "–"] for line in lines
    ]
    return Table([Column("Check", 3.0), Column("Result", 0.8), Column("How to fix", 3.0)], rows)


def parking_lot(session: Session) -> Table:
    numbers = sections.event_numbers(session)
    actions = {a.id: a for a in session.actions if a.id is not None}
    rows: list[list[Inline]] = []
    for idea in session.parked:
        if idea.outcome is ParkedOutcome.ACTION:
            target = actions.get(idea.action_id) if idea.action_id is not None else None
            outcome: Inline = (
                ("became an action item: ", target.description)
                if target
                else "became an action item"
            )
        elif idea.outcome is ParkedOutcome.DROPPED:
            outcome = "dropped"
        else:
            outcome = "still parked"
        rows.append(
            [
                attributed(idea.text, idea.added_by),
                sections.event_refs(numbers, [idea.event_id]),
                outcome,
            ]
        )
    return Table(
        [Column("Idea", 3.0), Column("Raised at", 0.8), Column("Outcome", 2.5)],
        rows,
        empty="Nothing was parked.",
    )


def action_items(session: Session, today: date) -> list[Block]:
    blocks: list[Block] = []
    if not session.actions:
        return [Paragraph("No action items recorded yet.", tone="muted")]
    verdicts = {id(a): hooks.action_verdict(session, a) for a in session.actions}
    with_verdict = any(v is not None for v in verdicts.values())
    for kind in ActionKind:
        items = [a for a in session.actions if a.kind is kind]
        if not items:
            continue
        who = "Lead" if kind is ActionKind.JOINT else "Owner"
        columns = [
            Column("Action", 2.8),
            Column(who, 1.2),
            Column("Team", 1.3),
            Column("Due", 1.45),
            Column("Test of done", 2.0),
            Column("Status", 1.1),
        ]
        if with_verdict:
            columns.append(Column("Verdict", 2.4))
        columns.append(Column("Ticket", 1.0))
        rows: list[list[Inline]] = []
        for item in items:
            status: Inline = item.status.value
            if is_overdue(item, today):
                status = (item.status.value, "\n", Strong("overdue"))
            elif item.history:
                status = (item.status.value, f"\nsince {item.history[-1].changed_at:%Y-%m-%d}")
            row: list[Inline] = [
                attributed(item.description, item.added_by),
                accountable(item) or Strong("none named"),
                team_name(session, item.lane)
                if item.lane
                else ("both teams" if kind is ActionKind.JOINT else "–"),
                item.due.isoformat() if item.due else Strong("no date"),
                item.test_of_done or "–",
                status,
            ]
            if with_verdict:
                verdict = verdicts[id(item)]
                row.append(
                    "–"
                    if verdict is None
                    else (Strong(verdict.label), *(f"\n{r}" for r in verdict.reasons))
                )
            row.append(link("ticket", item.ticket_url) if item.ticket_url else "–")
            rows.append(row)
        blocks += [Heading(KIND_TITLES[kind], 3), Table(columns, rows, wide=with_verdict)]
    return blocks


def poll(session: Session) -> Facts:
    p = session.poll

    def answer(yes: int, no: int) -> str:
        total = yes + no
        if total == 0:
            return "not asked"
        return f"{yes} yes, {no} no ({yes * 100 // total} % yes)"

    return Facts(
        [
            ("Did you learn something?", answer(p.learned_yes, p.learned_no)),
            ("Would you come to another review like this?", answer(p.again_yes, p.again_no)),
        ]
    )


def speaking(session: Session, now: datetime | None = None) -> list[Block]:
    """Balance of the floor; a stretch still running (a live export) counts up to `now`."""
    totals = speaking_totals(session.speaking, now)
    if totals.total <= 0:
        return [Paragraph("No speaking time was recorded.", tone="muted")]
    team_a, team_b = session.teams
    share_a = totals.share(Lane.A)
    blocks: list[Block] = []
    if share_a is not None:
        blocks.append(
            Paragraph(
                f"{team_a.name} had {percent(share_a)} and {team_b.name} {percent(1 - share_a)} "
                f"of the two teams' speaking time (a fair share is 50 % each)."
            )
        )
    by_team = [
        Bar(team_a.name, totals.team_a / 60, team_a.colour),
        Bar(team_b.name, totals.team_b / 60, team_b.colour),
        Bar("Facilitator", totals.facilitator / 60, NEUTRAL_COLOUR),
    ]
    if totals.crosstalk:
        by_team.append(Bar("Crosstalk", totals.crosstalk / 60, "#CC79A7"))
    if totals.nobody:
        by_team.append(Bar("Nobody", totals.nobody / 60, "#BBBBBB"))
    blocks.append(Chart(BarChartSpec("Speaking time by team", tuple(by_team))))
    rows: list[list[Inline]] = [
        [team_name(session, Lane.A), mmss(totals.team_a), percent(share_a)],
        [
            team_name(session, Lane.B),
            mmss(totals.team_b),
            percent(None if share_a is None else 1 - share_a),
        ],
        ["Facilitator", mmss(totals.facilitator), "–"],
        ["Crosstalk", mmss(totals.crosstalk), "–"],
        ["Nobody", mmss(totals.nobody), "–"],
    ]
    blocks.append(
        Table(
            [
                Column("Who", 2.0),
                Column("Time (MM:SS)", 1.0, "right"),
                Column("Share of the teams' time", 1.4, "right"),
            ],
            rows,
        )
    )
    people = sorted(
        ((session.attendee(aid), seconds) for aid, seconds in totals.by_attendee.items()),
        key=lambda pair: -pair[1],
    )
    people = [(a, s) for a, s in people if a is not None and s > 0]
    if people:
        bars = tuple(
            Bar(a.name, s / 60, session.team(a.lane).colour if a.lane else NEUTRAL_COLOUR)
            for a, s in people
            if a is not None
        )
        blocks.append(Chart(BarChartSpec("Speaking time by person", bars)))
        blocks.append(
            Table(
                [Column("Person", 2.0), Column("Team", 1.6), Column("Time (MM:SS)", 1.0, "right")],
                [
                    [a.name, team_name(session, a.lane) if a.lane else "Neither team", mmss(s)]
                    for a, s in people
                    if a is not None
                ],
            )
        )
    return blocks


def phase_time(session: Session) -> list[Block]:
    uses = [
        PhaseUse(p.title, p.planned_minutes, hooks.phase_minutes_used(session, p))
        for p in session.phases
    ]
    if not any(u.used_minutes is not None for u in uses):
        return [Paragraph("Phase times were not recorded.", tone="muted")]
    rows: list[list[Inline]] = []
    for use in uses:
        used = "–" if use.used_minutes is None else mmss(use.used_minutes * 60)
        over = ""
        if use.used_minutes is not None:
            delta = use.used_minutes - use.planned_minutes
            over = f"+{mmss(delta * 60)}" if delta > 0.05 else "within"
        rows.append([use.title, mmss(use.planned_minutes * 60), used, over or "–"])
    return [
        Chart(PhaseChartSpec("Time used per phase vs planned", tuple(uses))),
        Table(
            [
                Column("Phase", 2.4),
                Column("Planned", 0.9, "right"),
                Column("Used", 0.9, "right"),
                Column("Over", 0.9, "right"),
            ],
            rows,
        ),
    ]


def meeting_notes(session: Session) -> list[Block]:
    numbers = sections.event_numbers(session)
    titles = {p.key: p.title for p in session.phases}
    rows: list[list[Inline]] = []
    for note in session.notes:
        if note.event_id is not None:
            where = f"event {sections.event_refs(numbers, [note.event_id])}"
        elif note.phase_key:
            where = titles.get(note.phase_key, note.phase_key)
        else:
            where = "session"
        rows.append([where, note.text])
    if not rows:
        return []
    return [Table([Column("About", 1.0), Column("Note", 5.0)], rows)]
