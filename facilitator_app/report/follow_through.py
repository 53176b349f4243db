"""What became of the action items: each item in exactly one bucket, on a given day.

Buckets, checked in this order:

- **dropped** — its status is dropped;
- **done on time** / **done late** — done, by the day of its last change to done against its
  due date (no due date: on time; done without a recorded day: "done, day unknown");
- **stalled** — still open or in progress and its status has not changed for `stalled_days`
  (a setting, default 30) counted from its last status change, or from the review if none;
  stalling is what happens to joint items, so it wins over "overdue";
- **overdue** — still open, past its due date, but moved recently;
- **open** — still open, not yet due.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from facilitator_app.model import ActionItem, ActionKind, ActionStatus, Session
from facilitator_app.report.patterns import session_day
from facilitator_app.timeutil import to_utc

DEFAULT_STALLED_DAYS = 30


class Bucket(StrEnum):
    DONE_ON_TIME = "done on time"
    DONE_LATE = "done late"
    DONE_UNKNOWN = "done, day unknown"
    OPEN = "open"
    OVERDUE = "overdue"
    STALLED = "stalled"
    DROPPED = "dropped"


BUCKET_ORDER = tuple(Bucket)
OPEN_BUCKETS = frozenset({Bucket.OPEN, Bucket.OVERDUE, Bucket.STALLED})


def last_change(item: ActionItem, session: Session) -> date | None:
    """The day the item's status last changed; the review's day if it never did."""
    if item.history:
        return to_utc(max(h.changed_at for h in item.history)).date()
    return session_day(session)


def done_day(item: ActionItem) -> date | None:
    days = [to_utc(h.changed_at).date() for h in item.history if h.status is ActionStatus.DONE]
    return max(days) if days else None


def bucket_of(item: ActionItem, session: Session, today: date, stalled_days: int) -> Bucket:
    if item.status is ActionStatus.DROPPED:
        return Bucket.DROPPED
    if item.status is ActionStatus.DONE:
        if item.due is None:
            return Bucket.DONE_ON_TIME
        finished = done_day(item)
        if finished is None:
            return Bucket.DONE_UNKNOWN
        return Bucket.DONE_ON_TIME if finished <= item.due else Bucket.DONE_LATE
    changed = last_change(item, session)
    if changed is not None and (today - changed).days >= stalled_days:
        return Bucket.STALLED
    if item.due is not None and item.due < today:
        return Bucket.OVERDUE
    return Bucket.OPEN


@dataclass(frozen=True)
class TrackedItem:
    session: Session
    item: ActionItem
    bucket: Bucket
    idle_days: int | None  # days since its status last changed


@dataclass
class KindRow:
    kind: ActionKind
    counts: Counter[Bucket] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, bucket: Bucket) -> float | None:
        return None if not self.total else self.counts[bucket] / self.total

    @property
    def on_time_rate(self) -> float | None:
        """Done on time out of the items still meant to be done (dropped ones left out)."""
        meant = self.total - self.counts[Bucket.DROPPED]
        return None if meant <= 0 else self.counts[Bucket.DONE_ON_TIME] / meant


def track(sessions: Iterable[Session], today: date, stalled_days: int) -> list[TrackedItem]:
    tracked = []
    for session in sessions:
        for item in session.actions:
            changed = last_change(item, session)
            tracked.append(
                TrackedItem(
                    session,
                    item,
                    bucket_of(item, session, today, stalled_days),
                    None if changed is None else (today - changed).days,
                )
            )
    return tracked


def by_kind(tracked: Sequence[TrackedItem]) -> list[KindRow]:
    rows = {kind: KindRow(kind) for kind in ActionKind}
    for t in tracked:
        rows[t.item.kind].counts[t.bucket] += 1
    return list(rows.values())


def still_open(tracked: Sequence[TrackedItem]) -> list[TrackedItem]:
    """Items not done and not dropped, longest idle first."""
    found = [t for t in tracked if t.bucket in OPEN_BUCKETS]
    return sorted(found, key=lambda t: -(t.idle_days or 0))
