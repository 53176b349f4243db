"""What the second reader sees of a passage: its words with the parties abstracted, the
guide's word classes and phrase lists, and what the rules found in it.

Hand rules match phrases; a sentence written by someone else says the same thing in other
words. The second reader (`second_reader.py`) weighs evidence instead, and this module turns a
passage into that evidence: each word's lemma ("barred" and "bars" are "bar"); a mention of a
party (a named person or team, "they", a customer: the guide's `{party}`) as one token `PARTY`,
so "ban Search" and "ban the vendor" share their features; "we"/"us"/"our" as `WE`; the pairs
of neighbouring tokens; each word's runs of four letters (an unseen "half-arsed" shares most of
them with a seen "arse"); the guide's word classes and phrase lists; a few marks of tone (an
exclamation, scare quotes, a question); and the categories and frame ids the rules found.
Nothing here is specific to the evaluation sentences.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from facilitator_app.language.frames import Token
from facilitator_app.language.guide import REGEX_FLAGS, who_template
from facilitator_app.language.templates import Expander

PARTY = "PARTY"
GRAM = 4  # letters in a spelling feature: an unseen form shares most of them with a seen one
WE = "WE"
_WE = frozenset({"we", "us", "our", "ours", "ourselves"})
_QUOTED = re.compile(r"[\"\u201c\u2018'][^\"\u201d\u2019']{2,40}[\"\u201d\u2019']")
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")
_MIDDLE_NAME = re.compile(r"(?<=[\w,;:)] )[A-Z][a-z]+")


def abstract_words(words: Sequence[Token], mentions: Iterable[tuple[int, int]]) -> list[str]:
    """The passage's tokens as the reader sees them: a party mention (character spans) is one
    `PARTY` ("our" with a party after it, "our on-call", is `WE`), "we"/"us"/"our" is `WE`,
    every other word its lemma."""
    spans = sorted(mentions)
    starts = [start for start, _ in spans]
    seen: list[str] = []
    last_party_end = -1
    for position, word in enumerate(words):
        index = bisect.bisect_right(starts, word.start) - 1
        inside = index >= 0 and spans[index][0] <= word.start < spans[index][1]
        if inside:
            if spans[index][1] != last_party_end:
                # "our on-call", "our team": a party of ours is us
                ours = position > 0 and words[position - 1].word == "our"
                if not ours:
                    seen.append(PARTY)
                last_party_end = spans[index][1]
            continue
        seen.append(WE if word.word in _WE else word.lemma)
    return seen


# The guide's word classes the reader knows words by: a verdict it never saw in training
# ("indefensible") still counts if the guide lists it as a verdict.
READER_CLASSES = (
    "punish_verb", "privilege", "banished_act", "praise", "lone_praise", "verdict", "act_noun",
    "motive", "habit", "hindsight_verb", "adverb",
)  # fmt: skip
_ONE_WORD = re.compile(r"[a-z][a-z-]*")


def word_classes(lexicon: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Each one-word entry of the reader's word classes -> the first class that lists it."""
    out: dict[str, str] = {}
    for name in READER_CLASSES:
        for entry in lexicon.get(name, ()):
            for word in entry.lower().split("/"):
                if _ONE_WORD.fullmatch(word):
                    out.setdefault(word, name.upper())
    return out


# The guide's phrase lists (regexes) that tell what kind of thing a passage is about: something
# going wrong, a cost to the speaker, the other side's failing. Sarcasm is praise next to one.
READER_PHRASES = ("breakage", "harm_to_us", "their_failing", "consequence")


def features(
    seen: Sequence[str],
    text: str,
    found: Iterable[tuple[str, str]] = (),
    classes: Mapping[str, str] | None = None,
    phrases: Iterable[str] = (),
) -> set[str]:
    """The evidence of one passage: `seen` from `abstract_words`, its text for the marks of tone,
    `found` the (category, pattern or frame id) pairs of the rules' findings in it, `classes`
    the guide's word classes (`word_classes`), `phrases` the names of the phrase lists found."""
    out = {f"w:{w}" for w in seen}
    for word in {w for w in seen if w.islower()}:  # a word's spelling: "half-arsed", "arsed"
        marked = f"<{word}>"
        out.update(f"g:{marked[i : i + GRAM]}" for i in range(max(1, len(marked) - GRAM + 1)))
    padded = ["<s>", *seen, "</s>"]
    out.update(f"b:{a} {b}" for a, b in itertools.pairwise(padded))
    out.update(f"s:{a} {c}" for a, c in zip(padded, padded[2:], strict=False) if PARTY in (a, c))
    if classes:
        named = [classes.get(w, w) for w in padded]
        out.update(f"c:{c}" for w, c in zip(padded, named, strict=False) if c != w)
        out.update(
            f"cb:{a} {b}" for a, b in itertools.pairwise(named) if a.isupper() or b.isupper()
        )
        out.update(f"cs:{a} {c}" for a, c in zip(named, named[2:], strict=False) if PARTY in (a, c))
    named_classes = {f[2:] for f in out if f.startswith("c:")}
    for phrase in phrases:
        out.add(f"p:{phrase}")
        out.update(f"p:{phrase}+{name}" for name in named_classes)
        if PARTY in seen:
            out.add(f"p:{phrase}+PARTY")
    for category, pattern_id in found:
        out.add(f"rule:{category}")
        out.add(f"id:{pattern_id}")
    if "!" in text:
        out.add("mark:!")
    if text.rstrip().endswith("?"):
        out.add("mark:?")
    if _QUOTED.search(text):
        out.add("mark:quoted")
    if _SHOUT.search(text):
        out.add("mark:shout")
    if "..." in text or "\u2026" in text:
        out.add("mark:ellipsis")
    if _MIDDLE_NAME.search(text):
        out.add("mark:name")
    return out


class Evidence:
    """Gathers a passage's evidence with one guide's word lists (its `{party}`, word classes and
    phrase lists), compiled once per checker."""

    def __init__(self, expander: Expander) -> None:
        lexicon = expander.lexicon
        self.party = re.compile(who_template(expander.expand("{party}")), REGEX_FLAGS)
        self.classes = word_classes(lexicon)
        self.phrases = [
            (name, re.compile(expander.expand(f"{{{name}}}"), REGEX_FLAGS))
            for name in READER_PHRASES
            if name in lexicon
        ]

    def of(
        self,
        plain: str,
        start: int,
        end: int,
        words: Sequence[Token],
        found: Iterable[tuple[str, str]] = (),
    ) -> set[str]:
        """The evidence in `plain[start:end]`: `words` its tokens, `found` the (category, id)
        pairs of the rules' findings in it."""
        party = self.party.finditer(plain, start, end)
        mentions = [m.span() for m in party if m.end() > m.start()]
        seen = abstract_words(words, mentions)
        phrases = [name for name, regex in self.phrases if regex.search(plain, start, end)]
        return features(seen, plain[start:end], found, self.classes, phrases)
