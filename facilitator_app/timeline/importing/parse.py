"""A whole timeline file -> the events to add, or one `TimelineImportError` listing every bad row.

Nothing here writes: the caller adds `ImportResult.events` in one transaction (the CLI through
the store, the app through the workspace's undoable "import events"), so a rejected file leaves
the session exactly as it was. Exact duplicates (same UTC instant, team and event text) are
dropped and reported with both line numbers; so are rows already in the session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any

from facilitator_app.errors import UserError
from facilitator_app.model import Lane, Team, TimelineEvent
from facilitator_app.timeline.importing.archive import ExportFiles, ZipExport, is_zip
from facilitator_app.timeline.importing.batch import csv_batch
from facilitator_app.timeline.importing.decode import decode_text
from facilitator_app.timeline.importing.k8s_events import k8s_event_records
from facilitator_app.timeline.importing.limits import DEFAULT_LIMITS, Limits
from facilitator_app.timeline.importing.mapping import FieldMapping
from facilitator_app.timeline.importing.pagerduty import pagerduty_records
from facilitator_app.timeline.importing.problems import (
    ProblemList,
    RowProblem,
    TimelineImportError,
    file_error,
)
from facilitator_app.timeline.importing.rows import (
    EventRow,
    RowContext,
    RowFaults,
    TeamResolver,
    build_row,
    event_from_row,
)
from facilitator_app.timeline.importing.slack import slack_records
from facilitator_app.timeline.importing.slack_export import slack_export_records
from facilitator_app.timeline.importing.sources import (
    Item,
    RawRecord,
    csv_records,
    json_records,
    jsonl_records,
)
from facilitator_app.timeline.importing.times import resolve_zone
from facilitator_app.timeline.merge import LikelyDuplicate, likely_duplicates

Source = Callable[[str, str, FieldMapping, Limits, list[str]], Iterator[Item]]

SOURCES: dict[str, Source] = {
    "csv": csv_records,
    "json": json_records,
    "jsonl": jsonl_records,
    "slack": slack_records,
    "pagerduty": pagerduty_records,
    "k8s-events": k8s_event_records,
}
# Sources whose records already carry our columns (the mapping is applied inside them).
PRESHAPED = frozenset({"slack", "pagerduty", "k8s-events"})
FORMAT_NAMES = tuple(SOURCES)
_BY_SUFFIX = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".zip": "slack",
}

DuplicateKey = tuple[datetime, Lane, str]


@dataclass(frozen=True)
class ImportOptions:
    format: str = "csv"
    zone: str | None = None  # IANA name for times written without an offset
    skip_bad_rows: bool = False
    mapping: FieldMapping = field(default_factory=FieldMapping)
    limits: Limits = DEFAULT_LIMITS
    channel: str | None = None  # a Slack export's channel to import
    workspace_url: str | None = None  # https://WORKSPACE.slack.com, for Slack permalinks
    since: datetime | None = None  # events before are left out (and counted)
    until: datetime | None = None  # events after are left out (and counted)


@dataclass(frozen=True)
class Duplicate:
    line: int
    first_line: int | None  # None: the same event is already in the session
    member: str | None = None  # the day file of an export

    def describe(self) -> str:
        where = f"{self.member} line {self.line}" if self.member else f"line {self.line}"
        if self.first_line is None:
            return f"{where}: already in the session; dropped"
        return f"{where}: same time, team and event as line {self.first_line}; dropped"


@dataclass
class ImportResult:
    """What a file adds: events in file order (no ids yet), and what was left out and why.

    The events are kept as plain row tuples (`rows`), which the store writes as they are;
    `events` builds the model objects only when asked (the preview, the app's undoable import).
    """

    file: str
    rows: list[EventRow]
    lines: list[int]  # the line each event came from, parallel to `rows`
    skipped: list[RowProblem]  # bad rows left out (only with skip_bad_rows)
    duplicates: list[Duplicate]
    notices: list[str]
    rows_read: int
    likely: list[LikelyDuplicate] = field(default_factory=list)  # flagged, still in `rows`
    _events: list[TimelineEvent] | None = field(default=None, repr=False)

    @property
    def events(self) -> list[TimelineEvent]:
        if self._events is None:
            self._events = [event_from_row(row) for row in self.rows]
        return self._events

    def first_events(self, count: int) -> list[TimelineEvent]:
        """The first `count` events only (a preview need not build them all)."""
        if self._events is not None:
            return self._events[:count]
        return [event_from_row(row) for row in self.rows[:count]]

    def likely_lines(self) -> list[str]:
        """One line per likely duplicate, for standard error or the dialog's list."""
        return [d.describe(self.events[d.index], self.lines[d.index]) for d in self.likely]

    def without_likely_duplicates(self) -> ImportResult:
        """The same result without the flagged events (the facilitator chose to merge them)."""
        drop = {d.index for d in self.likely}
        kept = [i for i in range(len(self.rows)) if i not in drop]
        return ImportResult(
            self.file,
            [self.rows[i] for i in kept],
            [self.lines[i] for i in kept],
            self.skipped,
            self.duplicates,
            [*self.notices, f"left out {len(drop)} likely duplicates"],
            self.rows_read,
        )

    @property
    def skipped_lines(self) -> list[int]:
        lines = self.skipped.bad_lines if isinstance(self.skipped, ProblemList) else None
        return sorted({n for n in (lines or (p.line for p in self.skipped)) if n is not None})

    def summary(self) -> str:
        """ "12 events (2 duplicates dropped, 1 bad row skipped)"."""
        noun = "event" if len(self.rows) == 1 else "events"
        extras = []
        if self.duplicates:
            extras.append(
                f"{len(self.duplicates)} duplicate"
                f"{'' if len(self.duplicates) == 1 else 's'} dropped"
            )
        if self.skipped:
            rows = len(self.skipped_lines)
            extras.append(f"{rows} bad row{'' if rows == 1 else 's'} skipped")
        if self.likely:
            extras.append(
                f"{len(self.likely)} likely duplicate{'' if len(self.likely) == 1 else 's'} flagged"
            )
        tail = f" ({', '.join(extras)})" if extras else ""
        return f"{len(self.rows)} {noun}{tail}"


WINDOW_PAD = timedelta(hours=1)
WINDOWED = frozenset({"slack"})  # a channel runs on before and after the incident


def default_window(
    fmt: str, incident_start: datetime | None, incident_end: datetime | None
) -> tuple[datetime | None, datetime | None]:
    """The window a source is read in when none is given: for a Slack channel, the session's
    incident start and end with an hour either side (when set); other sources whole."""
    if fmt not in WINDOWED:
        return None, None
    return (
        incident_start - WINDOW_PAD if incident_start else None,
        incident_end + WINDOW_PAD if incident_end else None,
    )


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
    data: bytes | ExportFiles,
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
            mapping=FieldMapping() if options.format in PRESHAPED else options.mapping,
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
    notices: list[str] = []
    items: Iterator[Item]
    if isinstance(data, bytes) and options.format == "slack" and is_zip(data):
        data = ZipExport.open(data, file, options.limits)
    if not isinstance(data, bytes):
        if options.format != "slack":
            raise file_error(file, "a zip or a folder can only be read as a Slack export")
        items = slack_export_records(
            data,
            options.mapping,
            options.limits,
            notices,
            channel=options.channel,
            workspace_url=options.workspace_url,
        )
    else:
        text = decode_text(data, file, options.limits)
        items = SOURCES[options.format](text, file, options.mapping, options.limits, notices)
    before = list(existing)
    fast = None
    whole = options.since is None and options.until is None
    if isinstance(data, bytes) and options.format == "csv" and whole:
        fast = csv_batch(text, file, context, notices, {duplicate_key(e) for e in before})
    if fast is not None:
        result = ImportResult(file, fast[0], fast[1], [], [], notices, len(fast[0]))
    else:
        result = _read_rows(items, notices, file, options, context, before)
    if before and result.rows:
        result.likely = likely_duplicates(before, result.events)
    return result


def _read_rows(
    items: Iterator[Item],
    notices: list[str],
    file: str,
    options: ImportOptions,
    context: RowContext,
    existing: Iterable[TimelineEvent],
) -> ImportResult:
    limits = options.limits
    outside = 0
    since, until = options.since, options.until
    seen: dict[DuplicateKey, int | None] = {duplicate_key(e): None for e in existing}
    events: list[EventRow] = []
    lines: list[int] = []
    problems = ProblemList()
    duplicates: list[Duplicate] = []
    rows = 0
    pick = context.mapping.picker()
    for item in items:
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
        if (since is not None and event[0] < since) or (until is not None and event[0] > until):
            outside += 1
            continue
        key = (event[0], event[1], event[3])
        if key in seen:
            duplicates.append(Duplicate(item.line, seen[key], item.member))
            continue
        seen[key] = item.line
        events.append(event)
        lines.append(item.line)
    if problems and (not options.skip_bad_rows or any(p.fatal for p in problems)):
        raise TimelineImportError(file, problems)
    if rows == 0:
        raise file_error(file, "has no rows to import")
    if outside:
        notices.append(f"left out {outside} events outside {_window(since, until)}")
    return ImportResult(file, events, lines, problems, duplicates, notices, rows)


def _event_or_problem(
    record: RawRecord,
    pick: Callable[[Mapping[str, Any]], dict[str, Any]],
    context: RowContext,
    problems: list[RowProblem],
) -> EventRow | None:
    try:
        values = record.values if record.shaped else pick(record.values)
        return build_row(values, record.line, context, record.member)
    except RowFaults as row:
        problems.extend(
            RowProblem(record.line, f.column, f.reason, member=record.member) for f in row.faults
        )
        return None


def _window(since: datetime | None, until: datetime | None) -> str:
    def shown(value: datetime | None) -> str:
        return "…" if value is None else value.isoformat(timespec="minutes")

    return f"the window {shown(since)} to {shown(until)}"
