"""The parking lot: remediation ideas raised during the timeline walk, kept for the action phase.

`K` parks the idea being discussed with the event on screen, so the walk stays on what happened;
in the action-item phase each parked idea becomes an action item or is dropped.
"""

from __future__ import annotations

from datetime import datetime

from facilitator_app.actions.items import add_action
from facilitator_app.errors import UserError
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ParkedIdea,
    ParkedOutcome,
)
from facilitator_app.workspace import Workspace

_PLACEHOLDER_LIMIT = 120


def park_idea(
    workspace: Workspace, text: str = "", *, event_id: int | None = None, label: str = ""
) -> ParkedIdea:
    """Park an idea with the current event (undoable). With no text (one keypress), the idea
    is named after the event so it can be worded later. `event_id` parks it with another event
    (the one on screen when a participant sent it); `label` is the undo text."""
    wanted = workspace.current_event_id if event_id is None else event_id
    event = next((e for e in workspace.session.events if e.id == wanted), None)
    wording = text.strip()
    if not wording:
        if event is None:
            wording = "Idea raised during the review (to word)"
        else:
            wording = f"Idea raised at: {event.description}"[:_PLACEHOLDER_LIMIT]
    idea = ParkedIdea(wording, event.id if event else None)
    workspace.add(idea, label or "Park an idea")
    return idea


def open_ideas(workspace: Workspace) -> list[ParkedIdea]:
    return [p for p in workspace.session.parked if p.outcome is ParkedOutcome.PARKED]


def idea_to_action(
    workspace: Workspace,
    idea: ParkedIdea,
    *,
    kind: ActionKind = ActionKind.TEAM,
    now: datetime | None = None,
) -> ActionItem:
    """Turn a parked idea into an action item (one undo step); the item starts from its text."""
    if idea.outcome is not ParkedOutcome.PARKED:
        raise UserError(f"this idea was already {idea.outcome.value}", field="parked.outcome")
    item = ActionItem(kind, idea.text)
    with workspace.undo_stack.group("Turn parked idea into action item"):
        add_action(workspace, item, now=now)
        workspace.update(idea, outcome=ParkedOutcome.ACTION, action_id=item.id)
    return item


def drop_idea(workspace: Workspace, idea: ParkedIdea) -> None:
    workspace.update(idea, "Drop parked idea", outcome=ParkedOutcome.DROPPED, action_id=None)


def reopen_idea(workspace: Workspace, idea: ParkedIdea) -> None:
    """Put a dropped idea back in the lot (an idea turned into an item keeps its item)."""
    if idea.outcome is ParkedOutcome.DROPPED:
        workspace.update(idea, "Put idea back in the parking lot", outcome=ParkedOutcome.PARKED)
