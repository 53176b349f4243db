"""Frames: who a sentence is about and what is said of them, matched on lemmas.

A regex pattern matches a phrase; a frame matches a pattern behind many phrases. Its cue is a
short list of lemma sequences ("bar", "take * away", "hold * accountable"), so "barred", "bars"
and "barring" are one cue; its `who` names the party the sentence is about (a named person, a
team, "they", a customer, as a regex over the text) and where that party must stand: at most
`before` words before the cue (the subject, or with `passive` the one a punishment falls on:
"the Edge team should be barred") or `after` words after it (the object: "ban Search"). Lemmas
come from simplemma, which ships its own data and needs no model download.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from facilitator_app.language.guide import REGEX_FLAGS, FrameSpec, who_template
from facilitator_app.language.templates import Expander, TemplateError

# A plural possessive keeps its apostrophe ("Payments' SLO"): the mention is then no subject.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z](?:(?<=s)'(?![A-Za-z]))?|[A-Za-z]|\d+")
_GAP = 3  # "*" in a cue skips up to this many words
_PASSIVE = frozenset({"be", "get", "been", "being", "got", "gotten"})
_DETERMINERS = frozenset({"their", "his", "your", "its", "our", "my"})
# A party after one of these is a beneficiary or a place, not the one judged or punished:
# "unacceptable for our customers", "a long wait for the vendor".
_GOVERNED = frozenset(
    {"for", "to", "with", "in", "at", "into", "across", "against", "toward", "towards", "per"}
    | {"among", "via", "about", "under", "than", "like", "between"}
)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of a word, lower case ("barred" -> "bar", "took" -> "take")."""
    import simplemma  # loaded on first use: its tables take a moment

    lower = word.lower()
    if lower.endswith("'s"):
        lower = lower[:-2]
    elif lower.endswith("'"):
        lower = lower[:-1]
    found = str(simplemma.lemmatize(lower, lang="en")).lower()
    # simplemma reads "cutting" and "sitting" as nouns; "cutting corners" is "cut corner".
    doubled = lower.endswith("ing") and len(lower) >= 6 and lower[-4] == lower[-5]
    if found == lower and doubled and lower[-4] not in "aeiouls":
        stem = lower[:-4]
        if simplemma.is_known(stem, lang="en"):
            return stem
    return found


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str  # lower case
    lemma: str


# Contractions are two words: "shouldn't" is "should not", so one cue "not be allow" fits all.
_CONTRACTED = {"can't": "can", "won't": "will", "shan't": "shall", "ain't": "be"}
_CLITICS = {"n't": "not", "'ve": "have", "'re": "be", "'ll": "will", "'d": "would", "'m": "be"}


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    found = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        word = match.group().lower()
        s, e = match.span()
        clitic = next((c for c in _CLITICS if word.endswith(c) and len(word) > len(c)), None)
        if clitic is None:
            found.append(Token(s, e, word, lemma(word)))
            continue
        base = _CONTRACTED.get(word, word[: -len(clitic)])
        found.append(Token(s, e, base, lemma(base)))
        found.append(Token(s, e, _CLITICS[clitic], _CLITICS[clitic]))
    return found


Cue = tuple[frozenset[str], ...]  # each step: the words or lemmas it accepts; empty: a gap


_CLASS = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def parse_cues(text: str, classes: Mapping[str, Sequence[str]] | None = None) -> list[Cue]:
    """ "take * away | hold * accountable" -> steps of accepted words ("/" separates choices).

    A word class from the lexicon stands for its lemmas: a cue that is only "{punish_verb}" is
    each entry as a cue of its own (entries may be several words); a step "{privilege}" inside a
    cue accepts any one-word entry. A synonym a new writer uses is added to the class once, and
    every frame that names the class knows it."""
    classes = classes or {}
    cues = []
    for part in text.split("|"):
        whole = _CLASS.fullmatch(part.strip())
        if whole:
            cues.extend(parse_cues("|".join(_class(classes, whole.group(1))), classes))
            continue
        steps = []
        for step in part.split():
            named = _CLASS.fullmatch(step)
            if step == "*":
                steps.append(frozenset[str]())
            elif named:
                words = _class(classes, named.group(1))
                steps.append(frozenset(w.lower() for e in words for w in e.split("/")))
            else:
                steps.append(frozenset(step.lower().split("/")))
        if steps:
            cues.append(tuple(steps))
    return cues


def _class(classes: Mapping[str, Sequence[str]], name: str) -> Sequence[str]:
    if name not in classes:
        raise TemplateError(f"unknown word list {{{name}}} in a cue")
    return classes[name]


def _accepts(step: frozenset[str], token: Token) -> bool:
    return token.lemma in step or token.word in step


