"""Slack messages as rows: one day file on its own, or (through `slack_export`) a whole export.

Each message becomes a record with our columns: `timestamp` from `ts` (Unix seconds, UTC; an
edited message keeps its original time), `actor` from the author's display or real name (from
`users.json` in an export, else the message's own profile), a bot's name for bot messages (their
text is in `attachments` or `blocks`, often with an empty `text` and no `user`), `event` from the
text with Slack's markup made readable (`<@U123>` -> `@Dana`, `<https://x|runbook>` -> `runbook
(https://x)`); a file upload is "shared FILE" (nothing of the file is read). Its team comes from
the mapping's `team_values` (a user id, bot id, user or bot name) or the default team. Joins,
leaves, topic and purpose changes are skipped and counted; a message longer than an event may be
is shortened and counted.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.mapping import MISSING, FieldMapping, lookup
from facilitator_app.timeline.importing.problems import RowProblem
from facilitator_app.timeline.importing.sources import Item, json_array_items, shaped_record

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
        "group_topic",
        "group_purpose",
        "pinned_item",
        "unpinned_item",
        "reminder_add",
        "bot_add",
        "bot_remove",
        "message_deleted",
        "tombstone",
    }
)
_MARKUP = re.compile(r"<([^<>]*)>")


def _clean(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _profile_name(profile: Any) -> str:
    if isinstance(profile, dict):
        for key in ("display_name", "real_name", "name"):
            found = _clean(profile.get(key))
            if found:
                return found
    return ""


def user_name(user: Mapping[str, Any]) -> str:
    """A `users.json` member's display name, else real name, else user name."""
    return (
        _profile_name(user.get("profile"))
        or _clean(user.get("real_name"))
        or _clean(user.get("name"))
    )


@dataclass
class SlackContext:
    """What turning one channel's messages into rows needs to know beyond the message."""

    mapping: FieldMapping
    names: dict[str, str] = field(default_factory=dict)  # user id -> name
    bots: dict[str, str] = field(default_factory=dict)  # bot id -> name
    channels: dict[str, str] = field(default_factory=dict)  # channel id -> name
    permalink_base: str = ""  # https://WORKSPACE.slack.com/archives/CHANNEL_ID/p
    skipped: int = 0
    shortened: int = 0

    def notices(self) -> list[str]:
        found = []
        if self.skipped:
            found.append(f"skipped {self.skipped} join/leave/topic/purpose messages")
        if self.shortened:
            found.append(
                f"shortened {self.shortened} long messages to {MAX_EVENT_CHARS} characters"
            )
        return found


def readable_text(
    text: str, names: Mapping[str, str], channels: Mapping[str, str] | None = None
) -> str:
    """Slack's `mrkdwn` escapes and angle-bracket markup, as plain words."""
    if "<" not in text and "&" not in text:
        return text.strip()

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or names.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or (channels or {}).get(target[1:], target[1:]))
        if target.startswith("!"):
            special = target[1:].split("^")[0]
            return label or "@" + special
        if label:
            return f"{label} ({target})"
        return target

    return html.unescape(_MARKUP.sub(replace, text)).strip()


_TS = re.compile(r"(\d{1,10})(?:\.(\d{1,6})\d*)?", re.ASCII)
_LATEST_TS = 7_258_118_400  # 2200-01-01


def _when(ts: Any) -> datetime | None:
    """A message's `ts` ("1794354000.000100": Unix seconds and microseconds) as UTC."""
    if isinstance(ts, str):
        match = _TS.fullmatch(ts.strip())
        if match is None:
            return None
        whole = int(match.group(1))
        micro = int((match.group(2) or "0").ljust(6, "0"))
    elif isinstance(ts, int | float) and not isinstance(ts, bool):
        if not math.isfinite(ts) or ts < 0:
            return None
        whole, micro = int(ts), round((ts - int(ts)) * 1_000_000) % 1_000_000
    else:
        return None
    if whole >= _LATEST_TS:
        return None
    return datetime.fromtimestamp(whole, UTC).replace(microsecond=micro)


def _bot_name(message: dict[str, Any], ctx: SlackContext) -> str:
    bot = message.get("bot_profile")
    name = _clean(bot.get("name")) if isinstance(bot, dict) else ""
    bot_id = _clean(message.get("bot_id"))
    return name or _clean(message.get("username")) or ctx.bots.get(bot_id, "") or bot_id


def _author(message: dict[str, Any], ctx: SlackContext) -> str:
    user = _clean(message.get("user"))
    found = ctx.names.get(user, "") or _profile_name(message.get("user_profile"))
    if found:
        return found
    return _bot_name(message, ctx) or user


