"""A Slack channel export (one day's `messages` JSON: a list of message objects) as rows.

Each message becomes a record with our columns: `timestamp` from `ts` (Unix seconds, UTC),
`actor` from the author's real name (or bot name, or user id), `event` from the text with
Slack's markup made readable (`<@U123>` -> `@Dana`, `<https://x|runbook>` -> `runbook
(https://x)`). Its team comes from the mapping's `team_values` (keyed by user id, user name or
bot name) or the default team (one channel per team). Joins, leaves and topic changes are skipped
and counted; a message longer than an event may be is shortened and counted.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.mapping import MISSING, FieldMapping, lookup
from facilitator_app.timeline.importing.problems import RowProblem
from facilitator_app.timeline.importing.sources import Item, RawRecord, json_array_items

MAX_EVENT_CHARS = 2000
SKIPPED_SUBTYPES = frozenset(
    {
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "channel_archive",
        "channel_unarchive",
        "group_join",
        "group_leave",
        "pinned_item",
        "unpinned_item",
        "reminder_add",
        "bot_add",
        "bot_remove",
    }
)
_MARKUP = re.compile(r"<([^<>]*)>")


def _profile_name(message: dict[str, Any]) -> str:
    profile = message.get("user_profile")
    if isinstance(profile, dict):
        for key in ("real_name", "display_name", "name"):
            value = profile.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


def _author(message: dict[str, Any]) -> str:
    profile = _profile_name(message)
    if profile:
        return profile
    bot = message.get("bot_profile")
    if isinstance(bot, dict) and isinstance(bot.get("name"), str) and bot["name"].strip():
        return str(bot["name"]).strip()
    for key in ("username", "user"):
        value = message.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def readable_text(text: str, names: dict[str, str]) -> str:
    """Slack's `mrkdwn` escapes and angle-bracket markup, as plain words."""

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or names.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            special = target[1:].split("^")[0]
            return label or "@" + special
        if label:
            return f"{label} ({target})"
        return target

    return html.unescape(_MARKUP.sub(replace, text)).strip()


def _when(ts: Any) -> datetime | None:
    if not isinstance(ts, str | int | float) or isinstance(ts, bool):
        return None
    try:
        seconds = Decimal(str(ts))
        if not seconds.is_finite() or not 0 <= seconds < 7_258_118_400:  # 1970..2200
            return None
        whole = int(seconds)
        micro = int((seconds - whole) * 1_000_000)
        return datetime.fromtimestamp(whole, UTC).replace(microsecond=micro)
    except (InvalidOperation, OverflowError, OSError, ValueError):
        return None


def _team_key(message: dict[str, Any], author: str, mapping: FieldMapping) -> Any:
    """The value the mapping's team_values are looked up by: user id first, then names."""
    explicit = mapping.fields.get("team")
    if explicit:
        return lookup(message, explicit)
    for candidate in (message.get("user"), author, message.get("username")):
        if isinstance(candidate, str) and candidate in mapping.team_values:
            return candidate
    return MISSING


def slack_records(
    text: str, file: str, mapping: FieldMapping, limits: Limits, notices: list[str]
) -> Iterator[Item]:
    items = list(json_array_items(text, file))
    names: dict[str, str] = {}
    for _, message in items:
        if isinstance(message, dict) and isinstance(message.get("user"), str):
            author = _profile_name(message)
            if author:
                names.setdefault(message["user"], author)
    skipped = shortened = 0
    for line, message in items:
        if not isinstance(message, dict):
            yield RowProblem(line, None, "must be a JSON object ({...})")
            continue
        subtype = message.get("subtype")
        if isinstance(subtype, str) and subtype in SKIPPED_SUBTYPES:
            skipped += 1
            continue
        when = _when(message.get("ts"))
        if when is None:
            yield RowProblem(line, "ts", "is not a Slack timestamp (Unix seconds as text)")
            continue
        raw_text = message.get("text")
        if not isinstance(raw_text, str):
            yield RowProblem(line, "text", "must be text")
            continue
        words = readable_text(raw_text, names)
        if not words:
            files = message.get("files")
            if isinstance(files, list) and files:
                titles = [
                    str(f.get("title") or f.get("name") or "file")
                    for f in files
                    if isinstance(f, dict)
                ]
                words = "shared " + ", ".join(titles) if titles else ""
        if len(words) > MAX_EVENT_CHARS:
            words = words[: MAX_EVENT_CHARS - 2].rstrip() + " …"
            shortened += 1
        author = _author(message)
        yield RawRecord(
            line,
            {
                "timestamp": when,
                "team": _team_key(message, author, mapping),
                "actor": author,
                "event": words,
            },
        )
    if skipped:
        notices.append(f"skipped {skipped} join/leave/topic messages")
    if shortened:
        notices.append(f"shortened {shortened} long messages to {MAX_EVENT_CHARS} characters")
