"""Which phase the meeting is in, derived from the phases' stored start and end times."""

from __future__ import annotations

from facilitator_app.model import Phase, Session


def current_phase(session: Session) -> Phase | None:
    """The started, unfinished phase; else the first unfinished one; else the last."""
    if not session.phases:
        return None
    for phase in session.phases:
        if phase.started_at is not None and phase.ended_at is None:
            return phase
    for phase in session.phases:
        if phase.ended_at is None:
            return phase
    return session.phases[-1]
