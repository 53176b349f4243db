"""Action items as CSV for a tracker's import (Jira, GitHub, Linear map these columns by name).

Every cell a spreadsheet would evaluate is neutralised (OWASP "CSV injection"): a value whose
first character is `=`, `+`, `-`, `@`, a tab or a carriage return — also after leading white
space, which some spreadsheets skip, and in their full-width forms — gets a leading apostrophe,
which spreadsheets hide and read as "this is text". Plain UTF-8 without a byte-order mark, which
tracker importers read as is.
"""

from __future__ import annotations

import csv
import io
import re

from facilitator_app.exports import hooks
from facilitator_app.exports.formatting import accountable
from facilitator_app.model import ActionItem, ActionKind, Session

COLUMNS = (
    "Summary",
    "Description",
    "Assignee",
    "Due date",
    "Labels",
    "Status",
    "Kind",
    "Team",
    "Lead",
    "Test of done",
    "Ticket",
    "Session",
)
_FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")  # with their full-width forms
SUMMARY_LIMIT = 120


def neutralise(value: str) -> str:
    """The cell as text a spreadsheet will show, never run."""
    if value[:1] in ("\t", "\r") or value.lstrip()[:1] in _FORMULA_START:
        return "'" + value
    return value


def label_slug(text: str) -> str:
    """A label trackers accept (Jira labels cannot hold spaces)."""
    slug = re.sub(r"[^\w]+", "-", text.casefold()).strip("-")
    return slug[:50] or "session"


def summary(item: ActionItem) -> str:
    first = " ".join(item.description.split())
    return first if len(first) <= SUMMARY_LIMIT else first[: SUMMARY_LIMIT - 1] + "…"


def description(session: Session, item: ActionItem) -> str:
    lines = [item.description]
    if item.test_of_done:
        lines.append(f"Test of done: {item.test_of_done}")
    if item.kind is ActionKind.JOINT:
        lines.append(
            f"Joint item shared by {session.teams[0].name} and {session.teams[1].name}; "
            f"designated lead: {item.lead or 'none named'}."
        )
    verdict = hooks.action_verdict(session, item)
    if verdict is not None:
        lines.append(
            f"Specific test: {verdict.label}"
            + (f" ({'; '.join(verdict.reasons)})" if verdict.reasons else "")
        )
    lines.append(f"From the postmortem “{session.title}”.")
    return "\n".join(lines)


def rows(session: Session) -> list[list[str]]:
    session_label = label_slug(session.title)
    out = []
    for item in session.actions:
        team = session.team(item.lane).name if item.lane else ""
        labels = ["postmortem", f"kind-{item.kind.value}", f"session-{session_label}"]
        if team:
            labels.append(f"team-{label_slug(team)}")
        out.append(
            [
                summary(item),
                description(session, item),
                accountable(item),
                item.due.isoformat() if item.due else "",
                " ".join(labels),
                item.status.value,
                item.kind.value,
                team,
                item.lead,
                item.test_of_done,
                item.ticket_url,
                session.title,
            ]
        )
    return out


def render(session: Session) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(session):
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8")