def _block_text(blocks: Any) -> list[str]:
    """The words of `blocks` (section/header text, rich-text elements), in order."""
    words: list[str] = []

    def walk(node: Any, depth: int) -> None:
        if depth > 8 or len(words) > 200:
            return
        if isinstance(node, list):
            for child in node:
                walk(child, depth + 1)
        elif isinstance(node, dict):
            kind = node.get("type")
            if kind in ("plain_text", "mrkdwn") or (kind == "text" and "text" in node):
                text = _clean(node.get("text"))
                if text:
                    words.append(text)
                return
            if kind == "link":
                words.append(_clean(node.get("text")) or _clean(node.get("url")))
                return
            for key in ("text", "elements", "fields"):
                if key in node:
                    walk(node[key], depth + 1)

    walk(blocks, 0)
    return [w for w in words if w]


def _attachment_text(attachments: Any) -> list[str]:
    parts: list[str] = []
    if not isinstance(attachments, list):
        return parts
    for attachment in attachments[:20]:
        if not isinstance(attachment, dict):
            continue
        fallback = _clean(attachment.get("fallback"))
        title = _clean(attachment.get("title"))
        text = _clean(attachment.get("text"))
        if title and text:
            parts.append(f"{title}: {text}")
        elif fallback or title or text:
            parts.append(fallback or title or text)
    return parts


def _files_text(files: Any) -> str:
    if not isinstance(files, list):
        return ""
    titles = [
        _clean(f.get("title")) or _clean(f.get("name")) or "a file"
        for f in files[:20]
        if isinstance(f, dict)
    ]
    return "shared " + ", ".join(titles) if titles else ""


def message_words(message: dict[str, Any], ctx: SlackContext) -> str:
    """What a message says: its text, else its attachments or blocks; plus any shared files."""
    raw = message.get("text")
    words = readable_text(raw, ctx.names, ctx.channels) if isinstance(raw, str) else ""
    if not words:
        extra = _attachment_text(message.get("attachments")) or _block_text(message.get("blocks"))
        words = readable_text(" — ".join(extra), ctx.names, ctx.channels)
    shared = _files_text(message.get("files"))
    if shared:
        words = f"{words} ({shared})" if words else shared
    return words


def _team_key(message: dict[str, Any], author: str, mapping: FieldMapping) -> Any:
    """The value the mapping's team_values are looked up by: user or bot id first, then names."""
    explicit = mapping.fields.get("team")
    if explicit:
        return lookup(message, explicit)
    bot = message.get("bot_profile")
    for candidate in (
        message.get("user"),
        message.get("bot_id"),
        author,
        message.get("username"),
        bot.get("name") if isinstance(bot, dict) else None,
    ):
        if isinstance(candidate, str) and candidate in mapping.team_values:
            return candidate
    return MISSING


def message_record(
    message: Any, line: int, ctx: SlackContext, member: str | None = None
) -> Item | None:
    """One message as a record of our columns, a problem, or None for a skipped message."""
    if not isinstance(message, dict):
        return RowProblem(line, None, "must be a JSON object ({...})", member=member)
    subtype = message.get("subtype")
    if isinstance(subtype, str) and subtype in SKIPPED_SUBTYPES:
        ctx.skipped += 1
        return None
    ts = message.get("ts")
    when = _when(ts)
    if when is None:
        return RowProblem(
            line, "ts", "is not a Slack timestamp (Unix seconds as text)", member=member
        )
    raw_text = message.get("text", "")
    if raw_text is not None and not isinstance(raw_text, str):
        return RowProblem(line, "text", "must be text", member=member)
    words = message_words(message, ctx)
    if len(words) > MAX_EVENT_CHARS:
        words = words[: MAX_EVENT_CHARS - 2].rstrip() + " …"
        ctx.shortened += 1
    author = _author(message, ctx)
    values: dict[str, Any] = {
        "timestamp": when,
        "team": _team_key(message, author, ctx.mapping),
        "actor": author[:120],
        "event": words,
    }
    if ctx.permalink_base:
        values["source_url"] = ctx.permalink_base + str(ts).replace(".", "")
    return shaped_record(line, values, member)


def slack_records(
    text: str, file: str, mapping: FieldMapping, limits: Limits, notices: list[str]
) -> Iterator[Item]:
    """One channel's day file (a JSON list of messages) on its own."""
    items = list(json_array_items(text, file))
    ctx = SlackContext(mapping)
    for _, message in items:
        if isinstance(message, dict) and isinstance(message.get("user"), str):
            author = _profile_name(message.get("user_profile"))
            if author:
                ctx.names.setdefault(message["user"], author)
    for line, message in items:
        record = message_record(message, line, ctx)
        if record is not None:
            yield record
    notices.extend(ctx.notices())
