"""A blameful phrase the checker found: where it is, its category and the reframe to offer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    category: str
    text: str
    suggestion: str
    pattern_id: str = ""

    def as_json(self) -> dict[str, object]:
        """The object `facilitator lint-text --json` prints for this finding."""
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "text": self.text,
            "suggestion": self.suggestion,
        }
