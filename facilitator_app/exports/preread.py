"""The pre-read sent at least 24 hours before the review: what happened, and how the meeting runs.

Impact summary, the interleaved timeline, the draft contributing factors (no votes yet), the
agenda with its time-box, the ground rules and the language guide. `--mark-sent` (CLI) or the
export dialog records when it went out; the setup checklist compares that with the start.
"""

from __future__ import annotations

from datetime import datetime

from facilitator_app.exports import hooks, sections
from facilitator_app.exports.document import (
    BulletList,
    Column,
    Document,
    Inline,
    Paragraph,
    Table,
)
from facilitator_app.exports.formatting import generated_line, when
from facilitator_app.model import Session
from facilitator_app.timeutil import now_utc


def build_pre_read(session: Session, *, now: datetime | None = None) -> Document:
    now = now or now_utc()
    team_a, team_b = session.teams
    doc = Document(
        session.title,
        "pre-read",
        subtitle=f"Pre-read for the joint postmortem of {team_a.name} and {team_b.name}",
        footer=generated_line(now),
    )
    intro = (
        "Please read this before the review. We will walk one interleaved timeline of both "
        "teams' actions and look at how our two systems combined to cause the incident."
    )
    if session.scheduled_start is not None:
        intro += f" The review starts {when(session.scheduled_start)}."
    doc.add(sections.incident_facts(session), Paragraph(intro))
    doc.section("Impact", *sections.impact(session))
    doc.section("The question we will answer", Paragraph(session.framing_question, tone="callout"))
    doc.section(
        "Timeline",
        Paragraph(
            "Both teams' actions in one order. Please check your team's rows and what your team "
            "saw; bring corrections and missing log links to the review.",
            tone="muted",
        ),
        sections.timeline_table(session),
    )
    doc.section(
        "Draft contributing factors",
        Paragraph(
            "A starting point, not a verdict: each team owns its own factors, and the interaction "
            "between the teams is a factor too. We vote on the most significant ones in the room.",
            tone="muted",
        ),
        sections.factors_table(session, with_votes=False),
    )
    doc.section("Agenda", sections.timebox_line(session), sections.agenda_table(session))
    doc.section("Ground rules", BulletList(list(hooks.ground_rules())))
    guide = hooks.language_guide()
    if guide:
        rows: list[list[Inline]] = [[rule.avoid, rule.why, rule.instead] for rule in guide]
        doc.section(
            "Language guide",
            Table([Column("Avoid", 2.0), Column("Why", 2.0), Column("Say instead", 2.0)], rows),
        )
    return doc
