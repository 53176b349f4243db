"""Checking text as it is typed without ever blocking on a long paste.

The checker costs about 20 µs a character, so a 10,000-character paste checked at once would
freeze the window for a quarter of a second, and a paragraph re-checked whole on every key would
lag. Text is cut into sentences of at most `MAX_CHUNK` characters (the checker's findings never
cross a sentence); each chunk is checked once and remembered, and a pass stops when its time
budget is spent, so the caller re-asks on the next turn of the event loop. Qt-free.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator

from facilitator_app.language import BlameChecker, Finding

MAX_CHUNK = 400  # characters: a long sentence is cut at a space near here
BUDGET_SECONDS = 0.012  # checking time per turn of the event loop
REMEMBERED = 4096  # chunks whose findings are kept

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def chunks(text: str, limit: int = MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pairs covering `text`: sentences, long ones cut at a space."""
    start = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in ends:
        while end - start > limit:
            cut = text.rfind(" ", start + limit // 2, start + limit)
            cut = cut + 1 if cut > start else start + limit
            yield start, text[start:cut]
            start = cut
        if end > start:
            yield start, text[start:end]
            start = end


class ChunkedChecker:
    """Findings of any text, chunk by chunk, within a time budget per pass."""

    def __init__(
        self,
        checker: BlameChecker,
        budget: float = BUDGET_SECONDS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.checker = checker
        self.budget = budget
        self.clock = clock
        self._memo: OrderedDict[str, list[Finding]] = OrderedDict()
        self._deadline: float | None = None
        self._checked = 0  # chunks checked in this pass

    def new_pass(self) -> None:
        """The event loop turned: the next check gets a fresh budget."""
        self._deadline = None
        self._checked = 0

    def findings(self, text: str) -> tuple[list[Finding], bool]:
        """(the findings, whether every chunk was checked); an unfinished text is asked again
        in the next pass, when the chunks checked so far cost nothing."""
        if self._deadline is None:
            self._deadline = self.clock() + self.budget
        found: list[Finding] = []
        complete = True
        for offset, chunk in chunks(text):
            known = self._memo.get(chunk)
            if known is not None:
                self._memo.move_to_end(chunk)
            else:
                if self._checked and self.clock() > self._deadline:
                    complete = False  # (a pass always checks one chunk: progress is certain)
                    continue
                known = self.checker.check(chunk)
                self._checked += 1
                self._remember(chunk, known)
            found += [
                dataclasses.replace(f, start=f.start + offset, end=f.end + offset) for f in known
            ]
        return found, complete

    def _remember(self, chunk: str, found: list[Finding]) -> None:
        self._memo[chunk] = found
        if len(self._memo) > REMEMBERED:
            self._memo.popitem(last=False)
