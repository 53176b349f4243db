"""The small mapping that reads a generic JSON/JSONL log (or a Slack export) as timeline rows.

Our columns (DESIGN.md §8) are `timestamp, team, actor, event, observation,
aware_of_other_team, source_url, tags`. A log names them differently, so a mapping says where
each column comes from:

- `fields`: our column -> the record's key; a dotted key reaches into nested objects
  (`"event": "message"`, `"actor": "host.name"`, `"timestamp": "@timestamp"`). A column that is
  not mapped is read from the key of the same name.
- `team_values`: a value found in the team field -> one of the session's team names
  (`"checkout-api": "Checkout"`, or a Slack user id -> team). Unlisted values must already name a
  team.
- `default_team`: the team of records that have no team value (a per-team log or channel).

On the command line: `--map event=message --map timestamp=@timestamp --team-value
checkout-api=Checkout --team Payments`. Timestamps in a log may also be numbers: Unix seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from facilitator_app.errors import UserError

COLUMNS = (
    "timestamp",
    "team",
    "actor",
    "event",
    "observation",
    "aware_of_other_team",
    "source_url",
    "tags",
)
REQUIRED = ("timestamp", "team", "event")

MISSING = object()  # a key the record does not have at all (told apart from an empty value)


@dataclass(frozen=True)
class FieldMapping:
    fields: Mapping[str, str] = field(default_factory=dict)
    team_values: Mapping[str, str] = field(default_factory=dict)
    default_team: str | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(COLUMNS))
        if unknown:
            raise UserError(
                f"cannot map {', '.join(unknown)}: the columns are {', '.join(COLUMNS)}",
                field="--map",
            )
        for column, key in self.fields.items():
            if not key.strip():
                raise UserError(f"the field for {column} is empty", field="--map")

    def source_key(self, column: str) -> str:
        return self.fields.get(column, column)

    def pick(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Our columns from one record; `MISSING` where the record has no such key."""
        return self.picker()(record)

    def picker(self) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        """`pick`, with the keys worked out once for a whole file (the import's hot loop)."""
        pairs = [(column, self.source_key(column)) for column in COLUMNS]
        every = itemgetter(*(key for _, key in pairs))  # a record with every key: one C call

        def pick(record: Mapping[str, Any]) -> dict[str, Any]:
            try:
                return dict(zip(COLUMNS, every(record), strict=True))
            except KeyError:
                pass
            picked = {}
            for column, key in pairs:
                value = record.get(key, MISSING)
                picked[column] = lookup(record, key) if value is MISSING else value
            return picked

        return pick

    @classmethod
    def from_pairs(
        cls,
        maps: list[str] | None = None,
        team_values: list[str] | None = None,
        default_team: str | None = None,
    ) -> FieldMapping:
        """From `COLUMN=FIELD` and `VALUE=TEAM` strings (the command line, the dialog)."""
        return cls(
            fields=_pairs(maps or [], "--map"),
            team_values=_pairs(team_values or [], "--team-value"),
            default_team=(default_team or "").strip() or None,
        )


def _pairs(items: list[str], option: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UserError(f"{item!r} is not NAME=VALUE", field=option)
        result[key.strip()] = value.strip()
    return result


def lookup(record: Mapping[str, Any], key: str) -> Any:
    """The value at `key` (exact, else case-insensitive; dots walk into nested objects)."""
    found = _get(record, key)
    if found is not MISSING or "." not in key:
        return found
    current: Any = record
    for part in key.split("."):
        if not isinstance(current, Mapping):
            return MISSING
        current = _get(current, part)
        if current is MISSING:
            return MISSING
    return current


def _get(record: Mapping[str, Any], key: str) -> Any:
    if key in record:
        return record[key]
    folded = key.casefold()
    for candidate, value in record.items():
        if isinstance(candidate, str) and candidate.strip().casefold() == folded:
            return value
    return MISSING
