"""PagerDuty incident log entries (REST API v2, `GET /incidents/{id}/log_entries`) as rows.

The file is the API's answer (an object with `log_entries`) or a bare list of entries. Each entry
has a `type` (`trigger_log_entry`, `acknowledge_log_entry`, `annotate_log_entry`, ...),
`created_at`, `agent` (who or what acted, with a `summary`), `channel` (how: for a note, its
text), `html_url` (the entry in PagerDuty's web app: our source link), and with `include[]`
the `service` and `teams`. One event per entry, a readable sentence per type; the lane is
`--team`, or `--team-value` on the service's or a team's summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.mapping import MISSING, FieldMapping
from facilitator_app.timeline.importing.problems import RowProblem
from facilitator_app.timeline.importing.sources import Item, json_list_items, shaped_record


def _summary(value: Any) -> str:
    if isinstance(value, dict):
        found = value.get("summary")
        return found.strip() if isinstance(found, str) else ""
    return ""


def _incident(entry: dict[str, Any]) -> str:
    return _summary(entry.get("incident"))


def _sentence(kind: str, entry: dict[str, Any], agent: str) -> str:
    found = entry.get("channel")
    channel: dict[str, Any] = found if isinstance(found, dict) else {}
    what = _summary(channel) or _incident(entry)
    by = f" by {agent}" if agent else ""
    if kind == "trigger":
        via = f" (via {agent})" if agent else ""
        return f"Triggered: {what}{via}" if what else f"Incident triggered{via}"
    if kind == "acknowledge":
        return f"Acknowledged{by}"
    if kind == "resolve":
        return f"Resolved{by}"
    if kind == "annotate":
        note = _summary(channel) or _text(channel.get("notes")) or _text(entry.get("note"))
        return f"Note: {note}" if note else f"Note added{by}"
    if kind == "notify":
        user = _summary(entry.get("user"))
        notification = channel.get("notification") if isinstance(channel, dict) else None
        how = ""
        if isinstance(notification, dict) and isinstance(notification.get("type"), str):
            how = " by " + notification["type"].removesuffix("_notification").replace("_", " ")
        return f"Notified {user or 'a responder'}{how}"
    if kind == "escalate":
        level = entry.get("escalation_level")
        to = f" to level {level}" if isinstance(level, int) and not isinstance(level, bool) else ""
        return f"Escalated{to}{by}" + (f": {what}" if what and what != _incident(entry) else "")
    summary = _text(entry.get("summary"))
    return summary or f"{kind.replace('_', ' ').capitalize()}{by}"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _team_key(entry: dict[str, Any], mapping: FieldMapping) -> Any:
    teams = entry.get("teams")
    candidates = [_summary(entry.get("service"))]
    incident = entry.get("incident")
    if isinstance(incident, dict):
        candidates.append(_summary(incident.get("service")))
    if isinstance(teams, list):
        candidates.extend(_summary(t) for t in teams[:20])
    for candidate in candidates:
        if candidate and candidate in mapping.team_values:
            return candidate
    return MISSING


def pagerduty_records(
    text: str, file: str, mapping: FieldMapping, limits: Limits, notices: list[str]
) -> Iterator[Item]:
    for line, entry in json_list_items(text, file, "log_entries"):
        if not isinstance(entry, dict):
            yield RowProblem(line, None, "must be a JSON object ({...})")
            continue
        kind = entry.get("type")
        if not isinstance(kind, str) or not kind.strip():
            yield RowProblem(line, "type", "is missing (like trigger_log_entry)")
            continue
        short = kind.strip().removesuffix("_reference").removesuffix("_log_entry")
        agent = _summary(entry.get("agent"))
        values: dict[str, Any] = {
            "timestamp": entry.get("created_at", MISSING),
            "team": _team_key(entry, mapping),
            "actor": agent[:120],
            "event": _sentence(short, entry, agent),
            "source_url": entry.get("html_url") or "",
        }
        yield shaped_record(line, values)
