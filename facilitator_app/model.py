# Over 500 lines on purpose: every entity of DESIGN.md §5 with its validation, read as one page.
"""The domain model of one postmortem session (DESIGN.md §5), as plain typed Python.

Every entity validates itself on creation, so a bad value is refused where it enters (an import,
a dialog, a JSON file) rather than found later on the projector. Ids are `None` until storage
assigns them. Times are aware datetimes: UTC for ordering, the original offset kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID, uuid4

from facilitator_app.boundary import (
    MAX_INTERVAL_SECONDS,
    MAX_TEXT,
    clean_text,
    count_field,
    enum_field,
    line_field,
    link_field,
    text_field,
    time_field,
)
from facilitator_app.errors import ValidationError
from facilitator_app.timeutil import to_utc

MAX_ADDED_BY = 200  # "Name (Team, guest)" of who proposed it from the room

MAX_TITLE = 200
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

# Okabe-Ito colour-blind-safe defaults; the team name is always shown beside the colour.
DEFAULT_COLOURS = {"A": "#0072B2", "B": "#E69F00"}


class Lane(StrEnum):
    A = "A"
    B = "B"

    @property
    def other(self) -> Lane:
        return Lane.B if self is Lane.A else Lane.A


class Role(StrEnum):
    LEAD = "lead"
    ON_CALL = "on-call"
    FACILITATOR = "facilitator"
    CO_FACILITATOR = "co-facilitator"
    NOTE_TAKER = "note-taker"
    OTHER = "other"


class SessionState(StrEnum):
    DRAFT = "draft"
    LIVE = "live"
    ENDED = "ended"


class Awareness(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class FactorOwner(StrEnum):
    A = "A"
    B = "B"
    INTERACTION = "interaction"


class ActionKind(StrEnum):
    TEAM = "team"
    JOINT = "joint"
    PROCESS = "process"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class HolderKind(StrEnum):
    """Who has the floor. An attendee's time also counts to their team."""

    TEAM = "team"
    ATTENDEE = "attendee"
    FACILITATOR = "facilitator"
    CROSSTALK = "crosstalk"
    NOBODY = "nobody"


class ParkedOutcome(StrEnum):
    PARKED = "parked"
    ACTION = "action"
    DROPPED = "dropped"


class Tag(StrEnum):
    LOCALLY_CORRECT = "locally-correct-globally-unexpected"
    DIVERGENCE = "divergence-point"


@dataclass
class Team:
    lane: Lane
    name: str
    colour: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        self.lane = enum_field(Lane, self.lane, "team.lane")
        self.name = line_field(self.name, "team.name", limit=80)
        self.colour = self.colour or DEFAULT_COLOURS[self.lane.value]
        if not HEX_COLOUR.match(self.colour):
            raise ValidationError(f"{self.colour!r} is not a #RRGGBB colour", field="team.colour")


@dataclass
class Attendee:
    name: str
    role: Role = Role.OTHER
    lane: Lane | None = None  # None: belongs to neither team (the facilitator, a guest)
    present: bool = True
    remote: bool = False  # attending live by video rather than in the room
    id: int | None = None

    def __post_init__(self) -> None:
        self.name = line_field(self.name, "attendee.name", limit=120)
        self.role = enum_field(Role, self.role, "attendee.role")
        if self.lane is not None:
            self.lane = enum_field(Lane, self.lane, "attendee.team")


@dataclass
class Phase:
    key: str
    title: str
    planned_minutes: float
    started_at: datetime | None = None
    ended_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.key = line_field(self.key, "phase.key", limit=40)
        self.title = line_field(self.title, "phase.title", limit=80)
        try:
            minutes = float(self.planned_minutes)
        except (TypeError, ValueError):
            raise ValidationError(
                "must be a number of minutes", field="phase.planned_minutes"
            ) from None
        if not 0 <= minutes <= 600:  # NaN and infinity fail too
            raise ValidationError(
                "must be between 0 and 600 minutes", field="phase.planned_minutes"
            )
        self.planned_minutes = float(self.planned_minutes)
        for name in ("started_at", "ended_at"):
            value = getattr(self, name)
            if value is not None:
                time_field(value, f"phase.{name}")


DEFAULT_AGENDA: tuple[tuple[str, str, float], ...] = (
    ("framing", "Framing", 5),
    ("timeline", "Timeline walk", 35),
    ("factors", "Contributing factors", 15),
    ("actions", "Action items", 15),
    ("wrapup", "Wrap-up", 5),
)


