"""Due dates: a calendar date (day, month and year), never "soon", "next sprint" or "Q3".

Dates are read strictly: ISO `YYYY-MM-DD`, or a date in words with a day, a month and a year
("1 December 2026", "Dec 15, 2026"). A date missing its day or year is not a calendar date,
unless it is a relative phrase the due field can resolve against the day the item was written
("next Friday", "end of Q1", "in two weeks": see `relative`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from facilitator_app.actions.check.patterns import patterns
from facilitator_app.actions.check.relative import resolve_relative

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ISO = r"\d{4}-\d{1,2}-\d{1,2}"
_DMY = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
_MDY = rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
_SLASHED = r"\d{4}/\d{1,2}/\d{1,2}"
DATE_IN_TEXT = re.compile(rf"(?<![\w-])(?:{_ISO}|{_DMY}|{_MDY}|{_SLASHED})(?![\w-])", re.IGNORECASE)
_DEADLINE_WORD = re.compile(
    r"\b(?:by|before|on|until|due(?:\s+(?:by|on|date))?)\s*:?\s*$", re.IGNORECASE
)


def parse_calendar_date(text: str) -> date | None:
    """The date a text names exactly, or None (relative, partial or impossible dates)."""
    cleaned = text.strip().rstrip(".")
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    if not DATE_IN_TEXT.fullmatch(cleaned):
        return None
    from dateutil import parser  # imported on first use: not needed at start-up

    try:
        first = parser.parse(cleaned, default=datetime(1, 1, 1))
        second = parser.parse(cleaned, default=datetime(2, 2, 2))
    except (ValueError, OverflowError):
        return None
    if first != second:  # some part (day, month or year) came from the default
        return None
    return first.date()


def resolve_due(text: str, written: date) -> date | None:
    """The date a due field means: a calendar date, or a relative phrase ("next Friday")
    resolved against the day the item was written; None when it names no date."""
    return parse_calendar_date(text) or resolve_relative(text, written)


@dataclass(frozen=True)
class DueFinding:
    due: date | None
    problem: str | None  # None when there is a calendar date
    source: str  # "due" (the field) or "description"
    phrase: str = ""  # the relative phrase the date was resolved from ("next Friday")


def find_due(value: date | str | None, description: str, written: date) -> DueFinding:
    """The due date from the field, else from the description ("runbook by 2026-12-01"); a
    relative phrase in the field is resolved against `written`, the day the item was written."""
    if isinstance(value, datetime):
        return DueFinding(value.date(), None, "due")
    if isinstance(value, date):
        return DueFinding(value, None, "due")
    text = (value or "").strip()
    if text:
        parsed = parse_calendar_date(text)
        if parsed is not None:
            return DueFinding(parsed, None, "due")
        resolved = resolve_relative(text, written)
        if resolved is not None:
            return DueFinding(resolved, None, "due", text)
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return DueFinding(None, f"due '{text}' is not a valid date", "due")
        return DueFinding(
            None, f"due '{text}' is not a calendar date (give a day, e.g. 2026-12-01)", "due"
        )
    for match in DATE_IN_TEXT.finditer(description):
        parsed = parse_calendar_date(match.group())
        if parsed is not None:
            return DueFinding(parsed, None, "description")
    relative = patterns().relative_due.search(description)
    if relative is not None:
        return DueFinding(None, f"'{relative.group()}' is not a calendar due date", "description")
    return DueFinding(None, "no due date", "due")


def strip_dates(text: str) -> str:
    """The text without its dates (and a "by"/"due" just before one), for the outcome rules."""
    out, last = [], 0
    for match in DATE_IN_TEXT.finditer(text):
        head = text[last : match.start()]
        out.append(_DEADLINE_WORD.sub("", head))
        last = match.end()
    out.append(text[last:])
    return "".join(out)
