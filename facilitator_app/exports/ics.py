"""Action-item due dates and the next quarterly cross-team retro as an iCalendar file (RFC 5545).

One all-day event per open or in-progress item with a due date (done and dropped items have no
deadline left to keep), each with a reminder the day before, and one event for the next
quarterly cross-team retro (the first weekday of the next calendar quarter) with a reminder a
week ahead. UIDs are stable, so importing a newer export updates the events instead of doubling
them. Text values are escaped (`\\`, `;`, `,`, newlines) and lines folded at 75 octets, so no
text can start a property or a component of its own.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta

from facilitator_app.exports.document import safe_url
from facilitator_app.exports.formatting import OPEN_STATES, accountable
from facilitator_app.model import ActionKind, Session
from facilitator_app.timeutil import now_utc, to_utc

PRODID = "-//Postmortem Facilitator//Exports//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    value = _CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces without cutting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _stamp(value: datetime) -> str:
    return f"{to_utc(value):%Y%m%dT%H%M%SZ}"


def _session_key(session: Session) -> str:
    if session.id is not None:
        return f"s{session.id}"
    seed = f"{session.title}|{session.incident_start}"
    return "h" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def next_quarter_start(day: date) -> date:
    first_month = (day.month - 1) // 3 * 3 + 1
    year, month = (day.year + 1, 1) if first_month == 10 else (day.year, first_month + 3)
    return date(year, month, 1)


def first_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _event(
    uid: str,
    stamp: str,
    day: date,
    summary: str,
    description: str,
    alarm: str,
    categories: list[str],
    url: str | None = None,
) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "CATEGORIES:" + ",".join(escape_text(c) for c in categories),
        "TRANSP:TRANSPARENT",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(summary)}",
        f"TRIGGER:{alarm}",
        "END:VALARM",
        "END:VEVENT",
    ]
    return lines


def render(session: Session, *, now: datetime | None = None) -> bytes:
    now = now or now_utc()
    stamp = _stamp(now)
    key = _session_key(session)
    teams = f"{session.teams[0].name} / {session.teams[1].name}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text('Postmortem actions: ' + session.title)}",
    ]
    for index, item in enumerate(session.actions):
        if item.due is None or item.status not in OPEN_STATES:
            continue
        who = accountable(item) or "no owner named"
        role = "Lead" if item.kind is ActionKind.JOINT else "Owner"
        details = [
            item.description,
            f"{role}: {who}",
            f"Kind: {item.kind.value}",
            f"Status: {item.status.value}",
        ]
        if item.test_of_done:
            details.append(f"Test of done: {item.test_of_done}")
        details.append(f"From the postmortem “{session.title}” ({teams}).")
        if item.ticket_url:
            details.append(f"Ticket: {item.ticket_url}")
        lines += _event(
            f"action-{key}-{item.id if item.id is not None else index}@postmortem-facilitator",
            stamp,
            item.due,
            f"Due: {item.description}",
            "\n".join(details),
            "-P1D",
            ["postmortem", item.kind.value],
            safe_url(item.ticket_url),
        )
    held = session.scheduled_start or session.incident_end or session.incident_start or now
    held_day = to_utc(held).date()
    retro = first_weekday(next_quarter_start(held_day))
    since = quarter_start(held_day)
    lines += _event(
        f"quarterly-retro-{retro:%Y%m%d}@postmortem-facilitator",
        stamp,
        retro,
        "Quarterly cross-team retro",
        "Look for patterns that recur across incidents: recurring contributing factors, the "
        "interaction between teams as a factor, overdue joint action items, speaking balance.\n"
        f"Prepare the report with: facilitator report --since {since.isoformat()}",
        "-P7D",
        ["postmortem", "retro"],
    )
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
