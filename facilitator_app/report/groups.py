"""Recurring contributing factors, grouped by what they say rather than by their exact words.

Two reviews rarely word the same factor the same way ("retry storm", "retries multiplied
load"). Each factor becomes a set of *terms*:

1. its words, lower-cased, without stopwords, with a light suffix stemmer ("retried" -> "retry");
2. a thesaurus of incident vocabulary (`resources/report_vocabulary.toml`) maps words that mean
   the same to one term ("storm", "multiplied", "stampede" -> "amplification");
3. what is left is matched across the whole period with rapidfuzz's normalised Indel similarity
   (a typo, or a form the stemmer missed, such as "timout" and "timeout", becomes one term).

Two factors are linked when their term sets overlap enough (the overlap coefficient
|A ∩ B| / min(|A|, |B|), at least `threshold`); linked factors form a group (the connected
components). A group recurs when it spans two reviews or more. The report shows every
member with its review and the terms that linked it, so a person can check the grouping.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from facilitator_app.model import ContributingFactor, FactorOwner, Session
from facilitator_app.paths import read_resource_text
from facilitator_app.report.patterns import STOPWORDS

VOCABULARY = "report_vocabulary.toml"
DEFAULT_THRESHOLD = 0.5
FUZZY_CUTOFF = 88.0  # rapidfuzz ratio (0-100) at which two terms are one
FUZZY_MIN_LENGTH = 5  # shorter words are too easily confused ("load", "log")
# Words that every factor of a two-team incident could contain: they link nothing.
GENERIC = frozenset(
    [
        "incident",
        "incidents",
        "service",
        "services",
        "system",
        "systems",
        "caused",
        "cause",
        "causing",
        "two",
        "teams",
        "team",
        "each",
        "own",
        "other",
        "without",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _thesaurus() -> dict[str, str]:
    data = tomllib.loads(read_resource_text(VOCABULARY))
    return {word: term for term, words in data["synonyms"].items() for word in words}


def stem(word: str) -> str:
    """A light English suffix stripper: enough to meet "retries", "retried" and "retry"."""
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    for suffix, shortest in (("ing", 7), ("ed", 6)):
        if len(word) >= shortest and word.endswith(suffix) and not word.endswith("eed"):
            base = word[: -len(suffix)]
            # "flipped" -> "flip", not "flipp"
            doubled = len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz"  # Porter
            return base[:-1] if doubled else base
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def surface_terms(text: str) -> dict[str, str]:
    """A factor's terms before the fuzzy pass (stopwords out, stemmed, thesaurus applied), each
    with a word of the text it came from."""
    thesaurus = _thesaurus()
    found: dict[str, str] = {}
    for word in _WORD.findall(text.casefold()):
        if word in STOPWORDS or word in GENERIC or len(word) < 3:
            continue
        term = thesaurus.get(word) or thesaurus.get(stem(word)) or stem(word)
        found.setdefault(term, word)
    return found


def raw_terms(text: str) -> set[str]:
    return set(surface_terms(text))


def _display_names(texts: Iterable[str], mapping: dict[str, str]) -> dict[str, str]:
    """How a term reads in the report: a thesaurus term as itself, a stem ("coordinat") as the
    shortest word of the factors that it came from ("coordinated")."""
    named = set(_thesaurus().values())
    words: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for term, word in surface_terms(text).items():
            words[mapping.get(term, term)].add(word)
    return {
        term: term if term in named else min(found, key=lambda w: (len(w), w))
        for term, found in words.items()
    }


def fuzzy_merge(terms: set[str]) -> dict[str, str]:
    """Each term -> its representative: terms within FUZZY_CUTOFF of each other become one.

    Longer, alphabetically first terms represent; rapidfuzz's `cdist` scores every pair at once.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    candidates = sorted(
        (t for t in terms if len(t) >= FUZZY_MIN_LENGTH), key=lambda t: (-len(t), t)
    )
    mapping = {t: t for t in terms}
    if len(candidates) < 2:
        return mapping
    scores = cdist(candidates, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    for i, term in enumerate(candidates):
        for j in range(i):
            if scores[i][j] and mapping[candidates[j]] == candidates[j]:
                mapping[term] = candidates[j]
                break
    return mapping


@dataclass(frozen=True)
class Member:
    session: Session
    factor: ContributingFactor
    terms: frozenset[str]
    linked_by: tuple[str, ...]  # the terms it shares with the rest of its group


@dataclass
class FactorGroup:
    label: str  # the terms most members share
    members: list[Member] = field(default_factory=list)

    @property
    def sessions(self) -> list[Session]:
        seen: dict[int, Session] = {}
        for m in self.members:
            seen.setdefault(id(m.session), m.session)
        return list(seen.values())

    @property
    def votes(self) -> int:
        return sum(m.factor.votes for m in self.members)

    def owners(self) -> Counter[str]:
        from facilitator_app.report.patterns import owner_name

        return Counter(owner_name(m.session, m.factor.owner) for m in self.members)

    def owner_kinds(self) -> Counter[FactorOwner]:
        return Counter(m.factor.owner for m in self.members)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def group_factors(
    sessions: Sequence[Session], *, threshold: float = DEFAULT_THRESHOLD, min_reviews: int = 2
) -> list[FactorGroup]:
    """Groups of factors that recur across at least `min_reviews` reviews, largest first."""
    entries = [(s, f, raw_terms(f.text)) for s in sessions for f in s.factors]
    mapping = fuzzy_merge(set().union(*(t for _, _, t in entries)) if entries else set())
    terms = [frozenset(mapping[t] for t in raw) for _, _, raw in entries]
    shown = _display_names((f.text for _, f, _ in entries), mapping)
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Factors with the same terms are one wording: join them, then compare distinct term sets,
    # and only those sharing a term (each term's postings), skipping pairs already joined.
    wordings: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, ts in enumerate(terms):
        wordings[ts].append(i)
    distinct = list(wordings)
    for members in wordings.values():
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    postings: dict[str, list[int]] = defaultdict(list)
    for k, ts in enumerate(distinct):
        for t in ts:
            postings[t].append(k)
    for ks in postings.values():
        for a, b in itertools.combinations(ks, 2):
            i, j = wordings[distinct[a]][0], wordings[distinct[b]][0]
            if root(i) != root(j) and overlap(distinct[a], distinct[b]) >= threshold:
                parent[root(i)] = root(j)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        components[root(i)].append(i)
    groups = []
    for indices in components.values():
        if len({id(entries[i][0]) for i in indices}) < min_reviews:
            continue
        counts = Counter(t for i in indices for t in terms[i])
        shared = {t for t, n in counts.items() if n > 1}
        label = _label(entries[i][1].text for i in indices) or _label_of(counts)
        group = FactorGroup(", ".join(shown.get(t, t) for t in label))
        for i in sorted(indices, key=lambda i: _day_key(entries[i][0])):
            session, factor, _ = entries[i]
            linked = tuple(sorted(shown.get(t, t) for t in terms[i] & shared))
            group.members.append(Member(session, factor, terms[i], linked))
        groups.append(group)
    groups.sort(key=lambda g: (-len(g.sessions), -g.votes, g.label))
    return groups


def _label_of(counts: Counter[str]) -> list[str]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [t for t, _ in ranked[:3]]


def _label(texts: Iterable[str]) -> list[str]:
    """The terms shared by the most *different wordings* of the group (a factor repeated word
    for word would otherwise name the group after its incidental words)."""
    wordings = {text.casefold(): text for text in texts}
    if len(wordings) < 2:
        return []
    mapping = fuzzy_merge(set().union(*(raw_terms(t) for t in wordings.values())))
    counts = Counter(t for text in wordings.values() for t in {mapping[r] for r in raw_terms(text)})
    top = max(counts.values())
    ranked = sorted(
        (kv for kv in counts.items() if kv[1] >= max(2, top - 1)), key=lambda kv: (-kv[1], kv[0])
    )
    return [t for t, _ in ranked[:3]]


def _day_key(session: Session) -> str:
    moment = session.incident_start or session.scheduled_start
    return "" if moment is None else moment.isoformat()
