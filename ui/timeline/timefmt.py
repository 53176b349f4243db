"""Times as the room reads them: clock times in the chosen display zone, gaps in words.

Qt-free, so the layout and its tests use it without a display.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_named(name: str | None) -> tzinfo:
    if not name or name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def clock(value: datetime, zone: tzinfo) -> str:
    """ "13:02", or "13:02:30" when the seconds matter."""
    local = value.astimezone(zone)
    return local.strftime("%H:%M:%S" if local.second else "%H:%M")


def day(value: datetime, zone: tzinfo) -> str:
    return value.astimezone(zone).strftime("%a %d %b")


def zone_label(value: datetime, zone: tzinfo) -> str:
    """ "UTC", "CET" (or the offset when the zone has no abbreviation)."""
    local = value.astimezone(zone)
    name = local.tzname() or ""
    if not name or name[0] in "+-":
        offset = local.strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return name


def gap_text(seconds: float) -> str:
    """A quiet stretch in words: "+45 min", "+1 h 21 min", "+2 d 3 h"."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"+{max(minutes, 1)} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"+{hours} h {minutes} min" if minutes else f"+{hours} h"
    days, hours = divmod(hours, 24)
    return f"+{days} d {hours} h" if hours else f"+{days} d"
