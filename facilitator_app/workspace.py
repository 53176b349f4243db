"""The one state both windows show: the open session, its store, undo, and what changed.

Every edit goes through a method here: it changes the model, writes it to the store before
returning (an edit on screen is an edit on disk), records an undo command, and tells the
subscribers which parts changed so each view refreshes only what it shows. Views hold no state.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from facilitator_app.errors import ValidationError
from facilitator_app.model import (
    ActionItem,
    Attendee,
    ContributingFactor,
    EventLink,
    Lane,
    Note,
    ParkedIdea,
    Phase,
    Session,
    SpeakingInterval,
    Team,
    TimelineEvent,
)
from facilitator_app.parts import Part
from facilitator_app.store import Entity, SessionStore
from facilitator_app.timeline.merge import assign_seq
from facilitator_app.undo import Command, UndoStack

if TYPE_CHECKING:
    from facilitator_app.engine import MeetingEngine


Listener = Callable[[frozenset[Part]], None]

_COLLECTIONS: dict[type, tuple[str, Part]] = {
    Attendee: ("attendees", Part.ROSTER),
    Phase: ("phases", Part.PHASES),
    TimelineEvent: ("events", Part.TIMELINE),
    SpeakingInterval: ("speaking", Part.SPEAKING),
    ContributingFactor: ("factors", Part.FACTORS),
    ActionItem: ("actions", Part.ACTIONS),
    Note: ("notes", Part.NOTES),
    ParkedIdea: ("parked", Part.PARKED),
    EventLink: ("links", Part.TIMELINE),
}

DISPLAY_ZONE_KEY = "timeline.display_zone"

SESSION_FIELDS = frozenset(
    {
        "title",
        "incident_start",
        "incident_end",
        "severity",
        "impact_summary",
        "scheduled_start",
        "pre_read_sent_at",
        "timebox_minutes",
        "state",
        "framing_question",
        "dots_per_attendee",
        "equal_team_weighting",
    }
)


class ScreenMode(StrEnum):
    """What the shared screen shows over the meeting view."""

    MEETING = "meeting"
    BLANK = "blank"
    GUIDE = "guide"


class Workspace:
    def __init__(self, store: SessionStore, session: Session) -> None:
        if session.id is None:
            raise ValueError("the session must be stored before it is opened")
        self.store = store
        self.session = session
        self.undo_stack = UndoStack()
        self._listeners: list[Listener] = []
        self.current_event_id: int | None = None
        self.screen_mode = ScreenMode.MEETING
        # The language guide (issue 5): the rule `G` shows large, and the rule of the latest
        # phrase the checker flagged while the facilitator typed (shown first on the next `G`).
        self.guide_rule_id: str | None = None
        self.flagged_rule_id: str | None = None
        self.display_zone = store.get_setting(DISPLAY_ZONE_KEY) or "UTC"
        events = session.sorted_events()
        if events:
            self.current_event_id = events[0].id
        self._meeting: MeetingEngine | None = None
        self.revision = 0  # counts notifications

    @property
    def session_id(self) -> int:
        assert self.session.id is not None
        return self.session.id

    @property
    def meeting(self) -> MeetingEngine:
        """The live meeting engine (clock, phases, speaking tracker). The composition root
        builds it with its clock and hands it in (`session_open.open_workspace`)."""
        if self._meeting is None:
            raise RuntimeError("no meeting engine: open the session with open_workspace()")
        return self._meeting

    def attach_meeting(self, engine: MeetingEngine) -> None:
        self._meeting = engine

    # ---- change notification ------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def notify(self, *parts: Part) -> None:
        self.revision += 1  # before the listeners run, so caches keyed on it are never stale
        changed = frozenset(parts)
        for listener in list(self._listeners):
            listener(changed)

    # ---- session fields and teams -------------------------------------------------------

    def _apply_session_fields(self, values: dict[str, Any]) -> None:
        candidate = dataclasses.replace(self.session, **values)  # validates the new values
        self.store.save_session_fields(candidate)  # on disk first: a failed write changes nothing
        for name in values:
            setattr(self.session, name, getattr(candidate, name))
        self.notify(Part.SESSION)

    def set_session_fields(self, text: str = "Edit session", **values: Any) -> None:
        unknown = set(values) - SESSION_FIELDS
        if unknown:
            raise ValueError(f"not session fields: {sorted(unknown)}")
        before = {name: getattr(self.session, name) for name in values}
        if before == values:
            return
        self.undo_stack.push(
            Command(
                text,
                lambda: self._apply_session_fields(values),
                lambda: self._apply_session_fields(before),
            )
        )

    def _apply_team(self, lane: Lane, name: str, colour: str) -> None:
        team = Team(lane, name, colour, id=self.session.team(lane).id)
        teams = list(self.session.teams)
        teams[0 if lane is Lane.A else 1] = team
        pair = (teams[0], teams[1])
        dataclasses.replace(self.session, teams=pair)  # validates distinct names
        self.store.save_team(self.session_id, team)
        self.session.teams = pair
        self.notify(Part.TEAMS)

    def set_team(self, lane: Lane, *, name: str | None = None, colour: str | None = None) -> None:
        old = self.session.team(lane)
        new_name, new_colour = name or old.name, colour or old.colour
        if (new_name, new_colour) == (old.name, old.colour):
            return
        self.undo_stack.push(
            Command(
                f"Edit team {old.name}",
                lambda: self._apply_team(lane, new_name, new_colour),
                lambda: self._apply_team(lane, old.name, old.colour),
            )
        )

    # ---- entities -----------------------------------------------------------------------

    def _collection(self, entity: Entity) -> tuple[list[Any], Part]:
        attribute, part = _COLLECTIONS[type(entity)]
        return getattr(self.session, attribute), part

    def _links_to(self, entity: Entity) -> list[tuple[Entity, str]]:
        """(entity, attribute) pairs that point at `entity` and that the database clears
        (ON DELETE SET NULL) when it goes, so that undo can put them back."""
        s = self.session
        if isinstance(entity, TimelineEvent):
            pointing: list[tuple[Entity, str]] = [(n, "event_id") for n in s.notes]
            pointing += [(p, "event_id") for p in s.parked]
        elif isinstance(entity, ActionItem):
            pointing = [(p, "action_id") for p in s.parked]
        elif isinstance(entity, Attendee):
            pointing = [(i, "attendee_id") for i in s.speaking]
        else:
            return []
        return [(item, name) for item, name in pointing if getattr(item, name) == entity.id]

    def _insert(self, entity: Entity, index: int | None, links: list[tuple[Entity, str]]) -> None:
        items, part = self._collection(entity)
        if index is None or index >= len(items):
            self.store.save(self.session_id, entity)
            items.append(entity)
        else:
            self.store.save(self.session_id, entity, index=index)
            items.insert(index, entity)
        parts = {part}
        for item, name in links:
            setattr(item, name, entity.id)
            self.store.save(self.session_id, item)
            parts.add(self._collection(item)[1])
        self.notify(*parts)

    def _remove(self, entity: Entity) -> tuple[int, list[tuple[Entity, str]]]:
        items, part = self._collection(entity)
        index = next(i for i, item in enumerate(items) if item is entity)
        links = self._links_to(entity)
        self.store.delete(entity)
        del items[index]
        parts = {part}
        for item, name in links:  # the database has already cleared them
            setattr(item, name, None)
            parts.add(self._collection(item)[1])
        if isinstance(entity, TimelineEvent) and self.current_event_id == entity.id:
            self.current_event_id = None
            parts.add(Part.CURRENT_EVENT)
        self.notify(*parts)
        return index, links

    def add(self, entity: Entity, text: str | None = None) -> None:
        """Add an entity to the session (undoable); the store assigns its id."""
        label = text or f"Add {type(entity).__name__.lower()}"
        state: dict[str, Any] = {"index": None, "links": []}

        def redo() -> None:
            self._insert(entity, state["index"], state["links"])

        def undo() -> None:
            state["index"], state["links"] = self._remove(entity)

        self.undo_stack.push(Command(label, redo, undo))

    def remove(self, entity: Entity, text: str | None = None) -> None:
        label = text or f"Delete {type(entity).__name__.lower()}"
        links = [
            k
            for k in self.session.links
            if isinstance(entity, TimelineEvent) and entity.id in (k.source_id, k.target_id)
        ]
        if links:
            # One undo step that also drops its cross-team links (the database cascades them).
            with self.undo_stack.group(label):
                for link in links:
                    self._remove_now(link, "Delete link")
                self._remove_now(entity, label)
        else:
            self._remove_now(entity, label)

    def _remove_now(self, entity: Entity, label: str) -> None:
        state: dict[str, Any] = {"index": None, "links": []}

        def redo() -> None:
            state["index"], state["links"] = self._remove(entity)

        def undo() -> None:
            self._insert(entity, state["index"], state["links"])

        self.undo_stack.push(Command(label, redo, undo))

    def update(self, entity: Entity, text: str | None = None, /, **values: Any) -> None:
        """Change fields of an entity (validated first; undoable).

        The undo text is positional-only, so that `update(note, text="...")` edits the note.
        """
        before = {name: copy.deepcopy(getattr(entity, name)) for name in values}
        if before == values:
            return
        dataclasses.replace(entity, **values)  # raises ValidationError on a bad value
        label = text or f"Edit {type(entity).__name__.lower()}"

        def apply(state: dict[str, Any]) -> None:
            candidate = dataclasses.replace(entity, **copy.deepcopy(state))  # normalises
            self.store.save(self.session_id, candidate)  # same id; a failed write changes nothing
            for name in state:
                setattr(entity, name, getattr(candidate, name))
            self.notify(self._collection(entity)[1])

        self.undo_stack.push(Command(label, lambda: apply(values), lambda: apply(before)))

    # ---- view state shared by both windows ----------------------------------------------

    def set_current_event(self, event_id: int | None) -> None:
        if event_id != self.current_event_id:
            self.current_event_id = event_id
            self.notify(Part.CURRENT_EVENT)

    def set_display_zone(self, zone: str) -> None:
        """The time zone both windows show timeline times in (an IANA name, or "UTC")."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"unknown time zone {zone!r}", field="zone") from None
        if zone != self.display_zone:
            self.display_zone = zone
            self.store.set_setting(DISPLAY_ZONE_KEY, zone)
            self.notify(Part.TIMELINE)

    def import_events(self, events: list[TimelineEvent], text: str = "Import events") -> None:
        """Add many new events as one undo step, written in one transaction.

        They are numbered after the existing events (`seq`), so events with equal timestamps
        keep the order of arrival: first what was there, then the file's order.
        """
        if not events:
            return
        batch = list(events)
        assign_seq(self.session.events, batch)

        def redo() -> None:
            self.store.import_events(self.session_id, batch)
            self.session.events.extend(batch)
            parts = [Part.TIMELINE]
            if self.current_event_id is None:
                self.current_event_id = self.session.sorted_events()[0].id
                parts.append(Part.CURRENT_EVENT)
            self.notify(*parts)

        def undo() -> None:
            gone = {id(e) for e in batch}
            self.store.delete_events([e.id for e in batch if e.id is not None])
            self.session.events[:] = [e for e in self.session.events if id(e) not in gone]
            parts = [Part.TIMELINE]
            if self.current_event_id in {e.id for e in batch}:
                remaining = self.session.sorted_events()
                self.current_event_id = remaining[0].id if remaining else None
                parts.append(Part.CURRENT_EVENT)
            self.notify(*parts)

        self.undo_stack.push(Command(text, redo, undo))

    def set_screen_mode(self, mode: ScreenMode) -> None:
        if mode is not self.screen_mode:
            self.screen_mode = mode
            self.notify(Part.SCREEN)

    def toggle_screen_mode(self, mode: ScreenMode) -> None:
        """Show `mode` over the meeting view, or, if it is showing, the meeting view again
        (`B` blanks and restores; `G` brings the guide and takes it away)."""
        self.set_screen_mode(ScreenMode.MEETING if self.screen_mode is mode else mode)

    def show_guide_rule(self, rule_id: str) -> None:
        """Bring the language guide to the front of the shared screen, at this rule."""
        if rule_id == self.guide_rule_id and self.screen_mode is ScreenMode.GUIDE:
            return
        self.guide_rule_id = rule_id
        self.screen_mode = ScreenMode.GUIDE
        self.notify(Part.SCREEN)

    def note_flagged_rule(self, rule_id: str | None) -> None:
        """Remember the rule of a phrase the checker just flagged (nothing to repaint)."""
        self.flagged_rule_id = rule_id

    def undo(self) -> str | None:
        return self.undo_stack.undo()

    def redo(self) -> str | None:
        return self.undo_stack.redo()
