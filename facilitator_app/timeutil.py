"""Times: stored in UTC for ordering, with the original offset kept for display.

A Python aware `datetime` carries both: `.astimezone(UTC)` orders it, `.utcoffset()` is the
offset it was written with. Naive datetimes are refused everywhere in the core, because a naive
time in a two-team incident is ambiguous by exactly the offset between the teams.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from facilitator_app.errors import ValidationError


def require_aware(value: datetime, field: str) -> datetime:
    """Return `value` unchanged, or refuse a naive datetime naming the field."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("time has no UTC offset", field=field)
    return value


def to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def format_iso(value: datetime) -> str:
    """ISO 8601 with the value's own offset, seconds precision unless it has microseconds."""
    spec = "microseconds" if value.microsecond else "seconds"
    return value.isoformat(timespec=spec)


def format_utc(value: datetime) -> str:
    """ISO 8601 in UTC with a `Z` suffix, as other tools expect in the session JSON."""
    return format_iso(to_utc(value)).replace("+00:00", "Z")


def parse_iso(text: str, field: str) -> datetime:
    """Parse an ISO 8601 timestamp that must carry an offset (`Z` accepted)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise ValidationError(f"not an ISO 8601 time: {text!r}", field=field) from exc
    return require_aware(value, field)


def parse_date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise ValidationError(f"not a date (YYYY-MM-DD): {text!r}", field=field) from exc


def now_utc() -> datetime:
    return datetime.now(UTC)
