"""A verifiable outcome: a concrete deliverable or a measurable threshold, said somewhere.

The description is read clause by clause. Its main clause decides what it needs:
- "look into / investigate / consider ..." commits to nothing: it needs a number, a concrete test
  of done, or a later clause that commits ("... and set the timeout to 3 s");
- "improve / ensure / reduce / review ..." promises betterment: the same, or a committed clause
  after "by / so that / with" ("improve X by creating a shared channel #x");
- "update / fix / tune ..." must say what changes (a ticket, a number, "with the new step");
- any other verb, or a bare noun phrase, passes when it names a deliverable (runbook, alert,
  dashboard ...), an identifier (ticket, #channel, file, path, version) or a threshold, and is
  not hedged ("more monitoring", "better alerting", "regular sync").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from facilitator_app.actions.check.dates import strip_dates
from facilitator_app.actions.check.patterns import patterns

_UNITS = (
    r"%|percent|ms|msecs?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?|"
    r"months?|years?|rps|qps|rpm|tps|req(?:uest)?s?(?:/s|/min)?|requests?|calls?|messages?|"
    r"msgs?|events?|errors?|pages?|alerts?|retries|attempts?|times|x|k|gb|mb|kb|tb|gib|mib|"
    r"connections?|users?|instances?|replicas?|nodes?|pods?|hosts?|servers?|rows?|bytes?"
)
_THRESHOLDS = [
    # a number with a unit; "429s" and "5xx" are HTTP status codes, not durations
    rf"(?<![\w.])(?![1-5]\d\ds\b)\d+(?:[.,]\d+)?[\s-]*(?:{_UNITS})(?![\w])",
    r"(?:\b(?:under|below|above|over|less than|fewer than|more than|at least|at most|"
    r"no more than|no less than|within|up to|exceeds?|exceeding|greater than|lower than|"
    r"higher than|to|at|from|of|by)\s+|[<>≤≥]=?\s*)\d",
    r"\b(?:hourly|daily|nightly|weekly|fortnightly|bi-?weekly|bi-?monthly|monthly|quarterly|"
    r"yearly|annually|twice a \w+|once a \w+|every\s+(?:\d+\s+)?(?:other\s+)?\w+|"
    r"each\s+(?:deploy\w*|release|change|incident|sprint|week|month|quarter|build|pr|merge|"
    r"commit|day)|on the (?:first|second|third|fourth|last) \w+)\b",
    r"\bv\d+(?:\.\d+)*\b|(?<![\w.])\d+\.\d+(?:\.\d+)+\b|\bversion\s+\d",
    r"\b(?:zero|no)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:for|in|over|within)\s+\d",
    r"\b(?:all|100%|every one) of\b",
]
THRESHOLD = re.compile("|".join(_THRESHOLDS), re.IGNORECASE)
_IDENTIFIERS_CASED = re.compile(r"\b[A-Z][A-Z0-9]+-\d+\b")  # tickets: PAY-1432
IDENTIFIER = re.compile(
    r"(?<![\w&])#[A-Za-z][\w-]+|https?://\S+|`[^`]+`|\"[^\"]{2,}\"|"
    r"\b[\w.-]+\.(?:ya?ml|json|toml|md|py|go|js|ts|tf|conf|cfg|ini|sh|sql|xml|csv|txt|rb|"
    r"java|kt|rs)\b|(?<![\w./])/[A-Za-z0-9_{}.-]+(?:/[A-Za-z0-9_{}.-]+)*|\b\w+_\w+\b",
    re.IGNORECASE,
)
CONNECTORS = re.compile(
    r"\s*(?:\b(?:by|through|via|so that|such that|so|in order to|and then|and|then|with|"
    r"to get|to have|to make|which|that will)\b|[:;]|\s[-–—]\s|,\s)\s*",
    re.IGNORECASE,
)
COMMITTING = re.compile(r"\s*(?:\b(?:and then|and|then)\b|[:;]|\s[-–—]\s)\s*", re.IGNORECASE)
_TAIL = re.compile(
    r"\b(?:with|to|so that|so|in|into|during|using|via|through|for|from|by|on|at|off|"
    r"across|behind|under)\b\s+(.+)$",
    re.IGNORECASE,
)
FILLER = re.compile(
    r"^(?:(?:(?:we|i|you|they|the team|both teams|each team|team \w+|\w+ team)\s+"
    r"(?:will|shall|should|must|need to|needs to|have to|has to|are going to|is going to|"
    r"to|can)\s+)|(?:need to|needs to|should|must|let'?s|please|to|action:|todo:?|ai:|"
    r"joint:|process:|team:)\s+)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z][a-z0-9'-]+")


def has_threshold(text: str) -> bool:
    return bool(THRESHOLD.search(strip_dates(text)))


def has_identifier(text: str) -> bool:
    return bool(_IDENTIFIERS_CASED.search(text) or IDENTIFIER.search(text))


def _content_words(text: str) -> list[str]:
    p = patterns()
    words = _WORD.findall(text.lower())
    return [
        w
        for w in words
        if w not in p.stopwords
        and w not in p.generic
        and w not in p.abstract
        and not p.hedges.fullmatch(w)
        and not p.recurring.fullmatch(w)
        and len(w) > 2
    ]


def _names_deliverable(text: str) -> bool:
    p = patterns()
    if p.deliverables.search(text):
        return True
    return bool(p.recurring.search(text) and THRESHOLD.search(text))


def _concrete_object(text: str, *, allow_words: bool) -> bool:
    p = patterns()
    if THRESHOLD.search(text) or has_identifier(text):
        return True
    if p.hedges.search(text):
        return False
    if _names_deliverable(text):
        return True
    return allow_words and len(_content_words(text)) >= 2


@dataclass(frozen=True)
class Clause:
    kind: str  # noncommittal, vague, weak, concrete, noun
    head: str  # the words that decided the kind
    text: str  # the clause without the leading filler


def classify(clause: str) -> Clause:
    p = patterns()
    text = FILLER.sub("", clause.strip()).strip(" ,.;:-")
    for kind, pattern in (
        ("noncommittal", p.noncommittal),
        ("vague", p.vague_verbs),
        ("weak", p.weak_verbs),
        ("concrete", p.concrete_verbs),
    ):
        match = pattern.match(text)
        if match:
            return Clause(kind, match.group(), text)
    return Clause("noun", "", text)


def clause_is_concrete(clause: str, *, acts_only: bool = False) -> bool:
    """A clause that commits to something checkable on its own (with `acts_only`, only one led
    by a verb counts: "be careful with certificate expiry" names a topic, not a deliverable)."""
    c = classify(clause)
    if c.kind in ("noncommittal", "vague") or not c.text:
        return False
    if acts_only and c.kind == "noun" and not (THRESHOLD.search(c.text) or has_identifier(c.text)):
        return False
    rest = c.text[len(c.head) :]
    if c.kind == "weak":
        if THRESHOLD.search(rest) or has_identifier(rest):
            return True
        tail = _TAIL.search(rest)
        return tail is not None and _concrete_object(tail.group(1), allow_words=True)
    return _concrete_object(rest, allow_words=c.kind == "concrete")


def _split(text: str, pattern: re.Pattern[str]) -> list[str]:
    return [part for part in pattern.split(text) if part and part.strip()]


def test_is_concrete(test: str) -> bool:
    """A test of done that names something observable, without hedging."""
    p = patterns()
    text = strip_dates(test).strip()
    if not text:
        return False
    if THRESHOLD.search(text) or has_identifier(text):
        return True
    if p.hedges.search(text) or p.noncommittal.search(text) or p.vague_verbs.match(text):
        return False
    return bool(p.observable.search(text) or p.deliverables.search(text))


def outcome_problem(description: str, test: str) -> str | None:
    """Why the item has no verifiable outcome, or None when it has one."""
    text = strip_dates(description)
    clauses = _split(text, CONNECTORS)
    if not clauses:
        return "no description"
    main = classify(clauses[0])
    if THRESHOLD.search(text) or test_is_concrete(test):
        return None
    if main.kind == "noncommittal":
        if any(clause_is_concrete(c, acts_only=True) for c in _split(text, COMMITTING)[1:]):
            return None
        return (
            f"vague: '{main.head}' commits to nothing checkable (add a concrete deliverable, "
            "a measurable threshold or a test of done)"
        )
    if main.kind == "vague":
        if any(clause_is_concrete(c, acts_only=True) for c in clauses[1:]):
            return None
        return (
            f"vague wording '{main.head}' without a concrete outcome (name a deliverable or "
            "a measurable threshold, or add a test of done)"
        )
    if any(clause_is_concrete(c) for c in clauses):
        return None
    hedge = patterns().hedges.search(main.text)
    if hedge:
        return (
            f"'{hedge.group()}' is not measurable (say how much, or what will exist, or add "
            "a test of done)"
        )
    if main.kind == "weak":
        return (
            f"'{main.head}' does not say what changes (add the change, a ticket or a number, "
            "or a test of done)"
        )
    return (
        "no verifiable outcome (name a concrete deliverable or a measurable threshold, or "
        "add a test of done)"
    )


_OBJECT_LEAD = re.compile(r"^(?:into|at|on|about|through|to|with|whether|if|how)\s+", re.IGNORECASE)


def second_opinion(description: str) -> str | None:
    """For an outcome led by "look into / investigate / consider / explore / review / discuss":
    what a checkable outcome looks like, with one rewrite from the item's own words."""
    p = patterns()
    clauses = _split(strip_dates(description), CONNECTORS)
    if not clauses:
        return None
    main = classify(clauses[0])
    if main.kind not in ("noncommittal", "vague"):
        return None
    head = main.head.lower()
    template = next((t for stem, t in p.rewrites if head.startswith(stem)), None)
    if template is None:
        return None
    rest = main.text[len(main.head) :].strip(" ,.;:")
    thing = _OBJECT_LEAD.sub("", rest).strip(" ,.;:") or "it"
    rewrite = template.replace("{object}", thing)
    return f"{p.second_opinion}, e.g. '{rewrite}'"
