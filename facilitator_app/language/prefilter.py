"""A quick test that lets the checker skip a pattern that cannot match: the words it needs.

Each guide pattern is a long regular expression (word lists of names, teams and verbs) and
searching ninety of them costs most of a check. Most need a short run of plain letters that a
sentence rarely holds ("should have", "fault", "supposed to"): if none of a pattern's runs is in
the sentence, the pattern cannot match and its search is skipped. The runs are read from the
compiled pattern's parse tree, so they follow the guide (a user's override included) and are
never written by hand; where the tree says nothing certain, the pattern is always searched.

Sound by construction: a run is required only if every match contains it, and a sentence is
compared after the same case folding `re.IGNORECASE` does (four non-ASCII letters match ASCII
ones under it: the dotted and dotless I, the long s and the Kelvin sign). A test checks that
skipping never changes a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import cast

try:  # the parser `re` compiles with (public in Python 3.11 as `sre_parse`, deprecated there)
    from re import _parser as sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without it: every pattern is searched
    sre_parser = None

MIN_RUN = 3  # a required run shorter than this says too little to be worth a test
MAX_RUNS = 12  # more alternatives than this cost about as much as the search itself
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_LITERAL_CHARS = frozenset(map(ord, "abcdefghijklmnopqrstuvwxyz0123456789 '-"))

Runs = frozenset[str] | None  # one of these is in every match (None: nothing certain)


def folded(text: str) -> str:
    """`text` as the runs are compared with it: case folded as `re.IGNORECASE` folds."""
    return text.translate(_FOLD).lower()


def required_runs(pattern: re.Pattern[str]) -> Runs:
    """Runs of plain characters one of which every match of `pattern` contains (lower case)."""
    if sre_parser is None:
        return None
    try:
        tree = sre_parser.parse(pattern.pattern, pattern.flags)
    except Exception:
        return None
    return _useful(_sequence(list(tree)))


def runs_in(runs: Iterable[str], folded_text: str) -> set[str]:
    """The runs (of every pattern at once) that `folded_text` holds: a pattern whose runs are
    all absent cannot match."""
    return {run for run in runs if run in folded_text}


def _useful(runs: Runs) -> Runs:
    if runs is None or not runs or len(runs) > MAX_RUNS:
        return None
    return runs if min(len(r) for r in runs) >= MIN_RUN else None


def _sequence(items: Sequence[tuple[object, object]]) -> Runs:
    """Any one item's runs are required of a sequence; the most telling of them is kept."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        char = _plain_literal(op, av)
        if char is not None:
            run.append(char)
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = _useful(_item(op, av))
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    candidates = [c for c in candidates if _useful(c) is not None]
    if not candidates:
        return None
    # Fewest alternatives first, then the longest shortest run: the rarest text to find.
    return min(candidates, key=lambda c: (len(c), -min(len(r) for r in c)))


def _plain_literal(op: object, av: object) -> str | None:
    """The character of a literal that matches only itself after folding, else None."""
    if str(op) != "LITERAL" or not isinstance(av, int):
        return None
    lower = chr(av).lower()
    return lower if len(lower) == 1 and ord(lower) in _LITERAL_CHARS else None


def _item(op: object, av: object) -> Runs:
    name = str(op)
    if name == "SUBPATTERN":  # (group, add flags, del flags, pattern)
        return _sequence(list(av[-1]))  # type: ignore[index]
    if name == "ATOMIC_GROUP":
        return _sequence(list(av))  # type: ignore[call-overload]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, body = cast("tuple[int, int, Iterable[tuple[object, object]]]", av)
        return _sequence(list(body)) if low >= 1 else None
    if name == "BRANCH":
        return _union(_sequence(list(branch)) for branch in av[1])  # type: ignore[index]
    return None  # anchors, classes, look-arounds, back references: nothing certain


def _union(alternatives: Iterable[Runs]) -> Runs:
    runs: set[str] = set()
    for alternative in alternatives:
        if alternative is None:
            return None
        runs |= alternative
        if len(runs) > MAX_RUNS:
            return None
    return frozenset(runs)
