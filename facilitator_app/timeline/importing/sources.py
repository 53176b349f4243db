"""Reading records out of CSV, a JSON list and JSON Lines, each with the line it starts on.

A source yields `RawRecord`s (a dict of the file's own keys) and `RowProblem`s for records it
cannot even read; turning a record into an event is `rows.py`'s job. Line numbers are physical:
the line where the record starts, the header being line 1, whatever quoted newlines follow.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.mapping import COLUMNS, MISSING, FieldMapping
from facilitator_app.timeline.importing.problems import RowProblem, file_error


@dataclass(slots=True)
class RawRecord:
    line: int
    values: dict[str, Any]
    member: str | None = None  # the file inside an export it comes from
    shaped: bool = False  # `values` are already keyed by our columns (no mapping to apply)


Item = RawRecord | RowProblem
_ALL_MISSING = dict.fromkeys(COLUMNS, MISSING)


def shaped_record(line: int, values: dict[str, Any], member: str | None = None) -> RawRecord:
    """A record a source built in our own columns (Slack, PagerDuty, Kubernetes): the columns
    it leaves out are missing, and no mapping applies."""
    return RawRecord(line, {**_ALL_MISSING, **values}, member, shaped=True)


_CSV_MESSAGES = {
    "unexpected end of data": "a quoted field is never closed (a missing '\"')",
    "',' expected after '\"'": "text right after a closing quote (quote the whole field, "
    "doubling any '\"' inside it)",
}


class _LineCounter:
    """Turns string offsets into line numbers, counting each stretch of text only once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:  # never happens in a forward scan; stay correct anyway
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


# ---- CSV -------------------------------------------------------------------------------------


def header_names(row: list[str], file: str, mapping: FieldMapping) -> list[str]:
    """The header's column names (trimmed, any case), or the file's error for a bad header."""
    names = [cell.strip().casefold() for cell in row]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise file_error(file, f"the header names the column {name!r} twice", line=1)
        seen.add(name)
    wanted = {mapping.source_key(c).casefold() for c in ("timestamp", "event")}
    if mapping.default_team is None:
        wanted.add(mapping.source_key("team").casefold())
    missing = sorted(wanted - seen)
    if missing:
        hints = []
        for name in missing:
            close = difflib.get_close_matches(name, [n for n in names if n], n=1)
            hints.append(f"{name} (is {close[0]!r} a typo?)" if close else name)
        raise file_error(
            file,
            f"the header has no {', '.join(hints)} column; the columns are {', '.join(COLUMNS)}",
            line=1,
        )
    return names


def ignored_columns(header: list[str], mapping: FieldMapping) -> list[str]:
    known = {mapping.source_key(c).casefold() for c in COLUMNS}
    return [h for h in header if h and h not in known]


def _shape(header: list[str], mapping: FieldMapping) -> Callable[[list[str]], dict[str, Any]]:
    """A CSV row -> our columns, by position (worked out once per file; the import's hot loop).
    A column the header lacks is `MISSING`."""
    keys = {c: mapping.source_key(c).strip().casefold() for c in COLUMNS}
    present = [(c, header.index(k)) for c, k in keys.items() if k in header]
    names = [c for c, _ in present]
    absent = {c: MISSING for c in COLUMNS if c not in names}
    if len(present) < 2:
        return lambda row: {**{c: row[i] for c, i in present}, **absent}
    getter = itemgetter(*(i for _, i in present))
    if not absent:
        return lambda row: dict(zip(names, getter(row), strict=True))
    return lambda row: {**dict(zip(names, getter(row), strict=True)), **absent}


