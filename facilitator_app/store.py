"""What the core needs from persistence, as a Protocol that `storage/` implements.

The core never imports storage: the composition root (cli / launcher) hands a store in. Every
method commits before it returns, so an edit on screen is an edit on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from facilitator_app.model import (
    ActionItem,
    Attendee,
    ClosingPoll,
    ContributingFactor,
    EventLink,
    Note,
    ParkedIdea,
    Phase,
    Session,
    SpeakingInterval,
    Team,
    TimelineEvent,
)

# The entities that belong to a session and are saved one at a time.
Entity = (
    Attendee
    | Phase
    | TimelineEvent
    | SpeakingInterval
    | ContributingFactor
    | ActionItem
    | Note
    | ParkedIdea
    | EventLink
)


@dataclass(frozen=True)
class SessionSummary:
    id: int
    title: str
    team_a: str
    team_b: str
    state: str
    incident_start: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class SessionAction:
    """One action item with the session it came from (for the follow-up view)."""

    session: SessionSummary
    item: ActionItem


class SessionStore(Protocol):
    def list_sessions(self) -> list[SessionSummary]: ...

    def create_session(self, session: Session) -> int:
        """Insert the whole session in one transaction; assigns ids to every entity."""
        ...

    def load_session(self, session_id: int) -> Session: ...

    def save_session_fields(self, session: Session) -> None:
        """The session's own fields (title, times, time-box, state ...)."""
        ...

    def save_team(self, session_id: int, team: Team) -> None: ...

    def save(self, session_id: int, entity: Entity, *, index: int | None = None) -> None:
        """Insert (assigning `entity.id`) or update one entity with its children.

        `index` puts an attendee, phase, factor or action item at that place in its list (undo
        of a deletion); without it an existing entity keeps its place and a new one goes last.
        """
        ...

    def delete(self, entity: Entity) -> None: ...

    def import_events(self, session_id: int, events: Sequence[TimelineEvent]) -> None:
        """Insert many new events with their observations in ONE transaction; assigns ids.

        Either every event lands or none does (a timeline import is atomic).
        """
        ...

    def delete_events(self, event_ids: Sequence[int]) -> None:
        """Delete many events at once (undoing an import); observations and links go too."""
        ...

    def save_poll(self, session_id: int, poll: ClosingPoll) -> None: ...

    def delete_session(self, session_id: int) -> None: ...

    def all_action_items(self) -> list[SessionAction]:
        """Every action item of every session, with its status history, in session order."""
        ...

    def get_setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...
