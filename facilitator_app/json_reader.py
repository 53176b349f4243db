"""Strict reading of parsed JSON: every complaint names the JSON path of the bad value.

A user who hand-edits a session file (or a tool that writes one) gets `attendees[2].role: 'boss'
is not one of: ...` rather than a traceback or a message about some Python type.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from facilitator_app.errors import UserError, ValidationError
from facilitator_app.model import Lane
from facilitator_app.timeutil import parse_iso

E = TypeVar("E", bound=StrEnum)
OFFSET = re.compile(r"^[+-]([01][0-9]|2[0-3]):[0-5][0-9]$")

# Where the model's name for a field differs from the JSON key that holds it.
_JSON_KEYS = {
    "observation": "saw",
    "note": "text",
    "timebox": "timebox_minutes",
    "changed_at": "at",
}


class _NotJson(ValueError):
    """NaN and Infinity: Python's parser takes them, JSON has no such numbers."""


def _refuse_constant(name: str) -> float:
    raise _NotJson(f"{name} is not a JSON number")


def parse_json(text: str, *, file: str, line: int | None = None) -> Any:
    """The one way our commands parse JSON: every failure a one-line UserError.

    A file of 100,000 `[` makes the parser recurse; CPython's scanner stops at the recursion
    limit with RecursionError (no stack overflow), which is refused here like any bad JSON. So
    are a number of more than 4,300 digits (Python refuses to convert it) and NaN/Infinity.
    """
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        where = line if line is not None else exc.lineno
        raise UserError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", file=file, line=where
        ) from None
    except RecursionError:
        raise UserError("the JSON is nested too deeply", file=file, line=line) from None
    except ValueError as exc:  # a huge integer, NaN, Infinity
        reason = str(exc).split(":")[0] if not isinstance(exc, _NotJson) else str(exc)
        raise UserError(f"not valid JSON: {reason}", file=file, line=line) from None


class JsonReader:
    """Walks the parsed JSON, naming the JSON path of whatever is wrong."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, path: str, reason: str) -> UserError:
        return UserError(reason, file=self.file, field=path)

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "must be an object")
        return value

    def lst(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(path, "must be a list")
        return value

    @contextmanager
    def entity(self, path: str, *, whole: bool = False) -> Iterator[None]:
        """Report the model's refusal of an entity at its JSON path (`attendees[2].role`)."""
        try:
            yield
        except ValidationError as exc:
            leaf = (exc.field or "").rpartition(".")[2]
            leaf = _JSON_KEYS.get(leaf, leaf)
            raise self.fail(path if whole or not leaf else f"{path}.{leaf}", exc.reason) from None

    def number(self, data: dict[str, Any], key: str, path: str, default: float) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{path}.{key}", f"must be a number, not {value!r}")
        return float(value)

    def integer(self, data: dict[str, Any], key: str, path: str, default: int = 0) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{path}.{key}", f"must be a whole number, not {value!r}")
        return value

    def boolean(self, data: dict[str, Any], key: str, path: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{path}.{key}", f"must be true or false, not {value!r}")
        return value

    def optional_boolean(self, data: dict[str, Any], key: str, path: str) -> bool | None:
        value = data.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(f"{path}.{key}", f"must be true, false or null, not {value!r}")
        return value

    def offset(self, data: dict[str, Any], key: str, path: str) -> str | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not OFFSET.match(value):
            raise self.fail(f"{path}.{key}", f"{value!r} is not a UTC offset like +05:30")
        return value

    def text(self, data: dict[str, Any], key: str, path: str, default: str = "") -> str:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", "must be text")
        return value

    def time(self, data: dict[str, Any], key: str, path: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", "must be an ISO 8601 time")
        try:
            return parse_iso(value, f"{path}.{key}")
        except ValidationError as exc:
            raise self.fail(f"{path}.{key}", exc.reason) from None
        except OverflowError:
            raise self.fail(f"{path}.{key}", f"{value[:40]!r} is out of range") from None

    def enum(self, kind: type[E], value: Any, path: str) -> E:
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise self.fail(path, f"{value!r} is not one of: {allowed}") from None

    def lane(self, value: Any, path: str) -> Lane | None:
        return None if value is None else self.enum(Lane, value, path)

    def ref(self, value: Any, size: int, path: str) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < size:
            raise self.fail(path, f"refers to no entry (0..{size - 1})")
        return value
