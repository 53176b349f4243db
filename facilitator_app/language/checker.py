"""The blame-language checker: given text, the phrases that blame, each with a reframe.

Patterns come from the language guide (data). Each finding names its span (character offsets in
the text as given, end exclusive), its category (the id of a guide rule), the flagged text and a
suggested reframe. Technical terms ("fault injection", "error budget", "root user") are
exceptions: no finding overlaps one. Overlapping findings of one category are merged into the
first, longest one; different categories may overlap ("Bob" and "should have checked").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facilitator_app.language.finding import Finding
from facilitator_app.language.guide import (
    REGEX_FLAGS,
    LanguageGuide,
    PatternSpec,
    current_guide,
)
from facilitator_app.language.prefilter import Runs, folded, required_runs, runs_in
from facilitator_app.language.templates import Expander
from facilitator_app.language.text_spans import SENTENCE_END, plain_text, trim

if TYPE_CHECKING:
    from facilitator_app.language.frames import CompiledFrame, Token
    from facilitator_app.language.reading import Evidence
    from facilitator_app.language.second_reader import SecondReader

# A pattern's context checks look at most this far either side of a match, so a text without a
# sentence end ("they should have known they should have known ...") costs linear time.
CONTEXT_CHARS = 400
# The most text one check reads (characters): beyond it, callers split the text or refuse it.
MAX_TEXT_CHARS = 256 * 1024


@dataclass(frozen=True)
class _Compiled:
    spec: PatternSpec
    regex: re.Pattern[str]
    unless_before: re.Pattern[str] | None
    unless_after: re.Pattern[str] | None
    requires: re.Pattern[str] | None
    suggestion: str
    runs: Runs  # one of these is in every match (`prefilter`)


class _Sentences:
    """Sentence boundaries of one text, for the context checks of a pattern."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in SENTENCE_END.finditer(text)]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.ends, start)
        first = self.ends[index - 1] if index else 0
        after = bisect.bisect_left(self.ends, end)
        last = self.ends[after] if after < len(self.ends) else len(self.text)
        return max(first, start - CONTEXT_CHARS), min(last, end + CONTEXT_CHARS)

    def paragraph(self, start: int, end: int) -> tuple[int, int]:
        """The line around a span (at most CONTEXT_CHARS either side): a frame's context, since
        a sarcastic "Nice one, Marco." is told by the next sentence."""
        first = self.text.rfind("\n", max(0, start - CONTEXT_CHARS), start) + 1
        last = self.text.find("\n", end, end + CONTEXT_CHARS)
        last = len(self.text) if last < 0 else last
        return max(first, start - CONTEXT_CHARS), min(last, end + CONTEXT_CHARS)


