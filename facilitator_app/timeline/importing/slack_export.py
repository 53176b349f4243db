"""A whole Slack workspace export (a zip or its folder): one channel's messages as rows.

The export's layout (Slack's help page "How to read Slack data exports"): `users.json` (members,
with bots), `channels.json` (public channels: id, name), `groups.json` (private channels, in a
full export), and one folder per channel holding a JSON list of messages per day
(`incident-42/2026-11-10.json`). Only `users.json`, the channel lists and the chosen channel's day
files are read; other channels are never unpacked. Messages are put in time order across days
(thread replies land in the day they were sent, so this also places every reply and broadcast
where it happened). With a workspace URL every event links to its message: Slack's permalink is
`https://WORKSPACE.slack.com/archives/CHANNEL_ID/p` + the message's `ts` without its dot.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from facilitator_app.errors import ValidationError
from facilitator_app.safe_url import safe_http_url
from facilitator_app.timeline.importing.archive import ExportFiles
from facilitator_app.timeline.importing.decode import decode_text
from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.mapping import FieldMapping
from facilitator_app.timeline.importing.problems import file_error
from facilitator_app.timeline.importing.slack import SlackContext, message_record, user_name
from facilitator_app.timeline.importing.sources import Item, RawRecord, json_array_items

USER_FILES = ("users.json", "org_users.json")
CHANNEL_FILES = ("channels.json", "groups.json")
_LATEST = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    days: int  # day files in the export


def _load(export: ExportFiles, member: str, data: bytes, limits: Limits) -> Any:
    text = decode_text(data, f"{export.file}/{member}", limits)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise file_error(
            f"{export.file}/{member}", f"not valid JSON: {exc.msg}", line=exc.lineno
        ) from None
    except RecursionError:
        raise file_error(f"{export.file}/{member}", "the JSON is nested too deeply") from None


def _present(export: ExportFiles, candidates: tuple[str, ...]) -> list[str]:
    names = set(export.names())
    return [n for n in candidates if n in names]


def list_channels(export: ExportFiles, limits: Limits) -> list[Channel]:
    """The export's channels (from channels.json / groups.json), for `--channel` and the picker."""
    members = _present(export, CHANNEL_FILES)
    if not members:
        raise file_error(export.file, "is not a Slack export: it has no channels.json")
    days: dict[str, int] = {}
    for name in export.names():
        folder, sep, rest = name.partition("/")
        if sep and rest.endswith(".json") and "/" not in rest:
            days[folder] = days.get(folder, 0) + 1
    found: list[Channel] = []
    for member, data in export.read_all(members).items():
        listed = _load(export, member, data, limits)
        if not isinstance(listed, list):
            raise file_error(f"{export.file}/{member}", "must be a JSON list of channels")
        for entry in listed:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                name = entry["name"]
                found.append(Channel(str(entry.get("id") or ""), name, days.get(name, 0)))
    return sorted(found, key=lambda c: c.name.casefold())


def _pick(channels: list[Channel], wanted: str | None, file: str) -> Channel:
    shown = ", ".join(c.name for c in channels[:30]) + (" …" if len(channels) > 30 else "")
    if not wanted or not wanted.strip():
        raise file_error(file, f"name the channel to import (--channel); its channels: {shown}")
    key = wanted.strip().lstrip("#").casefold()
    for channel in channels:
        if channel.name.casefold() == key or channel.id.casefold() == key:
            return channel
    raise file_error(file, f"has no channel {wanted.strip()!r}; its channels: {shown}")


def permalink_base(workspace_url: str | None, channel: Channel, file: str) -> str:
    if not workspace_url or not workspace_url.strip():
        return ""
    try:
        base = safe_http_url(workspace_url.strip(), "--workspace-url").rstrip("/")
    except ValidationError as exc:
        raise file_error(file, f"--workspace-url {exc.reason}") from None
    if not channel.id:
        raise file_error(file, f"channels.json gives no id for {channel.name!r}: no permalinks")
    return f"{base}/archives/{channel.id}/p"


def _users(export: ExportFiles, limits: Limits, ctx: SlackContext) -> None:
    for member, data in export.read_all(_present(export, USER_FILES)).items():
        listed = _load(export, member, data, limits)
        if not isinstance(listed, list):
            raise file_error(f"{export.file}/{member}", "must be a JSON list of members")
        for user in listed:
            if not isinstance(user, dict) or not isinstance(user.get("id"), str):
                continue
            name = user_name(user)
            if name:
                ctx.names[user["id"]] = name
                profile = user.get("profile")
                bot_id = profile.get("bot_id") if isinstance(profile, dict) else None
                if isinstance(bot_id, str):
                    ctx.bots[bot_id] = name


def _order(item: Item) -> datetime:
    """Messages by time (all in UTC); unreadable ones last, in file order (the sort is stable)."""
    return item.values["timestamp"] if isinstance(item, RawRecord) else _LATEST


def slack_export_records(
    export: ExportFiles,
    mapping: FieldMapping,
    limits: Limits,
    notices: list[str],
    *,
    channel: str | None,
    workspace_url: str | None,
) -> Iterator[Item]:
    """The chosen channel's messages, in time order across its day files."""
    channels = list_channels(export, limits)
    chosen = _pick(channels, channel, export.file)
    ctx = SlackContext(
        mapping,
        channels={c.id: c.name for c in channels if c.id},
        permalink_base=permalink_base(workspace_url, chosen, export.file),
    )
    _users(export, limits, ctx)
    prefix = chosen.name + "/"
    days = sorted(
        n
        for n in export.names()
        if n.startswith(prefix) and n.endswith(".json") and "/" not in n[len(prefix) :]
    )
    if not days:
        raise file_error(export.file, f"the channel {chosen.name!r} has no messages in the export")
    items: list[Item] = []
    for member, data in export.read_all(days).items():
        text = decode_text(data, f"{export.file}/{member}", limits)
        for line, message in json_array_items(text, f"{export.file}/{member}"):
            record = message_record(message, line, ctx, member)
            if record is not None:
                items.append(record)
    items.sort(key=_order)
    notices.append(
        f"read #{chosen.name}: {len(days)} day file{'s' if len(days) != 1 else ''}, "
        f"{len(items)} messages"
    )
    notices.extend(ctx.notices())
    yield from items
