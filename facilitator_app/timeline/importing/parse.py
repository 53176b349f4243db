"""A whole timeline file -> the events to add, or one `TimelineImportError` listing every bad row.

Nothing here writes: the caller adds `ImportResult.events` in one transaction (the CLI through
the store, the app through the workspace's undoable "import events"), so a rejected file leaves
the session exactly as it was. Exact duplicates (same UTC instant, team and event text) are
dropped and reported with both line numbers; so are rows already in the session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import Any

from facilitator_app.errors import UserError
from facilitator_app.model import Lane, Team, TimelineEvent
from facilitator_app.timeline.importing.decode import decode_text
from facilitator_app.timeline.importing.limits import DEFAULT_LIMITS, Limits
from facilitator_app.timeline.importing.mapping import FieldMapping
from facilitator_app.timeline.importing.problems import RowProblem, TimelineImportError, file_error
from facilitator_app.timeline.importing.rows import RowContext, RowFaults, TeamResolver, build_event
from facilitator_app.timeline.importing.slack import slack_records
from facilitator_app.timeline.importing.sources import (
    Item,
    RawRecord,
    csv_records,
    json_records,
    jsonl_records,
)
from facilitator_app.timeline.importing.times import resolve_zone

Source = Callable[[str, str, FieldMapping, Limits, list[str]], Iterator[Item]]

SOURCES: dict[str, Source] = {
    "csv": csv_records,
    "json": json_records,
    "jsonl": jsonl_records,
    "slack": slack_records,
}
FORMAT_NAMES = tuple(SOURCES)
_BY_SUFFIX = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}

DuplicateKey = tuple[datetime, Lane, str]


@dataclass(frozen=True)
class ImportOptions:
    format: str = "csv"
    zone: str | None = None  # IANA name for times written without an offset
    skip_bad_rows: bool = False
    mapping: FieldMapping = field(default_factory=FieldMapping)
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True)
class Duplicate:
    line: int
    first_line: int | None  # None: the same event is already in the session

    def describe(self) -> str:
        if self.first_line is None:
            return f"line {self.line}: already in the session; dropped"
        return f"line {self.line}: same time, team and event as line {self.first_line}; dropped"


@dataclass
class ImportResult:
    """What a file adds: events in file order (no ids yet), and what was left out and why."""

    file: str
    events: list[TimelineEvent]
    lines: list[int]  # the line each event came from, parallel to `events`
    skipped: list[RowProblem]  # bad rows left out (only with skip_bad_rows)
    duplicates: list[Duplicate]
    notices: list[str]
    rows_read: int

    @property
    def skipped_lines(self) -> list[int]:
        return sorted({p.line for p in self.skipped if p.line is not None})

    def summary(self) -> str:
        """ "12 events (2 duplicates dropped, 1 bad row skipped)"."""
        noun = "event" if len(self.events) == 1 else "events"
        extras = []
        if self.duplicates:
            extras.append(
                f"{len(self.duplicates)} duplicate"
                f"{'' if len(self.duplicates) == 1 else 's'} dropped"
            )
        if self.skipped:
            rows = len(self.skipped_lines)
            extras.append(f"{rows} bad row{'' if rows == 1 else 's'} skipped")
        tail = f" ({', '.join(extras)})" if extras else ""
        return f"{len(self.events)} {noun}{tail}"


def detect_format(name: str, data: bytes = b"") -> str:
    """The format a file's name (and, for .json, its first message) suggests; csv otherwise."""
    suffix = PurePath(name).suffix.lower()
    found = _BY_SUFFIX.get(suffix, "csv")
    if found == "json" and b'"ts"' in data[:4096] and b'"timestamp"' not in data[:4096]:
        return "slack"
    return found


def duplicate_key(event: TimelineEvent) -> DuplicateKey:
    # aware datetimes hash and compare by their UTC instant, whatever their offset
    return (event.occurred_at, event.lane, event.description)


def parse_timeline(
    data: bytes,
    *,
    file: str,
    teams: Sequence[Team],
    options: ImportOptions,
    existing: Iterable[TimelineEvent] = (),
) -> ImportResult:
    """Read a whole file; raise TimelineImportError (only that) if it must not be imported."""
    try:
        if options.format not in SOURCES:
            raise UserError(
                f"unknown format {options.format!r} (one of {', '.join(SOURCES)})", field="--format"
            )
        context = RowContext(
            teams=TeamResolver(teams, options.mapping),
            mapping=options.mapping if options.format != "slack" else FieldMapping(),
            zone=resolve_zone(options.zone),
            limits=options.limits,
            source_name=PurePath(file).name,
            allow_unix=options.format != "csv",
        )
    except TimelineImportError:
        raise
    except UserError as exc:  # a bad option: still our one error type, naming the option
        raise TimelineImportError(
            file, [RowProblem(None, exc.field, exc.reason, fatal=True)]
        ) from None
    text = decode_text(data, file, options.limits)
    return _read_rows(text, file, options, context, existing)


def _read_rows(
    text: str,
    file: str,
    options: ImportOptions,
    context: RowContext,
    existing: Iterable[TimelineEvent],
) -> ImportResult:
    limits = options.limits
    mapping = options.mapping
    notices: list[str] = []
    seen: dict[DuplicateKey, int | None] = {duplicate_key(e): None for e in existing}
    events: list[TimelineEvent] = []
    lines: list[int] = []
    problems: list[RowProblem] = []
    duplicates: list[Duplicate] = []
    rows = 0
    pick = context.mapping.picker()
    for item in SOURCES[options.format](text, file, mapping, limits, notices):
        rows += 1
        if rows > limits.max_rows:
            raise file_error(
                file,
                f"more than {limits.max_rows:,} rows (the limit); split the file",
                line=item.line,
            )
        if isinstance(item, RowProblem):
            problems.append(item)
            if item.fatal:
                break
            continue
        event = _event_or_problem(item, pick, context, problems)
        if event is None:
            continue
        key = duplicate_key(event)
        if key in seen:
            duplicates.append(Duplicate(item.line, seen[key]))
            continue
        seen[key] = item.line
        events.append(event)
        lines.append(item.line)
    if problems and (not options.skip_bad_rows or any(p.fatal for p in problems)):
        raise TimelineImportError(file, problems)
    if rows == 0:
        raise file_error(file, "has no rows to import")
    return ImportResult(file, events, lines, problems, duplicates, notices, rows)


def _event_or_problem(
    record: RawRecord,
    pick: Callable[[Mapping[str, Any]], dict[str, Any]],
    context: RowContext,
    problems: list[RowProblem],
) -> TimelineEvent | None:
    try:
        return build_event(pick(record.values), record.line, context)
    except RowFaults as row:
        problems.extend(RowProblem(record.line, f.column, f.reason) for f in row.faults)
        return None
