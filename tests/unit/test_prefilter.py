"""Skipping a pattern whose required letters a sentence lacks never changes a finding."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator_app.language import BlameChecker, load_guide
from facilitator_app.language.prefilter import folded, required_runs

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def checkers() -> tuple[BlameChecker, BlameChecker]:
    guide = load_guide(use_user_file=False)
    quick = BlameChecker(guide, reader=None)
    every = BlameChecker(guide, reader=None)
    every._patterns = [replace(p, runs=None) for p in every._patterns]  # search them all
    return quick, every


def sentences() -> list[str]:
    found = []
    for path in sorted(DATA.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#") and line.count("\t") == 2:
                found.append(line.split("\t")[2])
    return found


def test_most_patterns_have_runs_and_skipping_changes_nothing(checkers) -> None:  # type: ignore[no-untyped-def]
    quick, every = checkers
    with_runs = [p for p in quick._patterns if p.runs is not None]
    assert len(with_runs) >= len(quick._patterns) // 2
    texts = sentences()
    assert len(texts) > 5000
    assert [quick.check(t) for t in texts] == [every.check(t) for t in texts]


WORDS = [
    "Bob", "they", "should", "have", "SHOULD'VE", "should\u2019ve", "\u017fhould", "\u0130dentity",
    "\u212aeep", "fault", "their", "Payments", "team", "always", "broke", "failed", "to", "the",
    "why", "did", "you", "human", "error", "supposed", "mess", "again", ",", ".", "!", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14))
def test_any_mix_of_the_patterns_words_gives_the_same_findings(checkers, words) -> None:  # type: ignore[no-untyped-def]
    quick, every = checkers
    text = " ".join(words)
    assert quick.check(text) == every.check(text)


@pytest.mark.parametrize(
    ("regex", "runs"),
    [
        (r"\bshould\s+have\b", {"should"}),  # of the words a match needs, the longest
        (r"(?:fault|blame)d?", {"fault", "blame"}),  # every alternative
        (r"(?:fault|x)", None),  # one alternative says too little
        (r"(?:the )?wrong", {"wrong"}),  # an optional part is not required
        (r"[a-z]+ing", {"ing"}),  # a class says nothing, the letters after it do
        (r"(?=.*oops)wh", None),  # two letters are too few; the look-ahead is not read
    ],
)
def test_required_runs_are_what_every_match_holds(regex: str, runs: set[str] | None) -> None:
    found = required_runs(re.compile(regex, re.IGNORECASE))
    assert (set(found) if found is not None else None) == runs


def test_letters_that_ignorecase_folds_to_ascii_are_folded_the_same_way() -> None:
    for char in map(chr, range(0x80, 0x3000)):
        for letter in "iks":
            if re.fullmatch(letter, char, re.IGNORECASE):
                assert folded(char) == letter, hex(ord(char))