def default_phases() -> list[Phase]:
    return [Phase(key, title, minutes) for key, title, minutes in DEFAULT_AGENDA]


@dataclass
class Observation:
    """What one team saw at one moment, and whether it knew the other team was involved."""

    lane: Lane
    saw: str = ""
    aware_of_other: Awareness = Awareness.UNKNOWN
    id: int | None = None
    added_by: str = ""  # "Amara Diallo (Payments)": proposed from the room; "" when typed here

    def __post_init__(self) -> None:
        self.lane = enum_field(Lane, self.lane, "observation.team")
        self.saw = text_field(self.saw, "observation", required=False)
        self.aware_of_other = enum_field(Awareness, self.aware_of_other, "aware_of_other_team")
        self.added_by = line_field(self.added_by, "added_by", required=False, limit=MAX_ADDED_BY)


@dataclass
class TimelineEvent:
    occurred_at: datetime
    lane: Lane
    actor: str
    description: str
    source_url: str = ""
    imported_from: str = ""
    tags: list[str] = field(default_factory=list)
    observations: dict[Lane, Observation] = field(default_factory=dict)
    seq: int = 0  # tie-breaker for equal timestamps: order of arrival, stable
    id: int | None = None
    added_by: str = ""  # "Amara Diallo (Payments)": proposed from the room; "" when typed here

    def __post_init__(self) -> None:
        time_field(self.occurred_at, "timestamp")
        self.lane = enum_field(Lane, self.lane, "team")
        self.actor = line_field(self.actor, "actor", required=False, limit=120)
        self.description = text_field(self.description, "event", limit=2000)
        self.source_url = link_field(self.source_url, "source_url")
        self.tags = [line_field(t, "tags", limit=60) for t in self.tags if clean_text(t).strip()]
        self.added_by = line_field(self.added_by, "added_by", required=False, limit=MAX_ADDED_BY)

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return (to_utc(self.occurred_at), self.seq)

    def observation(self, lane: Lane) -> Observation:
        return self.observations.get(lane) or Observation(lane)


@dataclass
class EventLink:
    """One team's action reaching the other team's system: the source event led to the target.

    The links are what the incident-flow diagram draws, in the order of their source events.
    """

    source_id: int
    target_id: int
    note: str = ""
    id: int | None = None
    added_by: str = ""  # "Amara Diallo (Payments)": proposed from the room; "" when typed here

    def __post_init__(self) -> None:
        if self.source_id == self.target_id:
            raise ValidationError("an event cannot reach itself", field="link")
        self.note = text_field(self.note, "link.note", required=False, limit=500)
        self.added_by = line_field(self.added_by, "added_by", required=False, limit=MAX_ADDED_BY)


@dataclass
class SpeakingInterval:
    """One stretch of the floor. `ended_at` is None while it is still running."""

    holder: HolderKind
    started_at: datetime
    ended_at: datetime | None = None
    lane: Lane | None = None
    attendee_id: int | None = None
    seconds: float | None = None  # measured on the monotonic clock; None while open
    id: int | None = None

    def __post_init__(self) -> None:
        self.holder = enum_field(HolderKind, self.holder, "speaking.holder")
        time_field(self.started_at, "speaking.start")
        if self.ended_at is not None:
            time_field(self.ended_at, "speaking.end")
            if self.ended_at < self.started_at:
                raise ValidationError("ends before it starts", field="speaking.end")
            if (self.ended_at - self.started_at).total_seconds() > MAX_INTERVAL_SECONDS:
                raise ValidationError(
                    f"longer than a meeting can be ({MAX_INTERVAL_SECONDS:g} s)",
                    field="speaking.end",
                )
        if self.holder in (HolderKind.TEAM, HolderKind.ATTENDEE) and self.lane is None:
            raise ValidationError("a team or attendee holder needs a team", field="speaking.team")
        if self.seconds is not None:
            if isinstance(self.seconds, bool) or not isinstance(self.seconds, int | float):
                raise ValidationError("must be a number of seconds", field="speaking.seconds")
            if self.seconds < 0:
                raise ValidationError("negative duration", field="speaking.seconds")
            if not self.seconds <= MAX_INTERVAL_SECONDS:  # NaN and infinity fail too
                raise ValidationError(
                    f"longer than a meeting can be ({MAX_INTERVAL_SECONDS:g} s)",
                    field="speaking.seconds",
                )


