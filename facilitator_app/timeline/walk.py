"""Walking the timeline in the meeting: the current event, next/previous, and the two tags.

Plain functions of the workspace, so that the hotkey table (PageDown/PageUp, N/P, L, D), the
console buttons and the tests all call the same thing. The current event lives in
`Workspace.current_event_id`, so both windows always agree on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.model import Lane, Tag, TimelineEvent
from facilitator_app.timeline.merge import merged
from facilitator_app.timeline.tags import normalise_tag
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

    None when there is no current event. The rule itself is `set_tag`'s.
    """
    event = current_event(workspace)
    if event is None:
        return None
    value = tag.value if isinstance(tag, Tag) else tag
    wanted = value not in event.tags
    set_tag(workspace, event, value, wanted)
    return wanted


def set_tag(workspace: Workspace, event: TimelineEvent, tag: str | Tag, wanted: bool) -> None:
    """Give `event` the tag or take it away, as one undo step.

    There is one divergence point: marking a new one moves the mark (DESIGN.md §3).
    """
    value = tag.value if isinstance(tag, Tag) else tag
    if (value in event.tags) == wanted:
        return
    if not wanted:
        workspace.update(event, f"Untag {value}", tags=[t for t in event.tags if t != value])
        return
    set_tags(workspace, event, [*event.tags, value], f"Tag {value}")


def set_tags(
    workspace: Workspace, event: TimelineEvent, tags: list[str], text: str = "Edit tags"
) -> None:
    """Replace the event's tags (one undo step); a divergence point among them moves the mark
    off every other event, whichever way it was typed or pressed."""
    wanted = list(dict.fromkeys(tags))
    if wanted == event.tags:
        return
    divergence = Tag.DIVERGENCE.value
    with workspace.undo_stack.group(text):
        if divergence in wanted:
            for other in workspace.session.events:
                if other is not event and divergence in other.tags:
                    workspace.update(other, tags=[t for t in other.tags if t != divergence])
        workspace.update(event, text, tags=wanted)


KNOWN_TAGS = (Tag.LOCALLY_CORRECT.value, Tag.DIVERGENCE.value)


def free_tags(event: TimelineEvent) -> list[str]:
    """The tags people typed themselves (the two the method names have their own boxes)."""
    return [t for t in event.tags if t not in KNOWN_TAGS]


def set_free_tags(workspace: Workspace, event: TimelineEvent, typed: str) -> None:
    """The event's free tags from "a; b; c" (the known tags it has stay); a known tag typed
    in words ("divergence point") is stored as its slug, under the same one-mark rule."""
    typed_tags = [normalise_tag(t) for t in typed.split(";") if t.strip()]
    kept = [t for t in event.tags if t in KNOWN_TAGS]
    set_tags(workspace, event, kept + [t for t in typed_tags if t not in kept])


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
