"""How the report names a review: every finding says which reviews it came from."""

from __future__ import annotations

from collections.abc import Sequence

from facilitator_app.model import Session
from facilitator_app.report.patterns import session_day


def day_text(session: Session) -> str:
    day = session_day(session)
    return day.isoformat() if day else "–"


def review_ref(session: Session) -> str:
    """A review as its title and day."""
    return f"{session.title} ({day_text(session)})"


def review_refs(sessions: Sequence[Session], limit: int = 6) -> str:
    refs = [review_ref(s) for s in sessions[:limit]]
    if len(sessions) > limit:
        refs.append(f"and {len(sessions) - limit} more")
    return "; ".join(refs)
