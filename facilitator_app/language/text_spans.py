"""The text the checker reads and the spans it marks: one definition each, shared by the rules'
pass and the second reader's (and by the reader's training, so it sees what the app sees)."""

from __future__ import annotations

import re

# Curly apostrophes become straight ones: same length, so offsets stay right.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n")


def plain_text(text: str) -> str:
    """`text` as the patterns and the reader read it (same length, so offsets stay right)."""
    return text.translate(_APOSTROPHES)


def trim(text: str, start: int, end: int, closing: str = ",;:") -> tuple[int, int]:
    """Leave out white space around the underlined span, and `closing` punctuation after it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in closing):
        end -= 1
    return start, end
