"""Action items: adding them with their first status, and status changes kept with their date.

A visible status per action is the guard against stalled fixes, so every change of status is
recorded in the item's history (status + when) through one undoable command; the follow-up view
reads that history to find stalled items.
"""

from __future__ import annotations

from datetime import datetime

from facilitator_app.model import ActionItem, ActionStatus, StatusChange
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Workspace


def add_action(
    workspace: Workspace, item: ActionItem, *, now: datetime | None = None
) -> ActionItem:
    """Add an item (undoable); its history starts with its status at creation."""
    if not item.history:
        item.history = [StatusChange(item.status, now or now_utc())]
    workspace.add(item, "Add action item")
    return item


def set_status(
    workspace: Workspace,
    item: ActionItem,
    status: ActionStatus | str,
    *,
    now: datetime | None = None,
) -> None:
    """Change the status and record the change with its date (one undo step)."""
    new = ActionStatus(status)
    if new is item.status:
        return
    change = StatusChange(new, now or now_utc())
    workspace.update(item, f"Mark action {new.value}", status=new, history=[*item.history, change])


def created_at(item: ActionItem) -> datetime | None:
    """When the item was created: its first recorded status change."""
    return item.history[0].changed_at if item.history else None


def last_change(item: ActionItem) -> datetime | None:
    return item.history[-1].changed_at if item.history else None


def accountable(item: ActionItem) -> str:
    """The one name to show as responsible: the lead of a joint item, else the owner."""
    return item.lead or item.owner
