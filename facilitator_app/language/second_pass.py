"""The checker's second pass: the second reader reads each passage after the rules.

A finding of the six families stands only where the reader does not rule blame out, and so
does a finding of the rules' other categories (each with its own threshold); a passage of four
words or more, about someone besides ourselves, that the rules left alone is flagged whole
where the reader is sure (thresholds in `second_reader.SecondReader`). The passage is a line:
the evaluation sentences are lines, and "Nice one, Marco. Another Friday deploy." is sarcasm by
its second sentence. A long line is read sentence by sentence and a long sentence in pieces, so
any text costs linear time.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from facilitator_app.language.finding import Finding
from facilitator_app.language.reading import PARTY, WE
from facilitator_app.language.second_reader import SecondReader
from facilitator_app.language.text_spans import SENTENCE_END, trim

if TYPE_CHECKING:
    from facilitator_app.language.frames import Token
    from facilitator_app.language.guide import LanguageGuide
    from facilitator_app.language.reading import Evidence

READ_CHARS = 400  # a passage longer than this is read sentence by sentence, or in pieces
READER_ID = "second-reader"  # the pattern id of a finding the reader made
# A passage of fewer words is flagged by the rules alone: "All good." may be sincere or not,
# and three words are too little evidence to say which.
MIN_WORDS = 4
_LINE = re.compile(r"[^\n]+")


def read_again(
    reader: SecondReader,
    evidence: Evidence,
    guide: LanguageGuide,
    text: str,
    plain: str,
    found: Sequence[Finding],
    words: Sequence[Token],
) -> list[Finding]:
    """`found` (in reading order) as the reader judges it, with the passages it adds."""
    kept: list[Finding] = []
    starts = [f.start for f in found]
    word_starts = [w.start for w in words]
    for first, last in passages(plain):
        inside = found[bisect.bisect_left(starts, first) : bisect.bisect_left(starts, last)]
        its_words = words[
            bisect.bisect_left(word_starts, first) : bisect.bisect_left(word_starts, last)
        ]
        if not its_words:
            kept.extend(inside)
            continue
        pairs = [(f.category, f.pattern_id) for f in inside]
        seen = evidence.of(plain, first, last, its_words, pairs)
        reading = reader.read(seen)
        kept.extend(f for f in inside if reading.blame >= reader.threshold(f.category))
        rule = guide.rule(reading.category)
        if inside or reading.in_family < reader.add or rule is None or not _worth_adding(seen):
            continue
        start, end = trim(plain, first, last, closing=".!?,;:")  # the line, without its stop
        if start < end:
            flagged = text[start:end]
            suggestion = rule.instead.replace("{text}", flagged)
            kept.append(Finding(start, end, reading.category, flagged, suggestion, READER_ID))
    return sorted(kept, key=lambda f: (f.start, f.end, f.category))


def _worth_adding(seen: set[str]) -> bool:
    """Enough words to judge, and about someone: a passage about ourselves alone ("our on-call
    load is irresponsible") is self-criticism, not blame of another party."""
    words = sum(1 for feature in seen if feature.startswith("w:"))
    about_us_alone = f"w:{WE}" in seen and f"w:{PARTY}" not in seen
    return words >= MIN_WORDS and not about_us_alone


def passages(text: str) -> Iterator[tuple[int, int]]:
    """The spans the reader reads: each line, or a long line's sentences, or a long sentence's
    pieces of at most READ_CHARS (cut at a space)."""
    for line in _LINE.finditer(text):
        start, end = line.span()
        if end - start <= READ_CHARS:
            yield start, end
            continue
        first = start
        for stop in [*(m.end() for m in SENTENCE_END.finditer(text, start, end)), end]:
            while stop - first > READ_CHARS:
                cut = text.rfind(" ", first + 1, first + READ_CHARS)
                cut = cut if cut > first else first + READ_CHARS
                yield first, cut
                first = cut
            if stop > first:
                yield first, stop
                first = stop
