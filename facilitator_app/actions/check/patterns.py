"""The checker's word lists and patterns, loaded once from `resources/action_check.toml`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from facilitator_app.paths import read_resource_text

RESOURCE = "action_check.toml"


def _alternation(items: list[str], *, literal: bool = False) -> re.Pattern[str]:
    parts = [re.escape(i) if literal else i for i in items]
    parts.sort(key=len, reverse=True)  # the longest phrase wins ("set up" before "set")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _verb_forms(verb: str) -> list[str]:
    """A verb phrase and its inflections ("set up" -> "setting up", "add" -> "added")."""
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head, head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        forms |= {head[:-1] + "ing", head[:-1] + "ed"}
    if head.endswith("y"):
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    if len(head) > 2 and head[-1] not in "aeiouwxy" and head[-2] in "aeiou":
        forms |= {head + head[-1] + "ing", head + head[-1] + "ed"}
    return [re.escape(f + tail) for f in forms]


@dataclass(frozen=True)
class Patterns:
    noncommittal: re.Pattern[str]
    vague_verbs: re.Pattern[str]
    hedges: re.Pattern[str]
    concrete_verbs: re.Pattern[str]
    weak_verbs: re.Pattern[str]
    deliverables: re.Pattern[str]
    recurring: re.Pattern[str]
    abstract: frozenset[str]
    generic: frozenset[str]
    stopwords: frozenset[str]
    observable: re.Pattern[str]
    placeholders: frozenset[str]
    placeholder_prefixes: tuple[str, ...]
    group_endings: frozenset[str]
    role_words: frozenset[str]
    separators: re.Pattern[str]
    relative_due: re.Pattern[str]
    second_opinion: str
    rewrites: tuple[tuple[str, str], ...]  # (verb stem, rewrite template with {object})


@cache
def patterns() -> Patterns:
    data = tomllib.loads(read_resource_text(RESOURCE))
    out, owner, due = data["outcome"], data["owner"], data["due"]
    verbs = [form for v in out["concrete_verbs"] for form in _verb_forms(v)]
    weak = [form for v in out["weak_verbs"] for form in _verb_forms(v)]
    return Patterns(
        noncommittal=_alternation(out["noncommittal"]),
        vague_verbs=_alternation(out["vague_verbs"]),
        hedges=_alternation(out["hedges"]),
        concrete_verbs=_alternation(verbs),
        weak_verbs=_alternation(weak),
        deliverables=_alternation(out["deliverables"]),
        recurring=_alternation(out["recurring"]),
        abstract=frozenset(w.lower() for w in out["abstract"]),
        generic=frozenset(w.lower() for w in out["generic"]),
        stopwords=frozenset(w.lower() for w in out["stopwords"]),
        observable=_alternation(out["observable"]),
        placeholders=frozenset(w.lower() for w in owner["placeholders"]),
        placeholder_prefixes=tuple(w.lower() for w in owner["placeholder_prefixes"]),
        group_endings=frozenset(w.lower() for w in owner["group_endings"]),
        role_words=frozenset(w.lower() for w in owner["role_words"]),
        separators=re.compile("|".join(owner["separators"]), re.IGNORECASE),
        relative_due=_alternation(due["relative"]),
        second_opinion=data["second_opinion"]["explain"],
        rewrites=tuple(data["second_opinion"]["rewrites"].items()),
    )
