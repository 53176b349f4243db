"""The follow-up view across all sessions: open action items, overdue and stalled ones first.

Fixes stall quietly between reviews, so every open item is listed with its session, kind, owner,
due date and status; an item is overdue when its due date has passed, stalled when its status
has not changed for N days (default 14), and a joint item without a designated lead is flagged,
since joint items are the kind that most often fails.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from facilitator_app.actions.items import accountable, last_change
from facilitator_app.model import ActionItem, ActionKind, ActionStatus
from facilitator_app.store import SessionAction

DEFAULT_STALLED_DAYS = 14
OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


@dataclass(frozen=True)
class FollowUpRow:
    session_id: int
    session_title: str
    item: ActionItem
    last_change: datetime  # the last recorded status change (else the session's last edit)
    days_unchanged: int
    overdue: bool
    stalled: bool
    missing_lead: bool

    @property
    def owner(self) -> str:
        return accountable(self.item)

    def flags(self) -> list[str]:
        """Words, never colour alone: what needs attention on this row."""
        words = []
        if self.overdue:
            words.append("OVERDUE")
        if self.stalled:
            words.append(f"STALLED {self.days_unchanged} d")
        if self.missing_lead:
            words.append("NO LEAD")
        return words


def is_overdue(item: ActionItem, today: date) -> bool:
    """Open (or in progress) and due before `today`: overdue, whatever its verdict said when
    it was written."""
    return item.status in OPEN_STATUSES and item.due is not None and item.due < today


def due_label(item: ActionItem, today: date) -> str:
    """The due date in words for a view: "due 2026-12-01", with "OVERDUE" when it is."""
    if item.due is None:
        return "no due date"
    label = f"due {item.due.isoformat()}"
    return f"{label} · OVERDUE" if is_overdue(item, today) else label


def follow_up(
    entries: Iterable[SessionAction],
    *,
    today: date,
    stalled_days: int = DEFAULT_STALLED_DAYS,
    include_closed: bool = False,
) -> list[FollowUpRow]:
    """Rows for every open item (or every item), the ones needing attention first."""
    if stalled_days < 1:
        raise ValueError("stalled_days must be at least 1")
    rows = []
    for entry in entries:
        item = entry.item
        if not include_closed and item.status not in OPEN_STATUSES:
            continue
        changed = last_change(item) or entry.session.updated_at
        days = (today - changed.date()).days
        is_open = item.status in OPEN_STATUSES
        rows.append(
            FollowUpRow(
                session_id=entry.session.id,
                session_title=entry.session.title,
                item=item,
                last_change=changed,
                days_unchanged=max(0, days),
                overdue=is_overdue(item, today),
                stalled=is_open and days >= stalled_days,
                missing_lead=item.kind is ActionKind.JOINT and not item.lead.strip(),
            )
        )
    rows.sort(
        key=lambda r: (
            not r.overdue,
            not r.stalled,
            not r.missing_lead,
            r.item.due or date.max,
            r.session_id,
        )
    )
    return rows