def match_cue(cue: Cue, words: list[Token], first: int) -> int | None:
    """The index after the last word of `cue` matched from `words[first]`, or None."""
    if not _accepts(cue[0], words[first]):
        return None

    def rest(step: int, index: int) -> int | None:
        if step == len(cue):
            return index
        if not cue[step]:  # a gap: up to _GAP words, then the next step
            for skip in range(_GAP + 1):
                at = index + skip
                if step + 1 < len(cue) and at < len(words) and _accepts(cue[step + 1], words[at]):
                    found = rest(step + 2, at + 1)
                    if found is not None:
                        return found
            return None
        if index < len(words) and _accepts(cue[step], words[index]):
            return rest(step + 1, index + 1)
        return None

    return rest(1, first + 1)


@dataclass(frozen=True)
class FrameMatch:
    start: int
    end: int
    spec: FrameSpec


class CompiledFrame:
    def __init__(self, spec: FrameSpec, expander: Expander) -> None:
        def optional(template: str | None) -> re.Pattern[str] | None:
            return re.compile(expander.expand(template), REGEX_FLAGS) if template else None

        self.spec = spec
        self.cues = parse_cues(spec.cue, expander.lexicon)
        self.by_first: dict[str, list[Cue]] = {}  # the cues that may start at a word
        for cue in self.cues:
            for word in cue[0]:
                self.by_first.setdefault(word, []).append(cue)
        self.who = optional(who_template(spec.who) if spec.who else None)
        self.requires = optional(spec.requires)
        self.unless = optional(spec.unless)

    def find(
        self,
        text: str,
        words: list[Token],
        bounds: Callable[[int, int], tuple[int, int]],
        sentence: tuple[int, int],
        shared: dict[object, list[tuple[int, int]]],
    ) -> Iterator[FrameMatch]:
        """Every match of this frame among `words`, the tokens of one sentence of `text`
        (`shared` keeps the party mentions found in the sentence for the next frame)."""
        by_first = self.by_first
        targets: list[tuple[int, int]] | None = None
        for index, word in enumerate(words):
            cues = by_first.get(word.lemma, [])
            if word.word != word.lemma:
                cues = cues + by_first.get(word.word, [])
            for cue in cues:
                after = match_cue(cue, words, index)
                if after is None:
                    continue
                if targets is None:
                    key = self.who.pattern if self.who else None
                    if key not in shared:
                        shared[key] = self._targets(text, sentence, [w.start for w in words])
                    targets = shared[key]
                span = self._with_target(words, index, after, targets)
                if span is None:
                    continue
                first, last = bounds(span[0], span[1])
                context = text[first:last]
                if self.requires and not self.requires.search(context):
                    continue
                if self.unless and self.unless.search(context):
                    continue
                yield FrameMatch(span[0], span[1], self.spec)
                break

    def _targets(
        self, text: str, sentence: tuple[int, int], starts: list[int]
    ) -> list[tuple[int, int]]:
        """(first word, last word) of each mention of who the sentence is about."""
        if self.who is None:
            return []
        found = []
        lo, hi = sentence
        for match in self.who.finditer(text, max(0, lo - 1), hi):
            if match.start() == match.end():
                continue
            first = bisect.bisect_right(starts, match.start()) - 1
            last = bisect.bisect_left(starts, match.end()) - 1
            if first >= 0 and last >= first:
                found.append((max(first, 0), last))
        return found

    def _with_target(
        self, words: list[Token], first: int, after: int, targets: list[tuple[int, int]]
    ) -> tuple[int, int] | None:
        """The underlined span: the cue with the target it is about (None: no such target)."""
        cue_start, cue_end = words[first].start, words[after - 1].end
        if self.who is None:
            return cue_start, cue_end
        spec = self.spec
        # Mentions come in text order: look only at those that can be near enough the cue.
        low = bisect.bisect_left(targets, (first - spec.before - 1, -1))
        high = bisect.bisect_right(targets, (after + spec.after, len(words)))
        for t_first, t_last in targets[max(0, low - 1) : high]:
            if spec.direct and not _direct(words, t_first, t_last, t_last < first):
                continue
            # The object inside the cue's gap: "put Dana on a PIP", "not a single Payments
            # engineer has bothered".
            if first < t_first and t_last < after - 1:
                return cue_start, cue_end
            if t_last < first and first - t_last - 1 <= spec.before - 1:
                between = words[t_last + 1 : after]  # the words up to the cue's end
                if spec.passive and not any(w.lemma in _PASSIVE for w in between):
                    continue  # "Bob fired the build" is not "Bob should be fired"
                return words[t_first].start, cue_end
            if t_first >= after and t_first - after <= spec.after - 1:
                return cue_start, words[t_last].end
        return None


def _direct(words: list[Token], t_first: int, t_last: int, subject: bool) -> bool:
    """The mention is a party itself (not "for our customers", not "the vendor's SDK"; as the
    subject, not "their error rate was unacceptable")."""
    if t_first > 0 and words[t_first - 1].lemma in _GOVERNED:
        return False
    if subject and t_first == t_last and words[t_first].word in _DETERMINERS:
        return False  # "their error rate": the party owns the subject, it is not the subject
    return not (words[t_last].word.endswith("'s") or words[t_last].word.endswith("s'"))
