"""The built-in demo session (a fictional two-team incident), used by `--demo` and by tests.

Its dates (incident, meeting, due dates, status history) are laid relative to the day it is
opened: the file is written as if opened on `DEMO_DAY`, and every date in it moves by whole days
to the day asked for, so its verdicts and the follow-up view look the same on any day.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

from facilitator_app import session_json
from facilitator_app.model import Session
from facilitator_app.paths import read_resource_text
from facilitator_app.store import SessionStore
from facilitator_app.timeutil import now_utc

DEMO_RESOURCE = "demo_session.json"
DEMO_DAY = date(2026, 11, 16)  # the meeting's day, as the file is written
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?")


def _shift(value: Any, days: timedelta) -> Any:
    """Every ISO date or date-time string in `value` moved by `days` (the time of day kept)."""
    if isinstance(value, dict):
        return {key: _shift(item, days) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift(item, days) for item in value]
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return (date.fromisoformat(value[:10]) + days).isoformat() + value[10:]
    return value


def load_demo_session(today: date | None = None) -> Session:
    """A fresh, unsaved copy of the demo session, its meeting on `today` (default: today)."""
    text = read_resource_text(DEMO_RESOURCE)
    days = (today or now_utc().date()) - DEMO_DAY
    if days:
        text = json.dumps(_shift(json.loads(text), days))
    return session_json.loads(text, file=DEMO_RESOURCE)


def add_sample_history(store: SessionStore, today: date) -> None:
    """The demo database's past reviews (`sample_history`), so `report` has a quarter to show.

    Added after the demo session, which keeps id 1 and stays the session the app opens.
    """
    from facilitator_app.sample_history import sample_history
    from facilitator_app.session_choice import LAST_SESSION_KEY

    opened = store.list_sessions()
    for session in sample_history(today=today):
        store.create_session(session)
    if opened:
        store.set_setting(LAST_SESSION_KEY, str(min(s.id for s in opened)))
