"""Walking the timeline in the meeting: the current event, next/previous, and the two tags.

Plain functions of the workspace, so that the hotkey table (PageDown/PageUp, N/P, L, D), the
console buttons and the tests all call the same thing. The current event lives in
`Workspace.current_event_id`, so both windows always agree on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.model import Lane, Tag, TimelineEvent
from facilitator_app.timeline.merge import merged
from facilitator_app.workspace import Workspace


def ordered_events(workspace: Workspace) -> list[TimelineEvent]:
    return merged(workspace.session.events)


def current_event(workspace: Workspace) -> TimelineEvent | None:
    wanted = workspace.current_event_id
    return next((e for e in workspace.session.events if e.id == wanted), None)


def _step(workspace: Workspace, delta: int) -> TimelineEvent | None:
    events = ordered_events(workspace)
    if not events:
        return None
    ids = [e.id for e in events]
    if workspace.current_event_id not in ids:
        target = events[0] if delta > 0 else events[-1]
    else:
        index = ids.index(workspace.current_event_id) + delta
        target = events[max(0, min(index, len(events) - 1))]
    workspace.set_current_event(target.id)
    return target


def next_event(workspace: Workspace) -> TimelineEvent | None:
    """Move to the next event in time (stays on the last one); returns the current event."""
    return _step(workspace, +1)


def previous_event(workspace: Workspace) -> TimelineEvent | None:
    return _step(workspace, -1)


def first_event(workspace: Workspace) -> TimelineEvent | None:
    events = ordered_events(workspace)
    workspace.set_current_event(events[0].id if events else None)
    return events[0] if events else None


def last_event(workspace: Workspace) -> TimelineEvent | None:
    events = ordered_events(workspace)
    workspace.set_current_event(events[-1].id if events else None)
    return events[-1] if events else None


def toggle_tag(workspace: Workspace, tag: str | Tag) -> bool | None:
    """Tag or untag the current event (undoable); returns whether it now has the tag.

    There is one divergence point: marking a new one moves the mark, as one undo step.
    None when there is no current event.
    """
    event = current_event(workspace)
    if event is None:
        return None
    value = tag.value if isinstance(tag, Tag) else tag
    if value in event.tags:
        workspace.update(event, f"Untag {value}", tags=[t for t in event.tags if t != value])
        return False
    with workspace.undo_stack.group(f"Tag {value}"):
        if value == Tag.DIVERGENCE.value:
            for other in workspace.session.events:
                if other is not event and value in other.tags:
                    workspace.update(other, tags=[t for t in other.tags if t != value])
        workspace.update(event, tags=[*event.tags, value])
    return True


@dataclass(frozen=True)
class Neighbourhood:
    """The current event and, per lane, the events just before and after it (the walk view)."""

    current: TimelineEvent | None
    before: dict[Lane, list[TimelineEvent]]
    after: dict[Lane, list[TimelineEvent]]


def neighbourhood(workspace: Workspace, per_lane: int = 2) -> Neighbourhood:
    events = ordered_events(workspace)
    current = current_event(workspace)
    before: dict[Lane, list[TimelineEvent]] = {Lane.A: [], Lane.B: []}
    after: dict[Lane, list[TimelineEvent]] = {Lane.A: [], Lane.B: []}
    if current is None:
        return Neighbourhood(None, before, after)
    index = next(i for i, e in enumerate(events) if e is current)
    for e in reversed(events[:index]):
        if len(before[e.lane]) < per_lane:
            before[e.lane].insert(0, e)
    for e in events[index + 1 :]:
        if len(after[e.lane]) < per_lane:
            after[e.lane].append(e)
    return Neighbourhood(current, before, after)