class BlameChecker:
    def __init__(
        self,
        guide: LanguageGuide,
        extra_lexicon: Mapping[str, Iterable[str]] | None = None,
        reader: SecondReader | bool | None = True,
    ) -> None:
        """`reader`: the second reader for the six families (True: the shipped one; None or
        False: the rules alone)."""
        lexicon = {name: tuple(entries) for name, entries in guide.lexicon.items()}
        for name, entries in (extra_lexicon or {}).items():
            lexicon[name] = lexicon.get(name, ()) + tuple(entries)
        self.guide = guide
        self._expander = Expander(lexicon)
        self._patterns = [self._compile(spec) for spec in guide.patterns]
        self._runs = frozenset(run for p in self._patterns for run in p.runs or ())
        self._frames = self._compile_frames()
        exceptions = [self._expander.expand(e.regex) for e in guide.exceptions]
        self._exceptions = re.compile("|".join(exceptions), REGEX_FLAGS) if exceptions else None
        self._reader = self._second_reader(reader)
        self._gatherer: Evidence | None = None

    def _second_reader(self, reader: SecondReader | bool | None) -> SecondReader | None:
        if reader is True:
            from facilitator_app.language.second_reader import shipped_reader

            return shipped_reader()
        return reader or None

    @classmethod
    def for_teams(cls, guide: LanguageGuide, team_names: Iterable[str]) -> BlameChecker:
        """A checker that also knows the session's two team names ("Edge Platform broke it")."""
        names = [re.escape(n.strip()) for n in team_names if n.strip()]
        return cls(guide, {"team_name": names})

    def _compile_frames(self) -> list[CompiledFrame]:
        if not self.guide.frames:
            return []
        from facilitator_app.language.frames import CompiledFrame

        return [CompiledFrame(spec, self._expander) for spec in self.guide.frames]

    def _compile(self, spec: PatternSpec) -> _Compiled:
        def optional(template: str | None) -> re.Pattern[str] | None:
            return re.compile(self._expander.expand(template), REGEX_FLAGS) if template else None

        rule = self.guide.rule(spec.category)
        default = rule.instead if rule else ""
        regex = re.compile(self._expander.expand(spec.regex), REGEX_FLAGS)
        return _Compiled(
            spec=spec,
            regex=regex,
            runs=required_runs(regex),
            unless_before=optional(spec.unless_before),
            unless_after=optional(spec.unless_after),
            requires=optional(spec.requires),
            suggestion=spec.suggestion or default,
        )

    def check(self, text: str) -> list[Finding]:
        """Every blameful phrase in `text`, in reading order."""
        if not text.strip():
            return []
        plain = plain_text(text)
        sentences = _Sentences(plain)
        protected = _Spans(self._exceptions.finditer(plain) if self._exceptions else ())
        found: list[Finding] = []
        present = runs_in(self._runs, folded(plain))
        for pattern in self._patterns:
            if pattern.runs is not None and pattern.runs.isdisjoint(present):
                continue  # it lacks every run of letters the pattern needs
            for match in pattern.regex.finditer(plain):
                finding = self._finding(pattern, match, text, sentences)
                if finding is not None and not protected.overlaps(finding.start, finding.end):
                    found.append(finding)
        # A frame speaks only where no pattern did: the same words are not flagged twice.
        flagged = _Spans.of(sorted((f.start, f.end) for f in found))
        words = _tokens(plain) if self._frames or self._reader else []
        found.extend(
            f
            for f in self._frame_findings(text, sentences, words)
            if not protected.overlaps(f.start, f.end) and not flagged.overlaps(f.start, f.end)
        )
        found = _merge_same_category(found)
        if self._reader is None:
            return found
        from facilitator_app.language.second_pass import read_again

        return read_again(self._reader, self._evidence(), self.guide, text, plain, found, words)

    def evidence(self, plain: str, start: int, end: int, found: Iterable[Finding]) -> set[str]:
        """What the second reader weighs in `plain[start:end]` (the findings are those in it)."""
        from facilitator_app.language.frames import tokens

        pairs = [(f.category, f.pattern_id) for f in found]
        return self._evidence().of(plain, start, end, tokens(plain, start, end), pairs)

    def _evidence(self) -> Evidence:
        if self._gatherer is None:
            from facilitator_app.language.reading import Evidence

            self._gatherer = Evidence(self._expander)
        return self._gatherer

    def _frame_findings(
        self, text: str, sentences: _Sentences, all_words: list[Token]
    ) -> list[Finding]:
        """Findings of the frames, sentence by sentence (a cue and its target share one)."""
        if not self._frames:
            return []
        plain = sentences.text
        found = []
        first = 0
        starts = [w.start for w in all_words]
        for last in [*sentences.ends, len(plain)]:
            if last <= first:
                continue
            words = all_words[bisect.bisect_left(starts, first) : bisect.bisect_left(starts, last)]
            shared: dict[object, list[tuple[int, int]]] = {}
            for frame in self._frames:
                for match in frame.find(plain, words, sentences.paragraph, (first, last), shared):
                    start, end = trim(plain, match.start, match.end)
                    rule = self.guide.rule(match.spec.category)
                    template = match.spec.suggestion or (rule.instead if rule else "")
                    flagged = text[start:end]
                    found.append(
                        Finding(
                            start,
                            end,
                            match.spec.category,
                            flagged,
                            template.replace("{text}", flagged),
                            match.spec.id,
                        )
                    )
            first = last
        return found

    def _finding(
        self, pattern: _Compiled, match: re.Match[str], text: str, sentences: _Sentences
    ) -> Finding | None:
        group = pattern.spec.span
        start, end = match.span(group) if group and match.start(group) >= 0 else match.span()
        start, end = trim(sentences.text, start, end)
        if start >= end:
            return None
        first, last = sentences.bounds(start, end)
        plain = sentences.text
        if pattern.unless_before and pattern.unless_before.search(plain[first:start].rstrip()):
            return None
        if pattern.unless_after and pattern.unless_after.match(plain[end:last]):
            return None
        if pattern.requires and not pattern.requires.search(plain[first:last]):
            return None
        flagged = text[start:end]
        suggestion = pattern.suggestion.replace("{text}", flagged)
        return Finding(start, end, pattern.spec.category, flagged, suggestion, pattern.spec.id)


def _tokens(plain: str) -> list[Token]:
    from facilitator_app.language.frames import tokens

    return tokens(plain)


class _Spans:
    """Protected spans (technical terms), in text order, for a logarithmic overlap test."""

    def __init__(self, matches: Iterable[re.Match[str]]) -> None:
        spans = [m.span() for m in matches]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> _Spans:
        """Spans that may overlap, in order of start: each end becomes the running maximum."""
        merged = cls(())
        for start, end in spans:
            merged.starts.append(start)
            merged.ends.append(max(end, merged.ends[-1]) if merged.ends else end)
        return merged

    def overlaps(self, start: int, end: int) -> bool:
        # Starts ascend, and so do ends (matches of one regex do not overlap; `of` keeps the
        # running maximum), so the first span ending after `start` is the one to look at.
        index = bisect.bisect_right(self.ends, start)
        return index < len(self.starts) and self.starts[index] < end


def _merge_same_category(findings: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    ordered = sorted(findings, key=lambda f: (f.category, f.start, -(f.end - f.start)))
    last_end: dict[str, int] = {}
    for finding in ordered:
        if finding.start < last_end.get(finding.category, -1):
            continue
        kept.append(finding)
        last_end[finding.category] = finding.end
    return sorted(kept, key=lambda f: (f.start, f.end, f.category))


_checker_cache: list[BlameChecker] = []


def current_checker() -> BlameChecker:
    """A checker for the current guide (the user's override included), built once per guide."""
    guide = current_guide()
    if not _checker_cache or _checker_cache[0].guide is not guide:
        _checker_cache[:] = [BlameChecker(guide)]
    return _checker_cache[0]


def check_text(text: str) -> list[Finding]:
    return current_checker().check(text)
