"""Relative due dates ("next Friday", "end of Q1", "in two weeks", "EOW") resolved to a calendar
date against the day the item was written, so a verdict never changes as the calendar moves on.

Hand-written on top of dateutil's `relativedelta` (weekday and month arithmetic): dateparser and
parsedatetime resolve against the clock with their own conventions and know no "end of Q1" or
"EOW"; the phrases a meeting writes are few, and their meaning here is the team's convention:
- today, tomorrow, yesterday, the day after tomorrow;
- "next <weekday>": the first one strictly after; "<weekday>", "this <weekday>": on or after;
  "last <weekday>": strictly before;
- EOW / end of (the|this) week: the Friday on or after; EOM / end of (the|this) month, end of next
  month; "end of <month>": the next such month's last day on or after; "end of Q1".."Q4" the
  same for quarters; EOQ / end of (the|this) quarter; EOY / end of (the|this) year;
- "in N days|weeks|months", "N days from now", "within N days", "within a week".
"Next sprint", "soon" and "before the peak season" resolve to nothing: they are not dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

_WEEKDAYS = {
    "monday": MO,
    "mon": MO,
    "tuesday": TU,
    "tue": TU,
    "tues": TU,
    "wednesday": WE,
    "wed": WE,
    "thursday": TH,
    "thu": TH,
    "thurs": TH,
    "friday": FR,
    "fri": FR,
    "saturday": SA,
    "sat": SA,
    "sunday": SU,
    "sun": SU,
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_LEAD = re.compile(r"^(?:(?:by|before|due|on|until|no later than)\s+)+")
_THE = r"(?:the\s+|this\s+)?"
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_COUNT = rf"(?P<n>\d{{1,3}}|{'|'.join(_NUMBERS)})"
_UNIT = r"(?P<unit>day|week|month)s?"
_RULES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(rf"(?:{pattern})\.?", re.IGNORECASE))
    for name, pattern in (
        ("today", r"today|(?:the\s+)?end\s+of\s+(?:the\s+)?day|eod"),
        ("tomorrow", r"tomorrow"),
        ("yesterday", r"yesterday"),
        ("day_after", r"(?:the\s+)?day\s+after\s+tomorrow"),
        ("next_weekday", rf"next\s+(?P<wd>{_WEEKDAY})"),
        ("last_weekday", rf"last\s+(?P<wd>{_WEEKDAY})"),
        ("weekday", rf"(?:this\s+)?(?P<wd>{_WEEKDAY})"),
        ("eow", rf"eow|(?:the\s+)?end\s+of\s+{_THE}week"),
        ("eom", rf"eom|(?:the\s+)?end\s+of\s+{_THE}month"),
        ("next_eom", r"(?:the\s+)?end\s+of\s+next\s+month"),
        ("end_month", rf"(?:the\s+)?end\s+of\s+(?P<month>{_MONTH})"),
        ("end_quarter_n", r"(?:the\s+)?end\s+of\s+q(?P<q>[1-4])"),
        ("eoq", rf"eoq|(?:the\s+)?end\s+of\s+{_THE}quarter"),
        ("eoy", rf"eoy|(?:the\s+)?end\s+of\s+{_THE}year"),
        ("in", rf"(?:in|within)\s+{_COUNT}\s+{_UNIT}"),
        ("from_now", rf"{_COUNT}\s+{_UNIT}\s+from\s+(?:now|today)"),
    )
]


def _month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(months=1, days=-1)


def _next_month_end(month: int, written: date) -> date:
    """The last day of the next `month` whose end is on or after `written`."""
    end = _month_end(written.year, month)
    return end if end >= written else _month_end(written.year + 1, month)


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text.lower()]


def resolve_relative(text: str, written: date) -> date | None:
    """The calendar date a relative phrase means when written on `written`, or None."""
    phrase = _LEAD.sub("", " ".join(text.lower().split()).strip(" .,;:"))
    for name, pattern in _RULES:
        match = pattern.fullmatch(phrase)
        if match is None:
            continue
        groups = match.groupdict()
        weekday = _WEEKDAYS[groups["wd"]] if groups.get("wd") else None
        if name == "today":
            return written
        if name == "tomorrow":
            return written + timedelta(days=1)
        if name == "yesterday":
            return written - timedelta(days=1)
        if name == "day_after":
            return written + timedelta(days=2)
        if name == "next_weekday" and weekday is not None:
            return written + relativedelta(days=1, weekday=weekday(+1))
        if name == "last_weekday" and weekday is not None:
            return written + relativedelta(days=-1, weekday=weekday(-1))
        if name == "weekday" and weekday is not None:
            return written + relativedelta(weekday=weekday(+1))
        if name == "eow":
            return written + relativedelta(weekday=FR(+1))
        if name == "eom":
            return _month_end(written.year, written.month)
        if name == "next_eom":
            return written + relativedelta(months=1, day=31)
        if name == "end_month":
            return _next_month_end(_MONTHS[groups["month"]], written)
        if name == "end_quarter_n":
            return _next_month_end(int(groups["q"]) * 3, written)
        if name == "eoq":
            return _month_end(written.year, ((written.month - 1) // 3 + 1) * 3)
        if name == "eoy":
            return date(written.year, 12, 31)
        if name in ("in", "from_now"):
            n, unit = _count(groups["n"]), groups["unit"]
            if unit == "day":
                return written + timedelta(days=n)
            if unit == "week":
                return written + timedelta(weeks=n)
            return written + relativedelta(months=n)
    return None
