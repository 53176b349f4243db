"""Hypothesis strategies for valid sessions: awkward text, many offsets, references between parts.

Speaking intervals and status changes are drawn in UTC, as the app records them (the session JSON
writes those in UTC by design); every other time keeps its drawn offset.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Attendee,
    Awareness,
    ContributingFactor,
    FactorOwner,
    HolderKind,
    Lane,
    Note,
    Observation,
    ParkedIdea,
    ParkedOutcome,
    Role,
    Session,
    SessionState,
    SpeakingInterval,
    Team,
    TimelineEvent,
    clean_text,
)

OFFSETS = st.sampled_from(
    [
        timedelta(0),
        timedelta(hours=1),
        timedelta(hours=-5),
        timedelta(hours=5, minutes=30),
        timedelta(hours=-9, minutes=-30),
        timedelta(hours=14),
        timedelta(hours=-12),
    ]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: clean_text(s, one_line=True).strip()
)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
LINKS = st.one_of(
    st.just(""),
    st.builds(
        "https://{}.example/{}".format,
        st.from_regex(r"[a-z][a-z0-9]{0,10}", fullmatch=True),
        st.from_regex(r"[A-Za-z0-9._~-]{0,12}", fullmatch=True),
    ),
)


@st.composite
def aware_times(draw: st.DrawFn) -> datetime:
    naive = draw(st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30)))
    return naive.replace(tzinfo=timezone(draw(OFFSETS)))


def _team_name(name: str) -> str:
    return Team(Lane.A, name).name.casefold()


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    name_a = draw(TEXT)
    # Distinct as the model sees names (control characters stripped, then case folded).
    name_b = draw(TEXT.filter(lambda n: _team_name(n) != _team_name(name_a)))
    attendees = [
        Attendee(
            draw(TEXT),
            draw(st.sampled_from(Role)),
            draw(st.sampled_from([None, Lane.A, Lane.B])),
            draw(st.booleans()),
            draw(st.booleans()),
            id=100 + i,
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    events = []
    for i in range(draw(st.integers(0, 6))):
        lanes = draw(st.sets(st.sampled_from(Lane)))
        events.append(
            TimelineEvent(
                draw(aware_times()),
                draw(st.sampled_from(Lane)),
                draw(OPTIONAL_TEXT),
                draw(TEXT),
                source_url=draw(LINKS),
                imported_from=draw(OPTIONAL_TEXT),
                tags=draw(st.lists(TEXT, max_size=3)),
                observations={
                    lane: Observation(lane, draw(OPTIONAL_TEXT), draw(st.sampled_from(Awareness)))
                    for lane in lanes
                },
                seq=i,
                id=200 + i,
            )
        )
    event_ids = [e.id for e in events]
    speaking = []
    for _ in range(draw(st.integers(0, 4))):
        holder = draw(st.sampled_from(HolderKind))
        start = draw(aware_times()).astimezone(UTC)
        attendee = draw(st.sampled_from([None, *[a.id for a in attendees]]))
        speaking.append(
            SpeakingInterval(
                holder,
                start,
                start + timedelta(seconds=draw(st.integers(0, 600))),
                draw(st.sampled_from([Lane.A, Lane.B]))
                if holder in (HolderKind.TEAM, HolderKind.ATTENDEE)
                else draw(st.sampled_from([None, Lane.A])),
                attendee if holder is HolderKind.ATTENDEE else None,
                seconds=draw(st.one_of(st.none(), st.floats(0, 1e5, allow_nan=False))),
            )
        )
    factors = [
        ContributingFactor(
            draw(TEXT),
            draw(st.sampled_from(FactorOwner)),
            draw(st.integers(0, 50)),
            draw(st.lists(st.sampled_from(event_ids), unique=True)) if event_ids else [],
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    actions = [
        ActionItem(
            draw(st.sampled_from(ActionKind)),
            draw(TEXT),
            owner=draw(OPTIONAL_TEXT),
            lane=draw(st.sampled_from([None, Lane.A, Lane.B])),
            lead=draw(OPTIONAL_TEXT),
            due=draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2040, 1, 1)))),
            test_of_done=draw(OPTIONAL_TEXT),
            status=draw(st.sampled_from(ActionStatus)),
            id=300 + i,
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    maybe_event = st.sampled_from([None, *event_ids])
    notes = [
        Note(draw(TEXT), draw(st.sampled_from([None, "timeline", "wrapup"])), draw(maybe_event))
        for _ in range(draw(st.integers(0, 2)))
    ]
    parked = [
        ParkedIdea(
            draw(TEXT),
            draw(maybe_event),
            draw(st.sampled_from(ParkedOutcome)),
            draw(st.sampled_from([None, *[a.id for a in actions]])),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    start = draw(st.one_of(st.none(), aware_times()))
    end = None if start is None else start + timedelta(minutes=draw(st.integers(0, 600)))
    return Session(
        draw(TEXT),
        (Team(Lane.A, name_a), Team(Lane.B, name_b, draw(st.sampled_from(["", "#ABCDEF"])))),
        incident_start=start,
        incident_end=end,
        severity=draw(st.sampled_from(["SEV1", "SEV3", "critical"])),
        impact_summary=draw(OPTIONAL_TEXT),
        scheduled_start=draw(st.one_of(st.none(), aware_times())),
        timebox_minutes=draw(st.integers(5, 480)),
        state=draw(st.sampled_from(SessionState)),
        attendees=attendees,
        events=events,
        speaking=speaking,
        factors=factors,
        actions=actions,
        notes=notes,
        parked=parked,
        id=1,
    )
