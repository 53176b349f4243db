"""Caps that keep a wrong file (a database dump, a binary) from freezing the meeting laptop."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 64 * 1024 * 1024
    max_rows: int = 200_000
    max_field_chars: int = 10_000

    def describe_bytes(self) -> str:
        return f"{self.max_bytes / (1024 * 1024):g} MB"


DEFAULT_LIMITS = Limits()