@dataclass
class ContributingFactor:
    """`votes` is the total; `dots` the part of it cast by known attendees (attendee id -> dots).

    Votes entered as plain counts, or kept from a file without per-attendee detail, are the
    unattributed rest (`votes - sum(dots)`).
    """

    text: str
    owner: FactorOwner
    votes: int = 0
    event_ids: list[int] = field(default_factory=list)
    dots: dict[int, int] = field(default_factory=dict)
    id: int | None = None
    added_by: str = ""  # "Amara Diallo (Payments)": proposed from the room; "" when typed here

    def __post_init__(self) -> None:
        self.text = text_field(self.text, "factor.text", limit=2000)
        self.owner = enum_field(FactorOwner, self.owner, "factor.owner")
        self.added_by = line_field(self.added_by, "added_by", required=False, limit=MAX_ADDED_BY)
        self.votes = count_field(self.votes, "factor.votes")
        self.dots = {k: v for k, v in self.dots.items() if v}
        for v in self.dots.values():
            count_field(v, "factor.dots", "an attendee's dots")
        if sum(self.dots.values()) > self.votes:
            raise ValidationError(
                "more dots by attendees than votes in total", field="factor.votes"
            )

    @property
    def unattributed_votes(self) -> int:
        return self.votes - sum(self.dots.values())


@dataclass
class StatusChange:
    status: ActionStatus
    changed_at: datetime
    id: int | None = None

    def __post_init__(self) -> None:
        self.status = enum_field(ActionStatus, self.status, "status")
        time_field(self.changed_at, "status.changed_at")


@dataclass
class ActionItem:
    kind: ActionKind
    description: str
    owner: str = ""  # the accountable person or role (team items)
    lane: Lane | None = None  # owning team (team items)
    lead: str = ""  # the designated lead (joint items)
    due: date | None = None
    test_of_done: str = ""
    status: ActionStatus = ActionStatus.OPEN
    ticket_url: str = ""
    history: list[StatusChange] = field(default_factory=list)
    id: int | None = None
    added_by: str = ""  # "Amara Diallo (Payments)": proposed from the room; "" when typed here

    def __post_init__(self) -> None:
        self.kind = enum_field(ActionKind, self.kind, "kind")
        self.description = text_field(self.description, "description", limit=2000)
        self.owner = line_field(self.owner, "owner", required=False, limit=120)
        self.lead = line_field(self.lead, "lead", required=False, limit=120)
        self.test_of_done = text_field(self.test_of_done, "test", required=False, limit=2000)
        self.ticket_url = link_field(self.ticket_url, "ticket_url")
        self.status = enum_field(ActionStatus, self.status, "status")
        self.added_by = line_field(self.added_by, "added_by", required=False, limit=MAX_ADDED_BY)
        if self.lane is not None:
            self.lane = enum_field(Lane, self.lane, "team")


@dataclass
class Note:
    text: str
    phase_key: str | None = None
    event_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.text = text_field(self.text, "note", limit=MAX_TEXT)


@dataclass
class ParkedIdea:
    text: str
    event_id: int | None = None
    outcome: ParkedOutcome = ParkedOutcome.PARKED
    action_id: int | None = None
    id: int | None = None
    added_by: str = ""  # "Amara Diallo (Payments)": proposed from the room; "" when typed here

    def __post_init__(self) -> None:
        self.text = text_field(self.text, "parked.text", limit=2000)
        self.outcome = enum_field(ParkedOutcome, self.outcome, "parked.outcome")
        self.added_by = line_field(self.added_by, "added_by", required=False, limit=MAX_ADDED_BY)


@dataclass(frozen=True)
class PollAnswer:
    """One attendee's answers; None: not answered."""

    learned: bool | None = None
    again: bool | None = None


POLL_COUNTS = ("learned_yes", "learned_no", "again_yes", "again_no")