def csv_records(
    text: str, file: str, mapping: FieldMapping, limits: Limits, notices: list[str]
) -> Iterator[Item]:
    """Rows of a CSV with a header row (strict quoting, so a broken quote is reported)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        first = next(reader, None)
    except csv.Error as exc:
        raise file_error(file, f"the header is not valid CSV: {exc}", line=1) from None
    if not first or not any(cell.strip() for cell in first):
        raise file_error(
            file, "the first line must be the header (timestamp,team,event,...)", line=1
        )
    header = header_names(first, file, mapping)
    ignored = ignored_columns(header, mapping)
    if ignored:
        notices.append(f"ignored columns: {', '.join(ignored)}")
    last = reader.line_num
    width = len(header)
    shape = _shape(header, mapping)
    while True:
        try:
            for row in reader:
                start, last = last + 1, reader.line_num
                if len(row) == width:
                    if row[0].strip() or "".join(row).strip():
                        yield RawRecord(start, shape(row), shaped=True)
                elif "".join(row).strip():  # blank lines between records are harmless
                    yield RowProblem(
                        start, None, f"has {len(row)} fields but the header has {width}"
                    )
            return
        except csv.Error as exc:
            start, last = last + 1, reader.line_num
            message = str(exc)
            if "field larger than field limit" in message:
                yield RowProblem(
                    start,
                    None,
                    f"a field is longer than {limits.max_field_chars} characters",
                    fatal=True,
                )
                return
            yield RowProblem(start, None, _CSV_MESSAGES.get(message, f"not valid CSV: {message}"))


# ---- JSON list -------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _json_fail(file: str, exc: json.JSONDecodeError) -> Exception:
    return file_error(file, f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno)


def _skip(text: str, pos: int) -> int:
    return _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]


def _decode(
    decoder: json.JSONDecoder, text: str, pos: int, file: str, line: int
) -> tuple[Any, int]:
    try:
        return decoder.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        raise _json_fail(file, exc) from None
    except RecursionError:
        raise file_error(file, "the JSON is nested too deeply", line=line) from None


def _array_elements(
    text: str, file: str, pos: int, lines: _LineCounter, decoder: json.JSONDecoder
) -> Generator[tuple[int, Any], None, int]:
    """The elements of the JSON list that starts at `pos` ('['); returns the offset after it."""
    pos = _skip(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return pos + 1
    while True:
        line = lines.at(pos)
        value, pos = _decode(decoder, text, pos, file, line)
        yield line, value
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            return pos + 1
        raise file_error(
            file, "not valid JSON: expected ',' or ']' after a list element", line=lines.at(pos)
        )


def _end(text: str, file: str, pos: int, lines: _LineCounter) -> None:
    rest = _skip(text, pos)
    if rest != len(text):
        raise file_error(file, "not valid JSON: extra text after the list", line=lines.at(rest))


def json_array_items(text: str, file: str) -> Iterator[tuple[int, Any]]:
    """The elements of a top-level JSON list, each with the line it starts on."""
    lines = _LineCounter(text)
    pos = _skip(text, 0)
    if pos >= len(text) or text[pos] != "[":
        raise file_error(
            file, "must be a JSON list of objects ([{...}, {...}])", line=lines.at(pos)
        )
    pos = yield from _array_elements(text, file, pos, lines, json.JSONDecoder())
    _end(text, file, pos, lines)


def json_list_items(text: str, file: str, key: str) -> Iterator[tuple[int, Any]]:
    """The elements of a top-level list, or of the list under `key` of a top-level object
    (`{"log_entries": [...]}`, `{"kind": "List", "items": [...]}`), each with its line."""
    lines = _LineCounter(text)
    pos = _skip(text, 0)
    if pos < len(text) and text[pos] == "[":
        yield from json_array_items(text, file)
        return
    if pos >= len(text) or text[pos] != "{":
        raise file_error(
            file, f"must be a JSON object with {key!r} or a JSON list", line=lines.at(pos)
        )
    decoder = json.JSONDecoder()
    found = False
    pos = _skip(text, pos + 1)
    while pos < len(text) and text[pos] != "}":
        name, pos = _decode(decoder, text, pos, file, lines.at(pos))
        pos = _skip(text, pos)
        if pos >= len(text) or text[pos] != ":" or not isinstance(name, str):
            raise file_error(file, "not valid JSON: expected a key and ':'", line=lines.at(pos))
        pos = _skip(text, pos + 1)
        if name == key and pos < len(text) and text[pos] == "[" and not found:
            found = True
            pos = yield from _array_elements(text, file, pos, lines, decoder)
        else:
            _, pos = _decode(decoder, text, pos, file, lines.at(pos))
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
    if pos >= len(text):
        raise file_error(file, "not valid JSON: the object is never closed", line=lines.at(pos))
    _end(text, file, pos + 1, lines)
    if not found:
        raise file_error(file, f"has no {key!r} list", line=1)


def json_records(
    text: str, file: str, mapping: FieldMapping, limits: Limits, notices: list[str]
) -> Iterator[Item]:
    for line, value in json_array_items(text, file):
        if isinstance(value, dict):
            yield RawRecord(line, value)
        else:
            yield RowProblem(line, None, "must be a JSON object ({...})")


# ---- JSON Lines ------------------------------------------------------------------------------


def jsonl_records(
    text: str, file: str, mapping: FieldMapping, limits: Limits, notices: list[str]
) -> Iterator[Item]:
    """One JSON object a line; a bad line is one bad row (the others still read)."""
    decoder = json.JSONDecoder()
    for number, line in enumerate(io.StringIO(text, newline=None), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        try:
            value, end = decoder.raw_decode(stripped)
        except json.JSONDecodeError as exc:
            yield RowProblem(number, None, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield RowProblem(number, None, "the JSON is nested too deeply")
            continue
        if end != len(stripped):
            yield RowProblem(number, None, "not valid JSON: extra text after the object")
        elif not isinstance(value, dict):
            yield RowProblem(number, None, "must be a JSON object ({...})")
        else:
            yield RawRecord(number, value)
