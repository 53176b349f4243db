"""Ids typed by people (`--session 3`, `export 3`): ASCII digits, within SQLite's integer range.

Python's `int()` takes any Unicode digit (`int("١")` is 1) and any length, which made
`export ١` open session 1 and `--session 99999999999999999999999` end in an OverflowError deep
inside sqlite3. One parser refuses both, in one line.
"""

from __future__ import annotations

import re

from facilitator_app.errors import UserError

MAX_ID = 2**63 - 1  # SQLite's largest INTEGER
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(text: str, what: str = "session") -> int:
    """A positive id from its ASCII decimal digits, or UserError naming `what`."""
    raw = text.strip()
    if not _ASCII_DIGITS.fullmatch(raw) or not 0 < int(raw) <= MAX_ID:
        shown = raw if len(raw) <= 24 else raw[:23] + "…"
        raise UserError(
            f"{shown!r} is not a {what} id (a whole number from 1, in the digits 0-9)",
            field=what,
        )
    return int(raw)


def session_id_argument(text: str) -> int:
    """For argparse's `type=`: its error names the argument and exits 2 in one line."""
    import argparse

    try:
        return parse_id(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def small_number_argument(text: str) -> int:
    """For argparse's `type=` on counts like `--timebox` and `--stalled-days`: ASCII digits,
    at most six of them, so no later `timedelta` or SQLite integer can overflow."""
    import argparse

    raw = text.strip()
    if not re.fullmatch(r"[0-9]{1,6}", raw):
        raise argparse.ArgumentTypeError(f"{raw[:24]!r} is not a whole number from 0 to 999999")
    return int(raw)
