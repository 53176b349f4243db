"""The reviews a report covers: the local database's and an archive folder's, each once.

A review is known by its UUID wherever it is stored. The same review can be in the local
database and in the archive (published from here, or from a colleague's laptop, then edited
again); the revision changed last wins, and the local copy wins a tie. Reviews without an
incident or review date cannot be placed in a period: they are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from facilitator_app.model import Session
from facilitator_app.report.patterns import session_day
from facilitator_app.report.period import Period, TeamPair
from facilitator_app.store import SessionStore

_OLDEST = datetime.min.replace(tzinfo=UTC)


def load_local(store: SessionStore) -> list[Session]:
    return store.load_all_sessions()


def latest_revisions(*sources: Iterable[Session]) -> list[Session]:
    """Each UUID once: the newest `revised_at`; on a tie, the copy from the earlier source."""
    chosen: dict[str, Session] = {}
    for source in sources:
        for session in source:
            held = chosen.get(session.uuid)
            if held is None or (session.revised_at or _OLDEST) > (held.revised_at or _OLDEST):
                chosen[session.uuid] = session
    return list(chosen.values())


@dataclass
class Selection:
    period: Period
    pair: TeamPair | None
    sessions: list[Session]  # in the period (and of the pair), oldest first
    earlier: list[Session]  # before the period (for items still open from last quarter)
    undated: int = 0
    problems: list[str] = field(default_factory=list)  # archive files skipped, one line each


def select(
    sessions: Sequence[Session],
    period: Period,
    pair: TeamPair | None = None,
    *,
    problems: Sequence[str] = (),
) -> Selection:
    chosen, earlier = [], []
    undated = 0
    previous = period.previous()
    for session in sessions:
        if pair is not None and not pair.matches(session):
            continue
        day = session_day(session)
        if day is None:
            undated += 1
        elif period.contains(day):
            chosen.append((day, session))
        elif previous.contains(day):
            earlier.append((day, session))
    chosen.sort(key=lambda p: (p[0], p[1].title))
    earlier.sort(key=lambda p: (p[0], p[1].title))
    return Selection(
        period,
        pair,
        [s for _, s in chosen],
        [s for _, s in earlier],
        undated,
        list(problems),
    )
