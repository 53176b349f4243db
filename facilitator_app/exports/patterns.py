"""Patterns that recur across stored reviews, for the quarterly cross-team report (DESIGN.md §1).

Pure functions over a list of sessions: which contributing-factor themes come back and who
owns them, how often the interaction between teams is a factor, how action items fare (joint
ones above all), and whether one team keeps dominating the conversation. Themes are found
without a language model: words and two-word phrases of the factor texts, lightly normalised,
that appear in at least two different reviews.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from facilitator_app.exports.formatting import OPEN_STATES, is_overdue
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    FactorOwner,
    Lane,
    Session,
)
from facilitator_app.speaking_totals import speaking_totals
from facilitator_app.timeutil import to_utc

INTERACTION = "The interaction between the teams"
DOMINANT_SHARE = 0.65  # one team with more than this share of the two teams' time dominated

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+[^\W_]*", re.UNICODE)
_STOPWORD_TEXT = """
a about above after again against all already also am an and any are as at be because been
before being below between both but by can could did do does doing down during each either
every few for from further had has have having he her here hers him his how i if in into is it
its itself just least less like made make many may me more most much must my no nor not now of
off on once one only or other our ours out over own per same several she should since so some
such than that the their theirs them then there these they this those through to too under
until up upon us very via was we were what when where which while who whom why will with
within without would yet you your yours its it's isn't wasn't didn't don't doesn't
team teams side sides
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def session_day(session: Session) -> date | None:
    """The day a review is filed under: the incident's start, else the review's start."""
    moment = session.incident_start or session.scheduled_start
    return None if moment is None else to_utc(moment).date()


def in_period(sessions: Iterable[Session], since: date, until: date) -> tuple[list[Session], int]:
    """Sessions whose day falls in [since, until], oldest first, and how many had no day."""
    chosen: list[tuple[date, Session]] = []
    undated = 0
    for session in sessions:
        day = session_day(session)
        if day is None:
            undated += 1
        elif since <= day <= until:
            chosen.append((day, session))
    chosen.sort(key=lambda pair: pair[0])
    return [s for _, s in chosen], undated


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> set[str]:
    """Normalised words and adjacent two-word phrases of a factor's text, stopwords left out."""
    words = [w.casefold() for w in _WORD.findall(text.replace("-", " "))]
    kept = [(_stem(w) if w not in STOPWORDS and len(w) > 2 else None) for w in words]
    found = {w for w in kept if w}
    for first, second in itertools.pairwise(kept):
        if first and second:
            found.add(f"{first} {second}")
    return found


def owner_name(session: Session, owner: FactorOwner) -> str:
    if owner is FactorOwner.INTERACTION:
        return INTERACTION
    return session.team(Lane(owner.value)).name


@dataclass
class Theme:
    term: str
    sessions: list[Session] = field(default_factory=list)
    factors: list[str] = field(default_factory=list)
    votes: int = 0
    owners: Counter[str] = field(default_factory=Counter)


def recurring_themes(
    sessions: Sequence[Session], *, min_sessions: int = 2, limit: int = 12
) -> list[Theme]:
    """Terms found in factors of at least `min_sessions` reviews, most widespread first."""
    themes: dict[str, Theme] = {}
    for session in sessions:
        for factor in session.factors:
            for term in terms(factor.text):
                theme = themes.setdefault(term, Theme(term))
                if not theme.sessions or theme.sessions[-1] is not session:
                    theme.sessions.append(session)
                theme.factors.append(factor.text)
                theme.votes += factor.votes
                theme.owners[owner_name(session, factor.owner)] += 1
    recurring = [t for t in themes.values() if len(t.sessions) >= min_sessions]
    # A word inside a recurring phrase found in the same reviews adds nothing: keep the phrase.
    phrases = [t for t in recurring if " " in t.term]
    kept = []
    for theme in recurring:
        ids = {id(s) for s in theme.sessions}
        if " " not in theme.term and any(
            theme.term in p.term.split() and {id(s) for s in p.sessions} == ids for p in phrases
        ):
            continue
        kept.append(theme)
    kept.sort(key=lambda t: (-len(t.sessions), -t.votes, -len(t.factors), t.term))
    return kept[:limit]