@dataclass
class ClosingPoll:
    """Two questions, recorded as counts (per-attendee answers add to the same counts).

    The counts are the totals; `answers` (attendee id -> answers) is the part of them entered
    per attendee, so a count never falls below what the named answers contribute.
    """

    learned_yes: int = 0
    learned_no: int = 0
    again_yes: int = 0
    again_no: int = 0
    answers: dict[int, PollAnswer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        floor = answer_counts(self.answers.values())
        for name in POLL_COUNTS:
            value = count_field(getattr(self, name), f"poll.{name}", "a count")
            if value < floor[name]:
                raise ValidationError(
                    f"{value} is fewer than the {floor[name]} answers entered per attendee",
                    field=f"poll.{name}",
                )


def answer_counts(answers: Iterable[PollAnswer]) -> dict[str, int]:
    """How many of each count a collection of PollAnswer contributes."""
    counts = dict.fromkeys(POLL_COUNTS, 0)
    for a in answers:
        if a.learned is not None:
            counts["learned_yes" if a.learned else "learned_no"] += 1
        if a.again is not None:
            counts["again_yes" if a.again else "again_no"] += 1
    return counts


DEFAULT_DOTS = 3

DEFAULT_FRAMING_QUESTION = "How did our two systems combine to cause this?"


@dataclass
class Session:
    title: str
    teams: tuple[Team, Team]
    incident_start: datetime | None = None
    incident_end: datetime | None = None
    severity: str = "SEV2"
    impact_summary: str = ""
    scheduled_start: datetime | None = None
    pre_read_sent_at: datetime | None = None
    timebox_minutes: int = 75
    state: SessionState = SessionState.DRAFT
    framing_question: str = DEFAULT_FRAMING_QUESTION
    attendees: list[Attendee] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=default_phases)
    events: list[TimelineEvent] = field(default_factory=list)
    speaking: list[SpeakingInterval] = field(default_factory=list)
    factors: list[ContributingFactor] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    parked: list[ParkedIdea] = field(default_factory=list)
    poll: ClosingPoll = field(default_factory=ClosingPoll)
    dots_per_attendee: int = DEFAULT_DOTS  # dot voting on contributing factors
    equal_team_weighting: bool = False  # weigh both teams' dots equally, whatever head-count
    links: list[EventLink] = field(default_factory=list)
    # The review's identity across databases and the organisation's archive (`publish`).
    uuid: str = field(default_factory=lambda: str(uuid4()))
    # When the review was last changed (storage's `updated_at`): the newer revision wins.
    revised_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.title = line_field(self.title, "title", limit=MAX_TITLE)
        self.uuid = canonical_uuid(self.uuid)
        self.state = enum_field(SessionState, self.state, "state")
        self.severity = line_field(self.severity, "severity", limit=20)
        self.impact_summary = text_field(self.impact_summary, "impact_summary", required=False)
        self.framing_question = text_field(self.framing_question, "framing_question", limit=300)
        validate_teams(self.teams)
        validate_timebox(self.timebox_minutes)
        if not isinstance(self.dots_per_attendee, int) or not 1 <= self.dots_per_attendee <= 20:
            raise ValidationError("must be a whole number from 1 to 20", field="dots_per_attendee")
        self.equal_team_weighting = bool(self.equal_team_weighting)
        for name in (
            "incident_start",
            "incident_end",
            "scheduled_start",
            "pre_read_sent_at",
            "revised_at",
        ):
            value = getattr(self, name)
            if value is not None:
                time_field(value, name)
        if self.incident_start and self.incident_end and self.incident_end < self.incident_start:
            raise ValidationError("the incident ends before it starts", field="incident_end")

    def team(self, lane: Lane) -> Team:
        return self.teams[0] if lane is Lane.A else self.teams[1]

    def sorted_events(self) -> list[TimelineEvent]:
        return sorted(self.events, key=lambda e: e.sort_key)

    def attendee(self, attendee_id: int | None) -> Attendee | None:
        return next((a for a in self.attendees if a.id == attendee_id), None)


def canonical_uuid(value: object, field_name: str = "uuid") -> str:
    """A UUID in its canonical lower-case form, or ValidationError."""
    try:
        return str(UUID(str(value).strip()))
    except ValueError:
        raise ValidationError(f"{value!r} is not a UUID", field=field_name) from None


def validate_teams(teams: tuple[Team, ...] | list[Team]) -> None:
    """Exactly two teams, lane A then lane B, with different names."""
    if len(teams) != 2:
        raise ValidationError(f"a session has exactly two teams, not {len(teams)}", field="teams")
    if teams[0].lane is not Lane.A or teams[1].lane is not Lane.B:
        raise ValidationError("the teams must be lane A then lane B", field="teams")
    if teams[0].name.casefold() == teams[1].name.casefold():
        raise ValidationError("the two teams need different names", field="team.name")


def validate_timebox(minutes: int) -> None:
    if not isinstance(minutes, int) or not 5 <= minutes <= 480:
        raise ValidationError("must be a whole number of minutes from 5 to 480", field="timebox")


def two_teams(name_a: str, name_b: str) -> tuple[Team, Team]:
    return (Team(Lane.A, name_a), Team(Lane.B, name_b))
