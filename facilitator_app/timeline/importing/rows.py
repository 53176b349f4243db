"""One record (our columns picked out of it) -> one `TimelineEvent`, or a fault naming the column.

Team names are trimmed and matched to the session's two teams without regard to case or runs of
spaces; `aware_of_other_team` takes yes/no/unknown (and true/false, y/n, 1/0); `tags` are
separated by `;` (a JSON list works too); `source_url` must be an http(s) link with a host.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from facilitator_app.errors import UserError, ValidationError
from facilitator_app.model import MAX_TEXT, Awareness, Lane, Observation, Team, TimelineEvent
from facilitator_app.safe_url import safe_http_url
from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.mapping import COLUMNS, MISSING, FieldMapping
from facilitator_app.timeline.importing.times import FieldFault, parse_timestamp
from facilitator_app.timeline.tags import normalise_tag

_AWARE = {
    "yes": Awareness.YES,
    "y": Awareness.YES,
    "true": Awareness.YES,
    "1": Awareness.YES,
    "no": Awareness.NO,
    "n": Awareness.NO,
    "false": Awareness.NO,
    "0": Awareness.NO,
    "unknown": Awareness.UNKNOWN,
    "": Awareness.UNKNOWN,
    "?": Awareness.UNKNOWN,
}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class TeamResolver:
    """A team value from a file -> lane A or B of this session."""

    def __init__(self, teams: Sequence[Team], mapping: FieldMapping) -> None:
        self.teams = list(teams)
        self._seen: dict[str, Lane] = {}  # team values already resolved in this file
        self._by_name = {_key(t.name): t.lane for t in teams}
        self._values: dict[str, Lane] = {}
        for value, team_name in mapping.team_values.items():
            self._values[value] = self._named(team_name, "--team-value")
            self._values.setdefault(_key(value), self._values[value])
        self.default = (
            None if mapping.default_team is None else self._named(mapping.default_team, "--team")
        )

    def _choices(self) -> str:
        return " or ".join(repr(t.name) for t in self.teams)

    def _named(self, name: str, option: str) -> Lane:
        lane = self._by_name.get(_key(name))
        if lane is None:
            raise UserError(
                f"{name!r} is not one of the session's teams ({self._choices()})", field=option
            )
        return lane

    def lane(self, value: Any, column: str) -> Lane:
        if type(value) is str:  # the usual case, first: a value already seen in this file
            seen = self._seen.get(value)
            if seen is not None:
                return seen
        if value is MISSING or value is None or (isinstance(value, str) and not value.strip()):
            if self.default is not None:
                return self.default
            raise FieldFault(
                column, f"is empty: name one of the session's teams ({self._choices()})"
            )
        if not isinstance(value, str | int):
            raise FieldFault(column, "must be a team name")
        text = str(value)
        found = self._seen.get(text)
        if found is None:
            key = _key(text)
            found = self._values.get(text) or self._values.get(key) or self._by_name.get(key)
            if found is not None and len(self._seen) < 10_000:
                self._seen[text] = found
        if found is None:
            shown = text.strip() if len(text) <= 60 else text.strip()[:60] + "…"
            raise FieldFault(
                column, f"{shown!r} is not one of the session's teams ({self._choices()})"
            )
        return found


@dataclass
class RowContext:
    teams: TeamResolver
    mapping: FieldMapping
    zone: tzinfo | None
    limits: Limits
    source_name: str
    allow_unix: bool
    columns: dict[str, str] = field(default_factory=dict)  # ours -> the file's own name

    def __post_init__(self) -> None:
        self.columns = {c: self.mapping.source_key(c) for c in COLUMNS}


def _text(value: Any, column: str, limits: Limits) -> str:
    if type(value) is str and len(value) <= limits.max_field_chars:
        return value  # the usual case, first
    if value is MISSING or value is None:
        return ""
    if isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        raise FieldFault(column, "must be text")
    if len(value) > limits.max_field_chars:
        raise FieldFault(column, f"is longer than {limits.max_field_chars} characters")
    return value


def _awareness(value: Any, column: str) -> Awareness:
    if type(value) is str and value in _AWARE:
        return _AWARE[value]
    if isinstance(value, bool):
        return Awareness.YES if value else Awareness.NO
    if value is MISSING or value is None:
        return Awareness.UNKNOWN
    if not isinstance(value, str):
        raise FieldFault(column, "must be yes, no or unknown")
    found = _AWARE.get(value.strip().casefold())
    if found is None:
        raise FieldFault(column, f"{value.strip()[:40]!r} is not yes, no or unknown")
    return found


def _tags(value: Any, column: str, limits: Limits) -> list[str]:
    if value is MISSING or value is None or value == "":
        return []
    if isinstance(value, list):
        parts = [_text(v, column, limits) for v in value]
    else:
        parts = _text(value, column, limits).split(";")
    tags: list[str] = []
    for part in parts:
        tag = normalise_tag(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class RowFaults(Exception):
    """Every bad column of one row (a row is reported once, with all that is wrong in it)."""

    def __init__(self, faults: list[FieldFault]) -> None:
        super().__init__("; ".join(f.reason for f in faults))
        self.faults = faults


def _timestamp(value: Any, column: str, ctx: RowContext) -> datetime:
    if value is MISSING:
        raise FieldFault(column, "is missing")
    return parse_timestamp(value, ctx.zone, allow_unix=ctx.allow_unix, column=column)


def _description(value: Any, column: str, ctx: RowContext) -> str:
    text = _text(value, column, ctx.limits)
    if not text.strip():
        raise FieldFault(column, "is missing" if value is MISSING else "is empty")
    return text


def _url(value: Any, column: str, ctx: RowContext) -> str:
    text = _text(value, column, ctx.limits).strip()
    if not text:
        return ""
    try:
        return safe_http_url(text, column)
    except ValidationError as exc:
        raise FieldFault(column, exc.reason) from None


# The model's own limits (TimelineEvent, Observation): a row that passes here also passes there,
# so the bulk path can skip building model objects (tests/unit/test_timeline_import_csv.py).
ACTOR_CHARS = 120
EVENT_CHARS = 2000
URL_CHARS = 2000
TAG_CHARS = 60
SAW_CHARS = MAX_TEXT

# One good row, ready for storage without a model object: (occurred_at, lane, actor,
# description, source_url, imported_from, tags, saw, aware). The observation is kept when
# `aware` is known or `saw` has words.
EventRow = tuple[datetime, Lane, str, str, str, str, list[str], str, Awareness]


def _fit(text: str, column: str, limit: int) -> str:
    if len(text) > limit:
        raise FieldFault(column, f"longer than {limit} characters")
    return text


# Each column's reader, in the order a row is checked (the slow path, which reports every
# bad column of a row; `build_event` calls the same readers in the same order).
_READERS: tuple[tuple[str, Callable[[Any, str, RowContext], Any], Any], ...] = (
    ("timestamp", _timestamp, None),
    ("team", lambda v, c, ctx: ctx.teams.lane(v, c), None),
    ("event", lambda v, c, ctx: _fit(_description(v, c, ctx).strip(), c, EVENT_CHARS), ""),
    ("actor", lambda v, c, ctx: _fit(_text(v, c, ctx.limits).strip(), c, ACTOR_CHARS), ""),
    ("observation", lambda v, c, ctx: _text(v, c, ctx.limits), ""),
    ("aware_of_other_team", lambda v, c, ctx: _awareness(v, c), Awareness.UNKNOWN),
    ("source_url", lambda v, c, ctx: _fit(_url(v, c, ctx), c, URL_CHARS), ""),
    ("tags", lambda v, c, ctx: [_fit(t, c, TAG_CHARS) for t in _tags(v, c, ctx.limits)], None),
)


def build_row(
    picked: dict[str, Any], line: int, ctx: RowContext, member: str | None = None
) -> EventRow:
    """The event a row describes, as an `EventRow`, or RowFaults naming each (file's own)
    column at fault.

    Good rows take the straight path; a row with a fault is read again column by column so
    that every bad column of it is reported, not just the first.
    """
    columns, limits = ctx.columns, ctx.limits
    try:
        occurred = _timestamp(picked["timestamp"], columns["timestamp"], ctx)
        lane = ctx.teams.lane(picked["team"], columns["team"])
        text = _description(picked["event"], columns["event"], ctx).strip()
        actor = _text(picked["actor"], columns["actor"], limits).strip()
        saw = _text(picked["observation"], columns["observation"], limits).strip()
        aware = _awareness(picked["aware_of_other_team"], columns["aware_of_other_team"])
        link = _url(picked["source_url"], columns["source_url"], ctx)
        tags = _tags(picked["tags"], columns["tags"], limits)
        if (
            len(text) > EVENT_CHARS
            or len(actor) > ACTOR_CHARS
            or len(link) > URL_CHARS
            or (tags and max(map(len, tags)) > TAG_CHARS)
        ):
            raise FieldFault("event", "too long")  # the slow path below names the column
    except FieldFault as first:
        faults: list[FieldFault] = []
        for name, read, _default in _READERS:
            try:
                read(picked[name], columns[name], ctx)
            except FieldFault as fault:
                faults.append(fault)
        raise RowFaults(faults or [first]) from None
    origin = f"{ctx.source_name}/{member}:{line}" if member else f"{ctx.source_name}:{line}"
    return (occurred, lane, actor, text, link, origin, tags, saw, aware)


def event_from_row(row: EventRow) -> TimelineEvent:
    """The model object of a row (for the app's undoable import, the preview, duplicates)."""
    occurred, lane, actor, text, link, origin, tags, saw, aware = row
    observations = {}
    if aware is not Awareness.UNKNOWN or saw:
        observations[lane] = Observation(lane, saw, aware)
    return TimelineEvent(
        occurred_at=occurred,
        lane=lane,
        actor=actor,
        description=text,
        source_url=link,
        imported_from=origin,
        tags=list(tags),
        observations=observations,
    )
