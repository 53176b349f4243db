"""The two tags the method names, their words on screen, and the spellings accepted on import.

Tags are stored as short slugs (`model.Tag`); people type them as words ("locally correct,
globally unexpected"), so imports map the common spellings to the slugs. Free tags stay as typed.
"""

from __future__ import annotations

import re

from facilitator_app.model import Tag

TAG_LABELS: dict[str, str] = {
    Tag.LOCALLY_CORRECT.value: "locally correct, globally unexpected",
    Tag.DIVERGENCE.value: "divergence point",
}

# Short forms for badges on a busy timeline.
TAG_SHORT: dict[str, str] = {
    Tag.LOCALLY_CORRECT.value: "locally correct",
    Tag.DIVERGENCE.value: "divergence",
}

_ALIASES: dict[str, str] = {
    "locally correct globally unexpected": Tag.LOCALLY_CORRECT.value,
    "locally correct": Tag.LOCALLY_CORRECT.value,
    "lcgu": Tag.LOCALLY_CORRECT.value,
    "divergence point": Tag.DIVERGENCE.value,
    "divergence": Tag.DIVERGENCE.value,
    "diverged": Tag.DIVERGENCE.value,
}


def _words(text: str) -> str:
    return " ".join(re.split(r"[\s,_\-]+", text.strip().casefold())).strip()


def normalise_tag(text: str) -> str:
    """The stored form of a tag: a known tag's slug, else the text trimmed."""
    cleaned = text.strip()
    words = _words(cleaned)
    return _ALIASES.get(words, cleaned)


def tag_label(tag: str) -> str:
    return TAG_LABELS.get(tag, tag)


def tag_short(tag: str) -> str:
    return TAG_SHORT.get(tag, tag)
