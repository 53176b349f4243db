"""Editing the timeline from the console: events, each team's observation, cross-team links.

Each function is one undoable workspace edit, written to the store at once. Deleting an event
goes through `Workspace.remove`, which also lets go of its links, notes and parked ideas in the
same undo step.
"""

from __future__ import annotations

from datetime import datetime

from facilitator_app.errors import ValidationError
from facilitator_app.model import Awareness, EventLink, Lane, Observation, TimelineEvent
from facilitator_app.safe_url import safe_http_url
from facilitator_app.timeline.merge import next_seq
from facilitator_app.workspace import Workspace


def add_event(
    workspace: Workspace,
    occurred_at: datetime,
    lane: Lane,
    description: str,
    actor: str = "",
    source_url: str = "",
) -> TimelineEvent:
    """A new event (after every existing one at the same instant); it becomes current."""
    url = safe_http_url(source_url) if source_url.strip() else ""
    event = TimelineEvent(
        occurred_at, lane, actor, description, url, seq=next_seq(workspace.session.events)
    )
    workspace.add(event, text="Add event")
    workspace.set_current_event(event.id)
    return event


def set_source_url(workspace: Workspace, event: TimelineEvent, text: str) -> None:
    """Only an http(s) link with a host is kept (re-serialised); empty clears it."""
    url = safe_http_url(text) if text.strip() else ""
    workspace.update(event, "Edit log link", source_url=url)


def set_observation(
    workspace: Workspace,
    event: TimelineEvent,
    lane: Lane,
    *,
    saw: str | None = None,
    aware: Awareness | str | None = None,
) -> None:
    """What `lane`'s team saw at this event, and whether it knew the other team was involved."""
    old = event.observation(lane)
    new = Observation(
        lane,
        old.saw if saw is None else saw,
        old.aware_of_other if aware is None else Awareness(aware),
    )
    observations = dict(event.observations)
    if new.saw or new.aware_of_other is not Awareness.UNKNOWN:
        observations[lane] = new
    else:
        observations.pop(lane, None)
    workspace.update(event, "Edit observation", observations=observations)


def link_events(
    workspace: Workspace, source: TimelineEvent, target: TimelineEvent, note: str = ""
) -> EventLink:
    """Record that `source` (one team's action) reached `target` (the other team's system)."""
    link = validate_link(workspace, source, target, note)
    workspace.add(link, text="Link events")
    return link


def validate_link(
    workspace: Workspace, source: TimelineEvent, target: TimelineEvent, note: str = ""
) -> EventLink:
    """The link `link_events` would add, or ValidationError saying why it cannot be added
    (also asked before a participant's proposed link reaches the facilitator's queue)."""
    if source.id is None or target.id is None:
        raise ValidationError("save both events before linking them", field="link")
    if source.lane is target.lane:
        raise ValidationError("a link joins one team's event to the other team's", field="link")
    for existing in workspace.session.links:
        if (existing.source_id, existing.target_id) == (source.id, target.id):
            raise ValidationError("these events are already linked", field="link")
    return EventLink(source.id, target.id, note)


def links_of(workspace: Workspace, event: TimelineEvent) -> list[EventLink]:
    return [k for k in workspace.session.links if event.id in (k.source_id, k.target_id)]
