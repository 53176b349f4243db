"""Regex templates of the guide file: word lists, spaces and line breaks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator_app.language.templates import TemplateError, _trie, expand, normalise


def test_a_space_matches_any_white_space_but_not_inside_a_class() -> None:
    assert re.fullmatch(normalise("should have"), "should \n have")
    assert normalise("[ -]x") == "[ -]x"


def test_an_optional_space_may_be_missing() -> None:
    assert re.fullmatch(normalise("3 ?am"), "3am") and re.fullmatch(normalise("3 ?am"), "3  am")
    assert re.fullmatch(normalise("health ?checks?"), "healthcheck")
    assert normalise(r"a\ b") == r"a\ b"


def test_a_line_break_and_its_indentation_are_dropped() -> None:
    assert normalise("(?:a|b\n    |c)") == "(?:a|b|c)"


def test_word_lists_expand_recursively() -> None:
    lexicon = {"who": ["{name}", "someone"], "name": ["Bob", "Alice"]}
    pattern = re.compile(expand(r"\b{who} left", lexicon))
    assert pattern.search("so Alice left") and pattern.search("someone  left")
    assert not pattern.search("Carol left")


def test_an_empty_word_list_matches_nothing() -> None:
    assert not re.search(expand("x{empty}", {"empty": []}), "x")


def test_unknown_and_circular_word_lists_are_refused() -> None:
    with pytest.raises(TemplateError, match="unknown word list"):
        expand("{missing}", {})
    with pytest.raises(TemplateError, match="refer to each other"):
        expand("{a}", {"a": ["({b})"], "b": ["({a})"]})


words = st.lists(st.text(alphabet="abcAB' -", min_size=1, max_size=6), min_size=1, max_size=12)


@given(words, st.text(alphabet="abcAB' -", max_size=7))
def test_a_prefix_trie_matches_exactly_the_listed_words(listed: list[str], probe: str) -> None:
    trie = re.compile(f"(?:{_trie(listed)})")
    flat = {normalise(w) for w in listed}
    expected = any(re.fullmatch(w, probe) for w in flat)
    assert bool(trie.fullmatch(probe)) == expected