@dataclass
class OwnerLoad:
    name: str
    reviews: int = 0
    factors: int = 0
    votes: int = 0


def factor_owners(sessions: Sequence[Session]) -> list[OwnerLoad]:
    """Per team (matched by name across reviews) and for the interaction: factors and votes."""
    loads: dict[str, OwnerLoad] = {}
    display: dict[str, str] = {}
    for session in sessions:
        seen: set[str] = set()
        for factor in session.factors:
            name = owner_name(session, factor.owner)
            key = name.casefold()
            display.setdefault(key, name)
            load = loads.setdefault(key, OwnerLoad(display[key]))
            load.factors += 1
            load.votes += factor.votes
            if key not in seen:
                load.reviews += 1
                seen.add(key)
    return sorted(loads.values(), key=lambda o: (-o.factors, -o.votes, o.name))


@dataclass
class InteractionRow:
    session: Session
    factors: int
    interaction: int
    vote_share: float | None
    top_voted: bool


def interaction_as_factor(sessions: Sequence[Session]) -> list[InteractionRow]:
    rows = []
    for session in sessions:
        mine = [f for f in session.factors if f.owner is FactorOwner.INTERACTION]
        votes = sum(f.votes for f in session.factors)
        top = max(session.factors, key=lambda f: f.votes, default=None)
        rows.append(
            InteractionRow(
                session,
                len(session.factors),
                len(mine),
                None if votes == 0 else sum(f.votes for f in mine) / votes,
                top is not None and top.votes > 0 and top.owner is FactorOwner.INTERACTION,
            )
        )
    return rows


@dataclass
class Completion:
    kind: ActionKind
    total: int = 0
    done: int = 0
    dropped: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def rate(self) -> float | None:
        """Done out of the items still meant to be done (dropped ones left out)."""
        meant = self.total - self.dropped
        return None if meant <= 0 else self.done / meant


def completion(sessions: Sequence[Session], today: date) -> list[Completion]:
    by_kind = {kind: Completion(kind) for kind in ActionKind}
    for session in sessions:
        for item in session.actions:
            row = by_kind[item.kind]
            row.total += 1
            row.done += item.status is ActionStatus.DONE
            row.dropped += item.status is ActionStatus.DROPPED
            row.open += item.status in OPEN_STATES
            row.overdue += is_overdue(item, today)
    return list(by_kind.values())


def overdue_joint_items(
    sessions: Sequence[Session], today: date
) -> list[tuple[Session, ActionItem]]:
    """Joint items past their due date and still open, most overdue first."""
    found = [
        (s, a)
        for s in sessions
        for a in s.actions
        if a.kind is ActionKind.JOINT and is_overdue(a, today)
    ]
    return sorted(found, key=lambda pair: pair[1].due or today)


def joint_items_without_lead(sessions: Sequence[Session]) -> list[tuple[Session, ActionItem]]:
    return [
        (s, a)
        for s in sessions
        for a in s.actions
        if a.kind is ActionKind.JOINT and not a.lead and a.status in OPEN_STATES
    ]


@dataclass
class BalanceRow:
    session: Session
    share_a: float | None  # team A's share of the two teams' time
    team_seconds: float

    @property
    def dominant(self) -> str | None:
        if self.share_a is None:
            return None
        if self.share_a > DOMINANT_SHARE:
            return self.session.teams[0].name
        if 1 - self.share_a > DOMINANT_SHARE:
            return self.session.teams[1].name
        return None


def speaking_balance(sessions: Sequence[Session]) -> list[BalanceRow]:
    rows = []
    for session in sessions:
        totals = speaking_totals(session.speaking)
        rows.append(BalanceRow(session, totals.share(Lane.A), totals.team_a + totals.team_b))
    return rows


def average_share_by_team(rows: Sequence[BalanceRow]) -> dict[str, tuple[float, int]]:
    """Each team's (by name) average share of its reviews' team time, and in how many reviews."""
    shares: dict[str, list[float]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in rows:
        if row.share_a is None:
            continue
        for team, share in zip(row.session.teams, (row.share_a, 1 - row.share_a), strict=True):
            key = team.name.casefold()
            names.setdefault(key, team.name)
            shares[key].append(share)
    return {names[k]: (sum(v) / len(v), len(v)) for k, v in shares.items()}
