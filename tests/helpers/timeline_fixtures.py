"""A small two-team incident of our own for timeline tests (the demo session changes elsewhere)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from facilitator_app.engine import SystemClock
from facilitator_app.model import (
    Awareness,
    EventLink,
    Lane,
    Observation,
    Session,
    Tag,
    TimelineEvent,
    two_teams,
)
from facilitator_app.session_open import open_workspace as open_with_engine
from facilitator_app.workspace import Workspace
from storage import SqliteStore

CET = timezone(timedelta(hours=1))
EST = timezone(timedelta(hours=-5))
T0 = datetime(2026, 11, 10, 14, 0, tzinfo=CET)

# (minutes after T0, lane, actor, description, tags)
EVENTS: list[tuple[float, Lane, str, str, list[str]]] = [
    (2, Lane.B, "on-call", "Rate limit config v2 deployed to the edge", [Tag.LOCALLY_CORRECT]),
    (3, Lane.B, "on-call", "Deploy dashboards green", []),
    (5, Lane.A, "service", "Checkout error rate alert fires (5xx at 12%)", [Tag.DIVERGENCE]),
    (6, Lane.A, "on-call", "Payments on-call acknowledges the page", []),
    (9, Lane.A, "on-call", "Payments rolls back its own deploy v41 -> v40", []),
    (9, Lane.B, "lead", "Edge lead sees 429s rise in the edge logs", []),
    (14, Lane.A, "lead", "Payments opens an incident channel", []),
    (95, Lane.B, "on-call", "Edge on-call joins the payments channel", []),
    (101, Lane.B, "on-call", "Rate limit config reverted", []),
    (104, Lane.A, "service", "Error rate back to baseline", []),
]


def make_session(title: str = "Checkout outage") -> Session:
    """Ten events over two hours (with a long quiet stretch), observations and two links."""
    events = []
    for i, (minutes, lane, actor, text, tags) in enumerate(EVENTS):
        offset = CET if lane is Lane.A else EST
        when = (T0 + timedelta(minutes=minutes)).astimezone(offset)
        observations = {
            lane: Observation(lane, f"{text} (as {lane.value} saw it)", Awareness.NO),
        }
        if i == 2:
            observations[Lane.B] = Observation(Lane.B, "Nothing unusual on the edge", "no")
        events.append(
            TimelineEvent(
                when,
                lane,
                actor,
                text,
                source_url=f"https://logs.example.com/{i}",
                tags=[str(t) for t in tags],
                observations=observations,
                seq=i,
                id=-1 - i,
            )
        )
    links = [EventLink(-1, -3, "429s reach checkout"), EventLink(-9, -10, "revert heals")]
    return Session(
        title, two_teams("Payments", "Edge Platform"), events=events, links=links, incident_start=T0
    )


def open_workspace(path: Path, session: Session | None = None) -> Workspace:
    store = SqliteStore.open(path)
    session = session or make_session()
    store.create_session(session)
    return open_with_engine(store, session, SystemClock())


def write(path: Path, text: str, *, bom: bool = False, encoding: str = "utf-8") -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path
