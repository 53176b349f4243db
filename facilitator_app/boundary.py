"""The model's boundary: the rules every value obeys where it enters (issue 16).

Every way a value gets in (import-session, the editors, the importers, the room's page) builds a
model entity, and every entity passes its fields through these functions: text without control
characters, links that are http or https, counts and times within a meeting's bounds. So the
rules are written once, here, and `model.py` stays a list of entities.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from facilitator_app.errors import ValidationError
from facilitator_app.timeutil import require_aware, to_utc

MAX_TEXT = 10_000
E = TypeVar("E", bound=StrEnum)
# The meeting's bounds for numbers: nothing a real meeting reaches, everything SQLite, Qt's
# integer geometry and `timedelta` can hold. A value past them (1e308 seconds, 10**30 votes)
# is refused here, where it enters, instead of overflowing later on the projector.
MAX_INTERVAL_SECONDS = 7 * 24 * 3600.0
MAX_COUNT = 100_000  # votes, dots, poll answers
# Control characters (C0 except tab and newline, DEL, C1) never belong in what people type:
# a NUL or an ESC sequence would come out raw in HTML, CSV and a terminal. Stripped, not
# refused, so a paste from a terminal still goes in. Bidi overrides are kept out too.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\n]+")


def clean_text(value: str, *, one_line: bool = False) -> str:
    """`value` without control characters (and, for a one-line field, tabs and line breaks
    become single spaces): the one rule for every text that enters the model."""
    cleaned = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if one_line:
        cleaned = _LINE_BREAKS.sub(" ", cleaned)
    return cleaned


def text_field(
    value: str,
    field_name: str,
    *,
    required: bool = True,
    limit: int = MAX_TEXT,
    one_line: bool = False,
) -> str:
    if not isinstance(value, str):
        raise ValidationError("must be text", field=field_name)
    cleaned = clean_text(value, one_line=one_line).strip()
    if required and not cleaned:
        raise ValidationError("must not be empty", field=field_name)
    if len(cleaned) > limit:
        raise ValidationError(f"longer than {limit} characters", field=field_name)
    return cleaned


def line_field(value: str, field_name: str, *, required: bool = True, limit: int = 120) -> str:
    return text_field(value, field_name, required=required, limit=limit, one_line=True)


def link_field(value: str, field_name: str) -> str:
    """The one URL rule (http and https only), for every way a link gets in."""
    text = line_field(value, field_name, required=False, limit=2000)
    if not text:
        return ""
    from facilitator_app.safe_url import safe_http_url  # only once a link is there

    return safe_http_url(text, field_name)


def count_field(value: object, field_name: str, what: str = "votes") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(f"{what} cannot be negative", field=field_name)
    if value > MAX_COUNT:
        raise ValidationError(f"{what} cannot be more than {MAX_COUNT}", field=field_name)
    return value


EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def time_field(value: datetime, field_name: str) -> datetime:
    """An aware time that converts to UTC and back without overflow (year 9999 at -23:59
    does not), within years a postmortem can be about."""
    require_aware(value, field_name)
    try:
        utc = to_utc(value)
    except (OverflowError, ValueError):
        raise ValidationError("is out of range", field=field_name) from None
    if not EARLIEST_YEAR <= utc.year <= LATEST_YEAR:
        raise ValidationError(
            f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}", field=field_name
        )
    return value


def enum_field(kind: type[E], value: object, field_name: str) -> E:
    if type(value) is kind:
        return value  # already a member: the common case on bulk imports
    try:
        return kind(value)  # type: ignore[arg-type]
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise ValidationError(f"{value!r} is not one of: {allowed}", field=field_name) from None
