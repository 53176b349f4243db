"""The report's first section: what the retro should talk about, in four sentences.

Each headline is a number from the sections below, said in words: the most widespread recurring
factor group, how joint items fare, whether one team keeps dominating, which pair runs over.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from facilitator_app.exports.formatting import percent
from facilitator_app.model import ActionKind, Session
from facilitator_app.report import meetings
from facilitator_app.report.follow_through import Bucket, TrackedItem
from facilitator_app.report.groups import FactorGroup
from facilitator_app.report.period import pair_of


def headlines(
    sessions: Sequence[Session],
    groups: Sequence[FactorGroup],
    tracked: Sequence[TrackedItem],
    *,
    stalled_days: int,
    dominance: float,
) -> list[str]:
    n = len(sessions)
    lines = []
    if groups:
        top = groups[0]
        lines.append(
            f"{len(groups)} group(s) of contributing factors recur; the most widespread, "
            f"“{top.label}”, came up in {len(top.sessions)} of {n} reviews."
        )
    else:
        lines.append("No contributing factor recurs across reviews.")
    joint = [t for t in tracked if t.item.kind is ActionKind.JOINT]
    if joint:
        buckets = Counter(t.bucket for t in joint)
        lines.append(
            f"{buckets[Bucket.STALLED]} of {len(joint)} joint items have stalled (no status "
            f"change for {stalled_days} days or more) and {buckets[Bucket.OVERDUE]} more are "
            f"overdue; {buckets[Bucket.DONE_ON_TIME]} were done on time."
        )
    rows = meetings.balance(sessions, dominance)
    measured = [r for r in rows if r.larger_share is not None]
    if measured:
        dominated = Counter(r.dominant for r in rows if r.dominant)
        text = (
            f"One team had more than {percent(dominance)} of the speaking time in "
            f"{sum(dominated.values())} of {len(measured)} reviews"
        )
        if dominated:
            name, times = dominated.most_common(1)[0]
            text += f" ({name} {times} time{'s' if times != 1 else ''})"
        lines.append(text + ".")
    lengths = meetings.meeting_lengths(sessions)
    over = [m for m in lengths if m.over > 0]
    if lengths:
        text = f"{len(over)} of {len(lengths)} timed reviews ran past their time-box"
        if over:
            label, times = Counter(pair_of(m.session).label for m in over).most_common(1)[0]
            held = sum(1 for m in lengths if pair_of(m.session).label == label)
            text += f"; {label} in {times} of its {held}"
        lines.append(text + ".")
    return lines
