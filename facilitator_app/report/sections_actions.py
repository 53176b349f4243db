"""The report's section on action follow-through: by kind, joint items, last period's leftovers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from facilitator_app.exports.chart_specs import Segment, StackedBarChartSpec
from facilitator_app.exports.document import (
    Chart,
    Column,
    Document,
    Inline,
    Paragraph,
    Strong,
    Table,
)
from facilitator_app.exports.formatting import percent
from facilitator_app.model import ActionKind
from facilitator_app.report.follow_through import (
    BUCKET_ORDER,
    Bucket,
    TrackedItem,
    by_kind,
    still_open,
    track,
)
from facilitator_app.report.gather import Selection
from facilitator_app.report.refs import review_ref

if TYPE_CHECKING:
    from facilitator_app.report.settings import ReportSettings

BUCKET_COLOURS = {
    Bucket.DONE_ON_TIME: "#009E73",
    Bucket.DONE_LATE: "#56B4E9",
    Bucket.DONE_UNKNOWN: "#A6D9C9",
    Bucket.OPEN: "#C9CED6",
    Bucket.OVERDUE: "#E69F00",
    Bucket.STALLED: "#D55E00",
    Bucket.DROPPED: "#7F7F7F",
}
KIND_LABELS = {
    ActionKind.TEAM: "Per-team",
    ActionKind.JOINT: "Joint",
    ActionKind.PROCESS: "Process",
}


def _who(t: TrackedItem) -> Inline:
    if t.item.kind is ActionKind.TEAM:
        return t.item.owner or "–"
    return t.item.lead or Strong("no lead named")


def _item_row(t: TrackedItem) -> list[Inline]:
    bucket: Inline = Strong(t.bucket.value) if t.bucket is Bucket.STALLED else t.bucket.value
    return [
        t.item.description,
        _who(t),
        t.item.due.isoformat() if t.item.due else "–",
        bucket,
        "–" if t.idle_days is None else str(t.idle_days),
        review_ref(t.session),
    ]


_ITEM_COLUMNS = [
    Column("Action", 2.6),
    Column("Lead / owner", 1.2),
    Column("Due", 0.9),
    Column("Now", 0.8),
    Column("Days since a change", 0.8, "right"),
    Column("Review", 2.4),
]


def add(doc: Document, selection: Selection, settings: ReportSettings, today: date) -> None:
    tracked = track(selection.sessions, today, settings.stalled_days)
    rows = by_kind(tracked)
    shown = [
        b for b in BUCKET_ORDER if b is not Bucket.DONE_UNKNOWN or any(r.counts[b] for r in rows)
    ]
    table_rows: list[list[Inline]] = [
        [
            KIND_LABELS[r.kind],
            str(r.total),
            *(str(r.counts[b]) for b in shown),
            percent(r.on_time_rate),
        ]
        for r in rows
    ]
    chart = StackedBarChartSpec(
        "Action follow-through by kind",
        tuple(Segment(b.value, BUCKET_COLOURS[b]) for b in shown),
        tuple((KIND_LABELS[r.kind], tuple(float(r.counts[b]) for b in shown)) for r in rows),
    )
    doc.section(
        "Action follow-through",
        Paragraph(
            f"Status on {today.isoformat()}. Stalled: still open with no status change for "
            f"{settings.stalled_days} days or more (--stalled-days). On time: done out of the "
            "items not dropped. Joint items, shared by both teams with one designated lead, "
            "are the kind most likely to stall.",
            tone="muted",
        ),
        Chart(chart),
        Table(
            [
                Column("Kind", 0.9),
                Column("Items", 0.55, "right"),
                *(Column(b.value.capitalize(), 0.75, "right") for b in shown),
                Column("On time", 0.7, "right"),
            ],
            table_rows,
            wide=True,
        ),
    )
    joint = [t for t in still_open(tracked) if t.item.kind is ActionKind.JOINT]
    doc.section(
        "Joint items still open, with their leads",
        Table(
            _ITEM_COLUMNS, [_item_row(t) for t in joint], empty="No joint item is open.", wide=True
        ),
        level=3,
    )
    leftovers = still_open(track(selection.earlier, today, settings.stalled_days))
    previous = selection.period.previous()
    doc.section(
        f"Still open from the period before ({previous.label})",
        Table(
            _ITEM_COLUMNS,
            [_item_row(t) for t in leftovers],
            empty="Nothing from the period before is still open.",
            wide=True,
        ),
        level=3,
    )
