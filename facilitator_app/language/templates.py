"""Regex templates as people write them in the guide file, turned into Python regexes.

Three conveniences keep the data file readable: `{name}` stands for a word list (an
alternation of regex fragments, which may themselves use `{other}`), a plain space matches any
run of white space, and a line break (with the indentation after it) is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
NEVER = "(?!)"  # an empty word list matches nothing, not everything
PLAIN_WORD = re.compile(r"[A-Za-z0-9' -]+")


class TemplateError(ValueError):
    """A template names a word list that does not exist, or word lists refer to each other."""


def expand(template: str, lexicon: Mapping[str, Sequence[str]]) -> str:
    """Replace every `{name}` by its word list, recursively, with white space normalised."""
    return Expander(lexicon).expand(template)


class Expander:
    """Expands many templates over one lexicon, expanding each word list only once."""

    def __init__(self, lexicon: Mapping[str, Sequence[str]]) -> None:
        self.lexicon = lexicon
        self._done: dict[str, str] = {}

    def expand(self, template: str) -> str:
        return self._expand(normalise(template), ())

    def _expand(self, template: str, stack: tuple[str, ...]) -> str:
        return PLACEHOLDER.sub(lambda m: self._word_list(m.group(1), stack), template)

    def _word_list(self, name: str, stack: tuple[str, ...]) -> str:
        if name in self._done:
            return self._done[name]
        if name not in self.lexicon:
            raise TemplateError(f"unknown word list {{{name}}}")
        if name in stack:
            raise TemplateError(f"word lists refer to each other: {' -> '.join((*stack, name))}")
        words = self.lexicon[name]
        if not words:
            result = NEVER
        elif all(PLAIN_WORD.fullmatch(w) for w in words):
            result = "(?:" + _trie(words) + ")"  # far faster to compile than a flat alternation
        else:
            entries = [self._expand(normalise(w), (*stack, name)) for w in words]
            result = "(?:" + "|".join(entries) + ")"
        self._done[name] = result
        return result


def _trie(words: Sequence[str]) -> str:
    """One regex for a list of plain words, sharing prefixes: Ann|Anna|Anne -> Ann(?:a|e)?"""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in re.sub(" +", " ", word):  # a run of spaces is one `\s+`, as in normalise()
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends_here = "" in node
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = (
            branches[0]
            if len(branches) == 1 and not ends_here
            else ("(?:" + "|".join(branches) + ")")
        )
        return body + "?" if ends_here else body

    return build(root)


def normalise(pattern: str) -> str:
    """Drop line breaks with their indentation; a space outside [...] becomes `\\s+` (`\\s*`
    before a `?` or `*`: "3 ?am" is "3am" or "3 am")."""
    pattern = re.sub(r"\n[ \t]*", "", pattern)
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a literal ] first in the class
                out.append("]")
                i += 1
        elif char == " ":
            while i + 1 < len(pattern) and pattern[i + 1] == " ":
                i += 1
            if pattern[i + 1 : i + 2] in ("?", "*"):  # "sev ?1", "3 ?am": the space is optional
                out.append(r"\s*")
                i += 1
            else:
                out.append(r"\s+")
        else:
            out.append(char)
        i += 1
    return "".join(out)
