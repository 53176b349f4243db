"""Sessions for export tests and benchmarks: a finished review, built in code (not the demo).

`export_session()` fills every part of the model an export shows. `text` decides every string the
user could type, so one generator gives a realistic session, a session whose every text field
holds an injection payload, and a harmless twin with the same shape to compare against.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Attendee,
    Awareness,
    ClosingPoll,
    ContributingFactor,
    FactorOwner,
    HolderKind,
    Lane,
    Note,
    Observation,
    ParkedIdea,
    ParkedOutcome,
    Phase,
    Role,
    Session,
    SessionState,
    SpeakingInterval,
    StatusChange,
    Tag,
    Team,
    TimelineEvent,
)

TextFactory = Callable[[str], str]
CET = timezone(timedelta(hours=1))
EST = timezone(timedelta(hours=-5))

_EVENTS_A = [
    "Deploy of payments-api 4.12 started",
    "Checkout error rate alert fired",
    "On-call acknowledged the page",
    "Retries to the edge gateway tripled",
    "Rolled back payments-api to 4.11",
    "Error rate still elevated after rollback",
    "Opened a shared incident channel",
    "Confirmed card authorisations recovering",
]
_EVENTS_B = [
    "Rate-limit config 2026-11-10.1 deployed",
    "Edge 429 responses rose to 18 %",
    "Capacity alert on edge-lb-3",
    "Raised the per-client limit for payments",
    "Noticed retry storm from one client ID",
    "Joined the shared incident channel",
    "Reverted the rate-limit config",
    "429 responses back to baseline",
]
_FACTORS = [
    ("Retries without backoff amplified the load on the edge", FactorOwner.A),
    ("Rate-limit change rolled out to all regions at once", FactorOwner.B),
    ("No shared view of each other's alerts during the first 20 minutes", FactorOwner.INTERACTION),
    ("Client identity for rate limits was the whole payments fleet", FactorOwner.INTERACTION),
    ("Rollback runbook assumed the fault was in our service", FactorOwner.A),
    ("Config change had no canary stage", FactorOwner.B),
]


def realistic(label: str) -> str:
    return label


def export_session(
    text: TextFactory = realistic,
    *,
    events: int = 40,
    actions: int = 9,
    url: Callable[[int], str] | None = None,
    seed: int = 7,
) -> Session:
    """A finished two-team review: roster, timed phases, timeline, floor, factors, actions."""
    rng = random.Random(seed)
    url = url or (lambda i: f"https://logs.example.com/search?q=incident-4711&event={i}")
    team_a = Team(Lane.A, text("Payments"))
    team_b = Team(Lane.B, text("Edge Platform"))
    start = datetime(2026, 11, 10, 14, 2, tzinfo=CET)
    review = datetime(2026, 11, 12, 15, 0, tzinfo=UTC)
    people = [
        Attendee(text("Dana Okafor"), Role.FACILITATOR, None, id=1),
        Attendee(text("Priya Raman"), Role.LEAD, Lane.A, id=2),
        Attendee(text("Tom Becker"), Role.ON_CALL, Lane.A, id=3),
        Attendee(text("Lena Vogel"), Role.ON_CALL, Lane.A, remote=True, id=4),
        Attendee(text("Marcus Hill"), Role.LEAD, Lane.B, id=5),
        Attendee(text("Aiko Tanaka"), Role.ON_CALL, Lane.B, id=6),
        Attendee(text("Sam Ortiz"), Role.NOTE_TAKER, None, id=7),
    ]
    timeline = []
    for i in range(events):
        lane = Lane.A if rng.random() < 0.5 else Lane.B
        pool = _EVENTS_A if lane is Lane.A else _EVENTS_B
        at = start + timedelta(seconds=95 * i + rng.randint(0, 60))
        tags: list[str] = []
        if i == min(events - 1, 5):
            tags.append(Tag.DIVERGENCE.value)
        if i % 9 == 3:
            tags.append(Tag.LOCALLY_CORRECT.value)
        if i % 13 == 0:
            tags.append(text("customer-visible"))
        event = TimelineEvent(
            occurred_at=at.astimezone(EST) if lane is Lane.B else at,
            lane=lane,
            actor=text(["on-call", "lead", "deploy bot", "SRE"][i % 4]),
            description=text(pool[i % len(pool)] + f" (step {i + 1})"),
            tags=tags,
            observations={
                Lane.A: Observation(
                    Lane.A,
                    text("Dashboards showed checkout errors rising"),
                    [Awareness.YES, Awareness.NO, Awareness.UNKNOWN][i % 3],
                ),
                Lane.B: Observation(
                    Lane.B,
                    text("Edge saw a spike of 429s from one client"),
                    [Awareness.NO, Awareness.UNKNOWN, Awareness.YES][i % 3],
                ),
            }
            if i % 4 != 2
            else {},
            seq=i,
            id=100 + i,
        )
        # Set after validation: the exporters' own link check is tested on links the model
        # would refuse (defence in depth, e.g. a database written by an older version).
        event.source_url = url(i)
        timeline.append(event)
    phases = []
    clock = review
    for key, title, planned, used in [
        ("framing", "Framing", 5, 4.5),
        ("timeline", "Timeline walk", 35, 41.2),
        ("factors", "Contributing factors", 15, 13.0),
        ("actions", "Action items", 15, 16.5),
        ("wrapup", "Wrap-up", 5, 3.0),
    ]:
        phases.append(Phase(key, text(title), planned, clock, clock + timedelta(minutes=used)))
        clock += timedelta(minutes=used)
    speaking = []
    clock = review
    holders = [
        (HolderKind.ATTENDEE, Lane.A, 2),
        (HolderKind.ATTENDEE, Lane.B, 5),
        (HolderKind.TEAM, Lane.A, None),
        (HolderKind.ATTENDEE, Lane.B, 6),
        (HolderKind.FACILITATOR, None, None),
        (HolderKind.ATTENDEE, Lane.A, 3),
        (HolderKind.CROSSTALK, None, None),
        (HolderKind.NOBODY, None, None),
        (HolderKind.ATTENDEE, Lane.A, 4),
    ]
    for i in range(120):
        holder, lane, who = holders[i % len(holders)]
        seconds = 10 + rng.randint(0, 50)
        speaking.append(
            SpeakingInterval(
                holder,
                clock,
                clock + timedelta(seconds=seconds),
                lane,
                who,
                float(seconds),
                id=1000 + i,
            )
        )
        clock += timedelta(seconds=seconds)
    factors = [
        ContributingFactor(
            text(t),
            owner,
            votes=(7 - i) % 6 + (2 if i == 2 else 0),
            event_ids=[100 + i, 100 + (i * 5) % events],
            id=200 + i,
        )
        for i, (t, owner) in enumerate(_FACTORS)
    ]
    kinds = [ActionKind.TEAM, ActionKind.JOINT, ActionKind.PROCESS]
    statuses = [
        ActionStatus.OPEN,
        ActionStatus.IN_PROGRESS,
        ActionStatus.DONE,
        ActionStatus.DROPPED,
    ]
    items = []
    for i in range(actions):
        kind = kinds[i % 3]
        status = statuses[i % 4]
        items.append(
            ActionItem(
                kind=kind,
                description=text(
                    [
                        "Add exponential backoff with jitter to edge retries",
                        "Joint runbook for rate-limit incidents",
                        "Shared on-call channel for payments and edge",
                    ][i % 3]
                    + f" #{i + 1}"
                ),
                owner=text("Tom Becker") if kind is ActionKind.TEAM else "",
                lane=Lane.A
                if kind is ActionKind.TEAM and i % 2 == 0
                else Lane.B
                if kind is ActionKind.TEAM
                else None,
                lead=text("Marcus Hill")
                if kind is ActionKind.JOINT
                else (text("Dana Okafor") if kind is ActionKind.PROCESS else ""),
                due=date(2026, 11, 20) + timedelta(days=7 * i),
                test_of_done=text("Game day shows retries stay under 2x baseline"),
                status=status,
                ticket_url=f"https://tracker.example.com/browse/PAY-{100 + i}",
                history=[StatusChange(status, review + timedelta(days=1 + i))],
                id=300 + i,
            )
        )
    return Session(
        title=text("Checkout outage: retries met a new rate limit"),
        teams=(team_a, team_b),
        incident_start=start,
        incident_end=start + timedelta(minutes=68),
        severity=text("SEV2"),
        impact_summary=text("For 68 minutes about 12 % of card checkouts failed in the EU."),
        scheduled_start=review,
        pre_read_sent_at=review - timedelta(hours=30),
        timebox_minutes=75,
        state=SessionState.ENDED,
        framing_question=text("How did our two systems combine to cause this?"),
        attendees=people,
        phases=phases,
        events=timeline,
        speaking=speaking,
        factors=factors,
        actions=items,
        notes=[
            Note(text("Edge will share the rate-limit dashboard link"), "timeline", id=400),
            Note(text("Ask the card network for their error logs"), None, 103, id=401),
        ],
        parked=[
            ParkedIdea(text("Client-side circuit breaker"), 104, ParkedOutcome.ACTION, 300, id=500),
            ParkedIdea(
                text("Move payments behind a dedicated edge pool"),
                106,
                ParkedOutcome.DROPPED,
                id=501,
            ),
            ParkedIdea(text("Per-endpoint limits"), 107, id=502),
        ],
        poll=ClosingPoll(learned_yes=6, learned_no=1, again_yes=5, again_no=2),
        id=1,
    )
