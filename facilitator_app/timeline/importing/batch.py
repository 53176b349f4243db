"""A clean CSV file checked column by column, in bulk: the fast path of a large import.

Reading a 100,000-row file row by row costs a dozen Python calls a row; most files are clean, and
their columns can be checked whole with C-level `map`, `zip` and `set` (a team or tag value is
resolved once per distinct value, not once per row). This path is optimistic: at the first
thing that is not plainly fine (a bad value, a blank line, a duplicate, a naive time, a time
window) it gives up and returns None, and the row-by-row path reads the file again and reports
every problem by line, column and reason. So both paths give the same result for a clean file
(tests/unit/test_timeline_import_batch.py checks it on generated files), and only the
row-by-row path ever explains an error.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import accumulate, repeat
from operator import attrgetter
from typing import Any

from facilitator_app.errors import ValidationError
from facilitator_app.model import Awareness
from facilitator_app.safe_url import safe_http_url
from facilitator_app.timeline.importing.mapping import MISSING
from facilitator_app.timeline.importing.problems import TimelineImportError
from facilitator_app.timeline.importing.rows import (
    ACTOR_CHARS,
    EVENT_CHARS,
    SAW_CHARS,
    TAG_CHARS,
    URL_CHARS,
    EventRow,
    RowContext,
    _awareness,
    _tags,
)
from facilitator_app.timeline.importing.sources import header_names, ignored_columns
from facilitator_app.timeline.importing.times import _HAS_TIME, FieldFault


class _NotPlain(Exception):
    """Something the row-by-row path must look at."""


def _per_value(values: Sequence[str], read: Callable[[str], Any]) -> list[Any]:
    """`read` once per distinct value (teams, tags, awareness), then looked up for every row."""
    distinct = set(values)
    if len(distinct) > 1000:
        raise _NotPlain
    try:
        known = {value: read(value) for value in distinct}
    except FieldFault:
        raise _NotPlain from None
    return list(map(known.__getitem__, values))


def _stripped(values: Sequence[str], field_limit: int, limit: int) -> list[str]:
    if values and max(map(len, values)) > field_limit:
        raise _NotPlain
    cleaned = list(map(str.strip, values))
    if cleaned and max(map(len, cleaned)) > limit:
        raise _NotPlain
    return cleaned


def _times(values: Sequence[str]) -> list[datetime]:
    if not all(map(_HAS_TIME.match, values)):
        raise _NotPlain
    try:
        times = list(map(datetime.fromisoformat, values))
    except ValueError:
        raise _NotPlain from None
    if None in map(attrgetter("tzinfo"), times):
        raise _NotPlain  # a naive time: the zone's DST rules are checked row by row
    years = list(map(attrgetter("year"), times))
    if min(years) <= 1 or max(years) >= 9999:
        raise _NotPlain
    return times


def _links(values: Sequence[str]) -> list[str]:
    cleaned = _stripped(values, URL_CHARS, URL_CHARS)
    try:
        if "" not in cleaned:
            return list(map(safe_http_url, cleaned))
        return [safe_http_url(v, "source_url") if v else "" for v in cleaned]
    except ValidationError:
        raise _NotPlain from None


def _rows_and_starts(
    reader: Any, header_end: int, plain_newlines: bool
) -> tuple[list[list[str]], list[int]]:
    """Every record and the line it starts on. With only `\n` line ends, a record takes one
    line plus one per newline inside its quoted fields (counted in bulk); otherwise the reader
    says where each record ends."""
    if plain_newlines:
        rows = list(reader)
        inner = list(map(str.count, map("".join, rows), repeat("\n")))
        return rows, list(accumulate(map((1).__add__, inner[:-1]), initial=header_end + 1))
    rows, starts = [], []
    line = header_end
    for row in reader:
        rows.append(row)
        starts.append(line + 1)
        line = reader.line_num
    return rows, starts


def csv_batch(
    text: str, file: str, ctx: RowContext, notices: list[str], existing: set[Any]
) -> tuple[list[EventRow], list[int]] | None:
    """Every row of a clean CSV as event rows with their lines, or None (read it row by row).
    `existing`: the duplicate keys (time, lane, text) of the session's events."""
    try:
        return _batch(text, file, ctx, notices, existing)
    except (_NotPlain, csv.Error, TimelineImportError):
        return None


def _batch(
    text: str, file: str, ctx: RowContext, notices: list[str], existing: set[Any]
) -> tuple[list[EventRow], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    first = next(reader, None)
    if not first or not any(cell.strip() for cell in first):
        raise _NotPlain
    mapping, limits = ctx.mapping, ctx.limits
    header = header_names(first, file, mapping)
    header_end = reader.line_num
    rows, starts = _rows_and_starts(reader, header_end, "\r" not in text)
    count = len(rows)
    if not count or count > limits.max_rows or set(map(len, rows)) != {len(header)}:
        raise _NotPlain
    by_name = dict(zip(header, zip(*rows, strict=True), strict=False))
    del rows  # the columns hold the cells now; the records would only double the memory
    empty = ("",) * count

    def column(name: str) -> tuple[str, ...] | None:
        return by_name.get(mapping.source_key(name).strip().casefold())

    stamps = column("timestamp")
    events = column("event")
    if stamps is None or events is None:
        raise _NotPlain
    times = _times(stamps)
    texts = _stripped(events, limits.max_field_chars, EVENT_CHARS)
    if "" in texts:
        raise _NotPlain
    teams = column("team")
    if teams is None:
        lanes = [ctx.teams.lane(MISSING, "team")] * count
    else:
        lanes = _per_value(teams, lambda v: ctx.teams.lane(v, ctx.columns["team"]))
    actors = _stripped(column("actor") or empty, limits.max_field_chars, ACTOR_CHARS)
    saws = _stripped(column("observation") or empty, limits.max_field_chars, SAW_CHARS)
    aware_column = column("aware_of_other_team")
    awares = (
        [Awareness.UNKNOWN] * count
        if aware_column is None
        else _per_value(aware_column, lambda v: _awareness(v, "aware_of_other_team"))
    )
    links = _links(column("source_url") or empty)
    tag_column = column("tags")
    tags: list[list[str]] = [[]] * count
    if tag_column is not None and any(tag_column):
        tags = _per_value(tag_column, lambda v: _tags(v, "tags", limits))
        if any(len(t) > TAG_CHARS for listed in tags for t in listed):
            raise _NotPlain
    origins = [f"{ctx.source_name}:{line}" for line in starts]
    keys = set(zip(times, lanes, texts, strict=True))
    if len(keys) != count or not keys.isdisjoint(existing):
        raise _NotPlain  # duplicates are reported row by row, with both lines
    ignored = ignored_columns(header, mapping)
    if ignored:
        notices.append(f"ignored columns: {', '.join(ignored)}")
    result = list(zip(times, lanes, actors, texts, links, origins, tags, saws, awares, strict=True))
    return result, starts
