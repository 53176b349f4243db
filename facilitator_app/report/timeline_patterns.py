"""Timeline patterns that recur for a pair of teams across their reviews.

Per team pair: the "locally correct, globally unexpected" moments, the divergence points, and
the moments where neither team was aware of the other (every observation recorded for the
event says "no"). Those are where two systems meet without their teams meeting; a pair that
keeps producing them needs a shared channel, not another fix in one system.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from facilitator_app.model import Awareness, Lane, Session, Tag, TimelineEvent
from facilitator_app.report.period import TeamPair, pair_of


@dataclass(frozen=True)
class Moment:
    session: Session
    event: TimelineEvent

    @property
    def team(self) -> str:
        return self.session.team(self.event.lane).name


@dataclass
class PairPatterns:
    pair: TeamPair
    sessions: list[Session] = field(default_factory=list)
    locally_correct: list[Moment] = field(default_factory=list)
    divergence: list[Moment] = field(default_factory=list)
    unaware: list[Moment] = field(default_factory=list)

    @property
    def reviews_with_unaware(self) -> int:
        return len({id(m.session) for m in self.unaware})


def neither_aware(event: TimelineEvent) -> bool:
    """Both teams' observations of the moment say they did not know the other was involved."""
    return all(event.observation(lane).aware_of_other is Awareness.NO for lane in Lane)


def pair_patterns(sessions: Sequence[Session]) -> list[PairPatterns]:
    """One entry per team pair in the period, the pair with the most reviews first."""
    pairs: dict[frozenset[str], PairPatterns] = {}
    for session in sessions:
        pair = pair_of(session)
        entry = pairs.setdefault(pair.key(), PairPatterns(pair))
        entry.sessions.append(session)
        for event in session.sorted_events():
            if Tag.LOCALLY_CORRECT.value in event.tags:
                entry.locally_correct.append(Moment(session, event))
            if Tag.DIVERGENCE.value in event.tags:
                entry.divergence.append(Moment(session, event))
            if neither_aware(event):
                entry.unaware.append(Moment(session, event))
    return sorted(pairs.values(), key=lambda p: (-len(p.sessions), p.pair.label.casefold()))
