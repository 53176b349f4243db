"""Sessions for tests: one that uses every entity and field, and a lossless comparison.

`rich_session()` is deliberately awkward: several UTC offsets (including half-hour ones),
microseconds, two events at the same instant, every enum value somewhere, and references between
events, factors, notes, parked ideas and action items. `snapshot()` turns a session into plain
data with database ids replaced by positions, so that two sessions compare equal exactly when a
user could not tell them apart (times keep their original offset in the comparison).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

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

BERLIN = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
KOLKATA = timezone(timedelta(hours=5, minutes=30))
NEWFOUNDLAND = timezone(timedelta(hours=-3, minutes=-30))


def at(hour: int, minute: int = 0, second: int = 0, micro: int = 0, tz: timezone = UTC) -> datetime:
    """A time on the incident day, 2026-11-10, in the given offset."""
    return datetime(2026, 11, 10, hour, minute, second, micro, tzinfo=tz)


def rich_session() -> Session:
    """A session touching every entity and field, with ids as storage would assign them."""
    attendees = [
        Attendee("Dana Ortiz", Role.FACILITATOR, None, id=11),
        Attendee("Kai Lindqvist", Role.LEAD, Lane.A, id=12),
        Attendee("Priya Raman", Role.ON_CALL, Lane.A, present=False, id=13),
        Attendee("Sam O'Neill", Role.LEAD, Lane.B, remote=True, id=14),
        Attendee("Li Wei", Role.ON_CALL, Lane.B, id=15),
        Attendee("Noor Haddad", Role.NOTE_TAKER, None, id=16),
        Attendee("Ana Souza", Role.CO_FACILITATOR, None, present=False, remote=True, id=17),
        Attendee("Guest from Legal", Role.OTHER, Lane.B, id=18),
    ]
    phases = [
        Phase("framing", "Framing", 5, at(15, 0, tz=BERLIN), at(15, 6, tz=BERLIN), id=21),
        Phase("timeline", "Timeline walk", 37.5, at(15, 6, tz=BERLIN), None, id=22),
        Phase("factors", "Contributing factors", 15, id=23),
        Phase("actions", "Action items", 12.25, id=24),
        Phase("wrapup", "Wrap-up", 0, id=25),
    ]
    events = [
        # Listed out of display order on purpose: the store and the JSON must sort them.
        TimelineEvent(
            # 14:02:00Z exactly: a quarter second before the next one, same second.
            at(9, 2, 0, tz=NEW_YORK),
            Lane.B,
            "edge on-call",
            "Raised the global rate limit for /v2/charge",
            source_url="https://logs.example.test/edge?q=ratelimit&from=1",
            imported_from="edge-audit.csv",
            tags=[Tag.DIVERGENCE.value, "config"],
            observations={
                Lane.B: Observation(Lane.B, "Error rate back under 1 %", Awareness.NO, id=301),
            },
            seq=1,
            id=102,
        ),
        TimelineEvent(
            at(15, 2, 0, 250_000, tz=BERLIN),
            Lane.A,
            "payments SRE",
            'Paged: "checkout p99 > 2 s"',
            source_url="https://pager.example.test/incidents/4411",
            imported_from="pagerduty.json",
            tags=[Tag.LOCALLY_CORRECT.value],
            observations={
                Lane.A: Observation(Lane.A, "Latency alarm only", Awareness.UNKNOWN, id=302),
                Lane.B: Observation(Lane.B, "Nothing unusual", Awareness.NO, id=303),
            },
            seq=0,
            id=101,
        ),
        TimelineEvent(
            # The same instant as the previous one, written in another offset: seq decides.
            at(19, 32, 0, 250_000, tz=KOLKATA),
            Lane.B,
            "",
            "Edge deploy 7f3c finished",
            seq=2,
            id=103,
        ),
        TimelineEvent(
            at(11, 40, tz=NEWFOUNDLAND),
            Lane.A,
            "payments lead",
            "Declared SEV1 <and> opened #inc-4411 & the bridge",
            tags=["comms", Tag.LOCALLY_CORRECT.value],
            observations={
                Lane.A: Observation(Lane.A, "Customers failing to pay", Awareness.YES, id=304),
            },
            seq=3,
            id=104,
        ),
    ]
    speaking = [
        SpeakingInterval(HolderKind.FACILITATOR, at(14, 0), at(14, 2), seconds=120.0, id=401),
        SpeakingInterval(HolderKind.TEAM, at(14, 2), at(14, 5, 30), Lane.A, seconds=210.5, id=402),
        SpeakingInterval(
            HolderKind.ATTENDEE, at(14, 5, 30), at(14, 9), Lane.B, 15, seconds=209.75, id=403
        ),
        SpeakingInterval(HolderKind.CROSSTALK, at(14, 9), at(14, 9, 20), seconds=20.0, id=404),
        SpeakingInterval(HolderKind.NOBODY, at(14, 9, 20), at(14, 10), seconds=40.0, id=405),
        SpeakingInterval(HolderKind.ATTENDEE, at(14, 10), None, Lane.A, 12, id=406),
    ]
    factors = [
        ContributingFactor("Retries without jitter", FactorOwner.A, 4, [101, 104], id=501),
        ContributingFactor("Global limit change not announced", FactorOwner.B, 2, [102], id=502),
        ContributingFactor(
            "No shared signal for 'limit hit' vs 'slow'", FactorOwner.INTERACTION, 7, [], id=503
        ),
    ]
    actions = [
        ActionItem(
            ActionKind.TEAM,
            "Add jitter to checkout retries",
            owner="Kai Lindqvist",
            lane=Lane.A,
            due=date(2026, 12, 1),
            test_of_done="Load test shows < 1 % synchronized retries",
            status=ActionStatus.IN_PROGRESS,
            ticket_url="https://tracker.example.test/PAY-881",
            history=[
                StatusChange(ActionStatus.OPEN, at(16, 0), id=701),
                StatusChange(ActionStatus.IN_PROGRESS, at(16, 30), id=702),
            ],
            id=601,
        ),
        ActionItem(
            ActionKind.JOINT,
            "Joint runbook for rate-limit changes",
            lead="Sam O'Neill",
            due=date(2026, 12, 15),
            test_of_done="Runbook reviewed by both on-call rotations",
            id=602,
        ),
        ActionItem(
            ActionKind.PROCESS,
            "Improve communication",
            status=ActionStatus.DROPPED,
            history=[StatusChange(ActionStatus.DROPPED, at(16, 45), id=703)],
            id=603,
        ),
        ActionItem(ActionKind.TEAM, "Dashboards for 429s", lane=Lane.B, status="done", id=604),
    ]
    notes = [
        Note("Both teams agree the alert was correct locally.", id=801),
        Note("Ask about the deploy freeze calendar", phase_key="timeline", id=802),
        Note("Edge saw 429s as success", phase_key="timeline", event_id=102, id=803),
    ]
    parked = [
        ParkedIdea("Circuit breaker on the edge", event_id=102, id=901),
        ParkedIdea(
            "Shared #rate-limits channel", None, ParkedOutcome.ACTION, action_id=602, id=902
        ),
        ParkedIdea("Rewrite the gateway", 104, ParkedOutcome.DROPPED, id=903),
    ]
    return Session(
        title='Checkout outage — "rate limit" <2026-11-10>',
        teams=(Team(Lane.A, "Payments", "#CC79A7", id=1), Team(Lane.B, "Edge Platform", id=2)),
        incident_start=at(19, 25, tz=KOLKATA),
        incident_end=at(10, 50, tz=NEWFOUNDLAND),
        severity="SEV1",
        impact_summary="12 % of card payments failed for 41 minutes.\nEU and US customers.",
        scheduled_start=datetime(2026, 11, 12, 15, 0, tzinfo=BERLIN),
        pre_read_sent_at=datetime(2026, 11, 11, 9, 30, 15, 123456, tzinfo=UTC),
        timebox_minutes=90,
        state=SessionState.LIVE,
        framing_question="How did checkout and the edge combine to fail payments?",
        attendees=attendees,
        phases=phases,
        events=events,
        speaking=speaking,
        factors=factors,
        actions=actions,
        notes=notes,
        parked=parked,
        poll=ClosingPoll(learned_yes=6, learned_no=1, again_yes=5, again_no=2),
        id=1,
    )


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("id", "seq")
        }
    if isinstance(value, datetime):
        return value.isoformat()  # keeps the offset: 10:00+01:00 != 09:00+00:00 here
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(session: Session) -> dict[str, Any]:
    """Everything a user could see of the session, with references as positions, not ids."""
    attendee_at = {a.id: i for i, a in enumerate(session.attendees)}
    events = session.sorted_events()
    event_at = {e.id: i for i, e in enumerate(events)}
    action_at = {a.id: i for i, a in enumerate(session.actions)}
    data = _plain(session)
    data["events"] = [_plain(e) for e in events]
    for interval, row in zip(session.speaking, data["speaking"], strict=True):
        row["attendee_id"] = attendee_at.get(interval.attendee_id, interval.attendee_id)
    for factor, row in zip(session.factors, data["factors"], strict=True):
        row["event_ids"] = [event_at.get(x, f"dangling {x}") for x in factor.event_ids]
    for note, row in zip(session.notes, data["notes"], strict=True):
        row["event_id"] = event_at.get(note.event_id, note.event_id)
    for idea, row in zip(session.parked, data["parked"], strict=True):
        row["event_id"] = event_at.get(idea.event_id, idea.event_id)
        row["action_id"] = action_at.get(idea.action_id, idea.action_id)
    data.pop("revised_at", None)  # when it was last saved: bookkeeping, not content
    return data
