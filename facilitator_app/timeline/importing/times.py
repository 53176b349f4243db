"""Timestamps from files: ISO 8601 with an offset, or a wall time plus the zone the user names.

A time written with an offset keeps that offset (the team wrote it that way) and orders by its
UTC instant. A time without one needs a zone (`--tz`); a wall time the zone skips (clocks
forward) or repeats (clocks back) is reported, never guessed. Logs may give Unix seconds.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz as dateutil_tz

from facilitator_app.errors import UserError

# A calendar date and a time of day (this also keeps out week dates and ordinal dates).
_HAS_TIME = re.compile(r"\d{4}-?\d{2}-?\d{2}[Tt ]\d", re.ASCII)
_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)


class FieldFault(Exception):
    """A bad value in one column of one row (turned into a `RowProblem` by the caller)."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def resolve_zone(name: str | None) -> tzinfo | None:
    """The IANA zone for naive times (`Europe/Berlin`, `UTC`), or UserError naming `--tz`."""
    if name is None or not name.strip():
        return None
    cleaned = name.strip()
    if cleaned.upper() in ("UTC", "Z"):
        return UTC
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"unknown time zone {cleaned!r} (use a name like Europe/Berlin)", field="--tz"
        ) from None


def _zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)


def _fixed(value: datetime) -> datetime:
    """The same instant with a plain fixed offset (what storage keeps)."""
    offset = value.utcoffset() or timedelta(0)
    return value.replace(tzinfo=timezone(offset)) if offset else value.replace(tzinfo=UTC)


def _offset_text(value: datetime) -> str:
    minutes = int((value.utcoffset() or timedelta(0)).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def attach_zone(naive: datetime, zone: tzinfo, column: str = "timestamp") -> datetime:
    """A wall time in `zone`, refusing one the zone skips or repeats."""
    if zone is UTC:
        return naive.replace(tzinfo=UTC)
    name = _zone_name(zone)
    shown = naive.isoformat(sep=" ")
    if not dateutil_tz.datetime_exists(naive, zone):
        raise FieldFault(
            column,
            f"{shown} does not exist in {name} (the clocks jumped forward then); "
            "write it with a UTC offset",
        )
    if dateutil_tz.datetime_ambiguous(naive, zone):
        first = naive.replace(tzinfo=zone, fold=0)
        second = naive.replace(tzinfo=zone, fold=1)
        raise FieldFault(
            column,
            f"{shown} happens twice in {name} (the clocks went back then); write it with "
            f"its UTC offset, {_offset_text(first)} or {_offset_text(second)}",
        )
    return _fixed(naive.replace(tzinfo=zone))


def _from_text(text: str, zone: tzinfo | None, column: str) -> datetime:
    cleaned = text.strip()
    if not cleaned:
        raise FieldFault(column, "is empty")
    if cleaned[-1] == "z":
        cleaned = cleaned[:-1] + "Z"
    if not _HAS_TIME.match(cleaned):
        raise FieldFault(
            column,
            f"{_short(text)} is not an ISO 8601 date and time of day "
            "(like 2026-11-10T14:02:00+01:00)",
        )
    try:
        value = datetime.fromisoformat(cleaned)
    except ValueError:
        raise FieldFault(
            column, f"{_short(text)} is not an ISO 8601 time (like 2026-11-10T14:02:00+01:00)"
        ) from None
    if value.tzinfo is None:
        if zone is None:
            raise FieldFault(
                column,
                f"{_short(text)} has no UTC offset; name the time zone "
                "it was written in (--tz, or the zone in the import dialog)",
            )
        value = attach_zone(value, zone, column)
    return value


def _from_unix(seconds: float, column: str) -> datetime:
    if not math.isfinite(seconds):
        raise FieldFault(column, "is not a number of seconds")
    try:
        value = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        value = _LATEST
    if not _EARLIEST <= value < _LATEST:
        raise FieldFault(column, f"{seconds!r} is not a plausible Unix time in seconds")
    return value


def parse_timestamp(
    value: object, zone: tzinfo | None, *, allow_unix: bool = False, column: str = "timestamp"
) -> datetime:
    """An aware datetime with a fixed offset, or FieldFault saying what is wrong."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise FieldFault(column, "has no UTC offset")
        result = value
    elif isinstance(value, str):
        result = _from_text(value, zone, column)
    elif allow_unix and isinstance(value, (int, float)) and not isinstance(value, bool):
        result = _from_unix(float(value), column)
    elif value is None:
        raise FieldFault(column, "is empty")
    else:
        raise FieldFault(column, "must be an ISO 8601 time as text")
    if result.year <= 1 or result.year >= 9999:  # only there can UTC fall off the calendar
        try:
            result.astimezone(UTC)
        except OverflowError:
            raise FieldFault(column, f"{_short(str(value))} is out of range") from None
    return result if type(result.tzinfo) is timezone else _fixed(result)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
