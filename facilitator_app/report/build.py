"""The quarterly cross-team retro report: the Document that `report` renders and the console shows.

A follow-up retrospective per quarter catches the patterns single postmortems miss. The report
puts the period's reviews side by side; every finding names the reviews it came from (title and
date) so the room can open them. The numbers come from the sibling modules (`groups`,
`follow_through`, `meetings`, `timeline_patterns`); the `sections_*` modules lay them out.
"""

from __future__ import annotations

from datetime import date, datetime

from facilitator_app.exports.document import (
    BulletList,
    Column,
    Document,
    Facts,
    Inline,
    Paragraph,
    Table,
)
from facilitator_app.exports.formatting import generated_line
from facilitator_app.report.follow_through import track
from facilitator_app.report.gather import Selection
from facilitator_app.report.groups import group_factors
from facilitator_app.report.headlines import headlines
from facilitator_app.report.period import pair_of
from facilitator_app.report.refs import day_text
from facilitator_app.report.settings import ReportSettings
from facilitator_app.timeutil import now_utc


def build_report(
    selection: Selection,
    *,
    settings: ReportSettings | None = None,
    now: datetime | None = None,
    archive_files: int | None = None,
) -> Document:
    from facilitator_app.report import sections_actions, sections_factors, sections_meetings

    settings = settings or ReportSettings()
    now = now or now_utc()
    today: date = now.date()
    sessions = selection.sessions
    period = selection.period
    scope = f" · {selection.pair.label}" if selection.pair else ""
    dates = f"{period.since.isoformat()} to {period.until.isoformat()}"
    named = dates if period.label == dates else f"{period.label} ({dates})"
    doc = Document(
        "Quarterly cross-team retro",
        "report",
        subtitle=f"{named}{scope} · {len(sessions)} review{'s' if len(sessions) != 1 else ''}",
        footer=generated_line(now),
    )
    pairs = sorted({pair_of(s).label for s in sessions}, key=str.casefold)
    facts: list[tuple[str, Inline]] = [
        ("Period", f"{period.since.isoformat()} to {period.until.isoformat()}"),
        ("Reviews", str(len(sessions))),
        ("Team pairs", ", ".join(pairs) or "–"),
        ("Contributing factors", str(sum(len(s.factors) for s in sessions))),
        ("Action items", str(sum(len(s.actions) for s in sessions))),
    ]
    if archive_files is not None:
        facts.append(("Archive files read", str(archive_files)))
    doc.add(Facts(facts))
    if selection.problems:
        doc.section(
            "Archive files skipped",
            Paragraph(
                f"{len(selection.problems)} file(s) in the archive could not be read and are "
                "not counted:",
                tone="callout",
            ),
            Table([Column("File and reason", 1.0)], [[p] for p in selection.problems]),
            level=3,
        )
    if selection.undated:
        doc.add(
            Paragraph(
                f"{selection.undated} stored review(s) have no incident or review date and are "
                "not counted in any period.",
                tone="muted",
            )
        )
    if not sessions:
        doc.add(
            Paragraph(
                "No reviews in this period. Try another quarter (--quarter 2026Q3) or a range "
                "(--since, --until).",
                tone="muted",
            )
        )
        return doc
    groups = group_factors(sessions, threshold=settings.group_threshold)
    tracked = track(sessions, today, settings.stalled_days)
    doc.section(
        "Headlines",
        BulletList(
            list(
                headlines(
                    sessions,
                    groups,
                    tracked,
                    stalled_days=settings.stalled_days,
                    dominance=settings.dominance,
                )
            )
        ),
    )
    sections_factors.add(doc, sessions, groups)
    sections_actions.add(doc, selection, settings, today)
    sections_meetings.add(doc, sessions, settings)
    doc.section(
        "Reviews in this period",
        Table(
            [
                Column("Date", 0.9),
                Column("Review", 3.0),
                Column("Teams", 2.0),
                Column("Severity", 0.85),
            ],
            [[day_text(s), s.title, pair_of(s).label, s.severity] for s in sessions],
        ),
    )
    return doc
