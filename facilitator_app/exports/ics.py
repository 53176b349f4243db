"""Action-item due dates and the next quarterly cross-team retro as an iCalendar file (RFC 5545).

One all-day event per open or in-progress item with a due date (done and dropped items have no
deadline left to keep), each with a reminder the day before, and one event for the next
quarterly cross-team retro (the first weekday of the next calendar quarter) with a reminder a
week ahead. UIDs are stable, so importing a newer export updates the events instead of doubling
them. The `icalendar` library writes the file: it escapes text values (`\\`, `;`, `,`, newlines)
and folds lines at 75 octets, so no text can start a property or a component of its own; control
characters are replaced here first.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from facilitator_app.exports.document import safe_url
from facilitator_app.exports.formatting import OPEN_STATES, accountable
from facilitator_app.model import ActionKind, Session
from facilitator_app.timeutil import now_utc, to_utc

PRODID = "-//Postmortem Facilitator//Exports//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(value: str) -> str:
    """Text as one value: line breaks as newlines, other control characters as spaces."""
    return _CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))


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
    stamp: datetime,
    day: date,
    summary: str,
    description: str,
    alarm: timedelta,
    categories: list[str],
    url: str | None = None,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", plain(summary))
    event.add("description", plain(description))
    event.add("categories", [plain(c) for c in categories])
    event.add("transp", "TRANSPARENT")
    if url:
        event.add("url", url)
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("description", plain(summary))
    reminder.add("trigger", alarm)
    event.add_component(reminder)
    return event


def render(session: Session, *, now: datetime | None = None) -> bytes:
    now = now or now_utc()
    stamp = to_utc(now)
    key = _session_key(session)
    teams = f"{session.teams[0].name} / {session.teams[1].name}"
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", plain("Postmortem actions: " + session.title))
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
        calendar.add_component(
            _event(
                f"action-{key}-{item.id if item.id is not None else index}@postmortem-facilitator",
                stamp,
                item.due,
                f"Due: {item.description}",
                "\n".join(details),
                timedelta(days=-1),
                ["postmortem", item.kind.value],
                safe_url(item.ticket_url),
            )
        )
    held = session.scheduled_start or session.incident_end or session.incident_start or now
    held_day = to_utc(held).date()
    retro = first_weekday(next_quarter_start(held_day))
    since = quarter_start(held_day)
    calendar.add_component(
        _event(
            f"quarterly-retro-{retro:%Y%m%d}@postmortem-facilitator",
            stamp,
            retro,
            "Quarterly cross-team retro",
            "Look for patterns that recur across incidents: recurring contributing factors, the "
            "interaction between teams as a factor, overdue joint action items, speaking balance.\n"
            f"Prepare the report with: facilitator report --since {since.isoformat()}",
            timedelta(days=-7),
            ["postmortem", "retro"],
        )
    )
    return bytes(calendar.to_ical())
