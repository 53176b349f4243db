"""Action items as JSON for scripts and trackers' APIs (`"format": "facilitator-actions"`).

The item keys match the session JSON's `action_items` (DESIGN.md §8) so one reader serves
both; `assignee`, `overdue`, `team_name` and `verdict` are added for the tools that only read
this file.
"""

from __future__ import annotations

import json
from datetime import datetime

from facilitator_app import __version__
from facilitator_app.exports import hooks
from facilitator_app.exports.formatting import accountable, is_overdue
from facilitator_app.model import Session
from facilitator_app.timeutil import format_utc, now_utc

FORMAT = "facilitator-actions"
VERSION = 1


def to_dict(session: Session, *, now: datetime | None = None) -> dict[str, object]:
    now = now or now_utc()
    items = []
    for item in session.actions:
        verdict = hooks.action_verdict(session, item)
        items.append(
            {
                "kind": item.kind.value,
                "description": item.description,
                "owner": item.owner,
                "team": item.lane.value if item.lane else None,
                "team_name": session.team(item.lane).name if item.lane else None,
                "lead": item.lead,
                "assignee": accountable(item),
                "due": item.due.isoformat() if item.due else None,
                "test": item.test_of_done,
                "status": item.status.value,
                "overdue": is_overdue(item, now.date()),
                "ticket_url": item.ticket_url,
                "history": [
                    {"status": h.status.value, "at": format_utc(h.changed_at)} for h in item.history
                ],
                "verdict": None
                if verdict is None
                else {"verdict": verdict.label, "reasons": list(verdict.reasons)},
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"postmortem-facilitator {__version__}",
        "exported_at": format_utc(now),
        "session": {
            "title": session.title,
            "teams": {t.lane.value: t.name for t in session.teams},
            "incident_start": format_utc(session.incident_start)
            if session.incident_start
            else None,
        },
        "action_items": items,
    }


def render(session: Session, *, now: datetime | None = None) -> bytes:
    text = json.dumps(to_dict(session, now=now), indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8")
