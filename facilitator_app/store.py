"""What the core needs from persistence, as a Protocol that `storage/` implements.

The core never imports storage: the composition root (cli.py / app.py) hands a store in. Every
method commits before it returns, so an edit on screen is an edit on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from facilitator_app.timeline.importing.rows import EventRow

from facilitator_app.model import (
    ActionItem,
    Attendee,
    ClosingPoll,
    ContributingFactor,
    EventLink,
    HolderKind,
    Lane,
    Note,
    ParkedIdea,
    Phase,
    Session,
    SessionState,
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


# ---- the live meeting engine's state (facilitator_app/engine) ------------------------------


@dataclass(frozen=True)
class MeetingClockRecord:
    """The meeting clock of one session, as stored: enough to reopen a meeting where it was."""

    state: str  # idle | running | paused | ended
    phase_id: int | None
    phase_entered_elapsed: float  # meeting seconds when the current phase was entered
    holder: HolderKind
    lane: Lane | None
    attendee_id: int | None
    open_interval_id: int | None  # the interval still running (its row holds a checkpoint)


@dataclass(frozen=True)
class PhaseClockRecord:
    """One phase's adaptive budget and the meeting time banked in it (DESIGN.md §2)."""

    phase_id: int
    scale: float | None  # share of its plan, fixed on first entry; None if never entered
    nudge_seconds: float = 0.0
    spent_seconds: float = 0.0  # meeting time spent in it, up to when it was last left


@dataclass(frozen=True)
class MeetingRecord:
    clock: MeetingClockRecord | None
    phases: dict[int, PhaseClockRecord]


@dataclass(frozen=True)
class IntervalWrite:
    """One speaking interval row to write; an open interval is written with a checkpoint end."""

    interval: SpeakingInterval  # gets its id assigned when inserted
    ended_at: datetime | None
    seconds: float | None


@dataclass
class MeetingWrite:
    """Everything one engine action changes, written in one transaction."""

    clock: MeetingClockRecord  # open_interval_id is taken from `open_interval` when given
    open_interval: SpeakingInterval | None = None
    intervals: Sequence[IntervalWrite] = ()
    delete_interval_ids: Sequence[int] = ()
    phase_clocks: Sequence[PhaseClockRecord] = ()
    phases: Sequence[Phase] = ()  # their started_at / ended_at
    session_state: SessionState | None = None


@dataclass(frozen=True)
class RoomProposalRecord:
    """One proposal from the room (issue 10) as stored, so nothing a participant sent is lost
    on a crash: its author, team, kind, values, status and times (not the device's secret)."""

    id: int  # numbered per session
    kind: str
    author: str
    lane: Lane
    guest: bool
    attendee_id: int | None
    values: dict[str, Any]
    summary: str
    received_at: datetime
    status: str  # pending | accepted | dismissed
    decided_at: datetime | None = None
    entity_id: int | None = None
    hidden: bool = False
    blame_findings: int = 0
    verdict: str = ""


class SessionStore(Protocol):
    @property
    def path(self) -> Path:
        """The database file (shown in the About box and Help → Show data folder)."""
        ...

    @property
    def schema_version(self) -> int: ...

    @property
    def storage_warning(self) -> str | None:
        """What the user must know while changes wait in memory (a full disk), else None."""
        ...

    def retry_pending(self) -> bool:
        """Try to save what waits; True when nothing waits any more."""
        ...

    def list_sessions(self) -> list[SessionSummary]: ...

    def create_session(self, session: Session) -> int:
        """Insert the whole session in one transaction; assigns ids to every entity."""
        ...

    def load_session(self, session_id: int) -> Session: ...

    def load_all_sessions(self) -> list[Session]:
        """Every stored session, oldest id first (the quarterly report reads them all)."""
        ...

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

    def import_event_rows(self, session_id: int, rows: Sequence[EventRow], first_seq: int) -> None:
        """The same for an import's plain row tuples (the command line's bulk import): no model
        objects, no ids handed back; `seq` counts up from `first_seq` in the given order."""
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

    def load_meeting(self, session_id: int) -> MeetingRecord:
        """The stored meeting clock (None if never started) and per-phase clocks."""
        ...

    def write_meeting(self, session_id: int, write: MeetingWrite) -> None:
        """Apply one engine action in one transaction (prepared statements, no per-row ORM)."""
        ...

    def checkpoint_interval(self, interval_id: int, ended_at: datetime, seconds: float) -> None:
        """Record how long the running interval has lasted so far (one statement, committed)."""
        ...

    def save_room_proposal(self, session_id: int, record: RoomProposalRecord) -> None:
        """Insert or replace one of the room's proposals (committed before it returns)."""
        ...

    def load_room_proposals(self, session_id: int) -> list[RoomProposalRecord]:
        """The session's stored room proposals, in the order they arrived."""
        ...
