"""Small shared facts about a review for the report: its day, its factor owners' names, and
the words that carry no meaning in a contributing factor (for the grouping)."""

from __future__ import annotations

from datetime import date

from facilitator_app.model import FactorOwner, Lane, Session
from facilitator_app.timeutil import to_utc

INTERACTION = "The interaction between the teams"

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


def owner_name(session: Session, owner: FactorOwner) -> str:
    if owner is FactorOwner.INTERACTION:
        return INTERACTION
    return session.team(Lane(owner.value)).name
