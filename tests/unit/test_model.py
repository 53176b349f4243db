"""The domain model refuses bad values where they enter, naming the field the user must fix."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

import pytest

from facilitator_app.errors import UserError, ValidationError
from facilitator_app.model import (
    DEFAULT_AGENDA,
    DEFAULT_COLOURS,
    ActionItem,
    Attendee,
    ClosingPoll,
    ContributingFactor,
    HolderKind,
    Lane,
    Observation,
    Phase,
    Role,
    Session,
    SessionState,
    SpeakingInterval,
    StatusChange,
    Team,
    TimelineEvent,
    two_teams,
)

NAIVE = datetime(2026, 11, 10, 14, 0)
AWARE = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)


def session(**overrides: object) -> Session:
    values: dict[str, object] = {"title": "Checkout outage", "teams": two_teams("Pay", "Edge")}
    values.update(overrides)
    return Session(**values)  # type: ignore[arg-type]


@contextmanager
def refused(field: str, match: str | None = None) -> Iterator[None]:
    """Expect a ValidationError about `field`, whose message names it (and matches `match`)."""
    with pytest.raises(ValidationError, match=match) as info:
        yield
    assert info.value.field == field, info.value.message
    assert f"field '{field}'" in info.value.message


# ---- teams --------------------------------------------------------------------------------


def test_a_session_has_exactly_two_teams() -> None:
    a, b = two_teams("Pay", "Edge")
    for teams in [(a,), (a, b, Team(Lane.B, "Third"))]:
        with refused("teams", "exactly two teams"):
            session(teams=teams)


def test_the_teams_are_lane_a_then_lane_b() -> None:
    a, b = two_teams("Pay", "Edge")
    with refused("teams", "lane A then lane B"):
        session(teams=(b, a))
    with refused("teams"):
        session(teams=(a, Team(Lane.A, "Other")))


@pytest.mark.parametrize("other", ["Pay", "pay", "  PAY  "])
def test_the_two_teams_need_different_names(other: str) -> None:
    with refused("team.name", "different names"):
        session(teams=two_teams("Pay", other))


def test_team_names_are_trimmed_and_required() -> None:
    assert Team(Lane.A, "  Payments \n").name == "Payments"
    with refused("team.name", "empty"):
        Team(Lane.A, "   ")
    with refused("team.name", "longer than 80"):
        Team(Lane.A, "x" * 81)


def test_team_colours_default_to_okabe_ito_and_must_be_hex() -> None:
    a, b = two_teams("Pay", "Edge")
    assert (a.colour, b.colour) == (DEFAULT_COLOURS["A"], DEFAULT_COLOURS["B"])
    assert Team(Lane.A, "Pay", "#cc79a7").colour == "#cc79a7"
    for bad in ["red", "#12345", "#GGGGGG", "0072B2"]:
        with refused("team.colour", "#RRGGBB"):
            Team(Lane.A, "Pay", bad)


def test_lanes_are_a_and_b_only() -> None:
    assert Lane.A.other is Lane.B and Lane.B.other is Lane.A
    with refused("team.lane", "'C' is not one of: A, B"):
        Team("C", "Pay")  # type: ignore[arg-type]


# ---- attendees and roles ------------------------------------------------------------------


def test_attendee_roles_come_from_the_method() -> None:
    assert {r.value for r in Role} == {
        "lead",
        "on-call",
        "facilitator",
        "co-facilitator",
        "note-taker",
        "other",
    }
    assert Attendee("Kai", "on-call", "A").role is Role.ON_CALL  # type: ignore[arg-type]
    with refused("attendee.role", "'boss' is not one of: lead, on-call"):
        Attendee("Kai", "boss")  # type: ignore[arg-type]


def test_an_attendee_belongs_to_a_team_or_to_neither() -> None:
    facilitator = Attendee("Dana", Role.FACILITATOR)
    assert facilitator.lane is None and facilitator.present and not facilitator.remote
    assert Attendee("Kai", Role.LEAD, "B").lane is Lane.B  # type: ignore[arg-type]
    with refused("attendee.team"):
        Attendee("Kai", Role.LEAD, "C")  # type: ignore[arg-type]
    with refused("attendee.name", "empty"):
        Attendee(" ", Role.LEAD)


# ---- times --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field", ["incident_start", "incident_end", "scheduled_start", "pre_read_sent_at"]
)
def test_naive_session_times_are_refused_naming_the_field(field: str) -> None:
    with refused(field, "no UTC offset"):
        session(**{field: NAIVE})


def test_naive_times_are_refused_on_every_entity() -> None:
    with refused("timestamp", "no UTC offset"):
        TimelineEvent(NAIVE, Lane.A, "sre", "paged")
    with refused("phase.started_at"):
        Phase("framing", "Framing", 5, started_at=NAIVE)
    with refused("phase.ended_at"):
        Phase("framing", "Framing", 5, started_at=AWARE, ended_at=NAIVE)
    with refused("speaking.start"):
        SpeakingInterval(HolderKind.NOBODY, NAIVE)
    with refused("speaking.end"):
        SpeakingInterval(HolderKind.NOBODY, AWARE, NAIVE)
    with refused("status.changed_at"):
        StatusChange("done", NAIVE)  # type: ignore[arg-type]


def test_a_tzinfo_that_gives_no_offset_counts_as_naive() -> None:
    class NoOffset(tzinfo):
        def utcoffset(self, dt: datetime | None) -> None:
            return None

    with refused("timestamp"):
        TimelineEvent(NAIVE.replace(tzinfo=NoOffset()), Lane.A, "sre", "paged")


def test_the_incident_cannot_end_before_it_starts() -> None:
    start = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
    with refused("incident_end", "ends before it starts"):
        session(incident_start=start, incident_end=start - timedelta(minutes=1))
    same = session(incident_start=start, incident_end=start)
    assert same.incident_end == same.incident_start


def test_incident_order_compares_instants_not_wall_clocks() -> None:
    # 15:30 in Berlin is 14:30 UTC: after a 14:00 UTC start, although "15:30" > "14:00" anyway;
    # and 09:10 in New York (14:10 UTC) is after it although its wall clock reads earlier.
    start = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
    new_york_end = datetime(2026, 11, 10, 9, 10, tzinfo=timezone(timedelta(hours=-5)))
    ok = session(incident_start=start, incident_end=new_york_end)
    assert ok.incident_end is not None and ok.incident_end.utcoffset() == timedelta(hours=-5)
    berlin_end = datetime(2026, 11, 10, 14, 30, tzinfo=timezone(timedelta(hours=1)))
    with refused("incident_end"):
        session(incident_start=start, incident_end=berlin_end)


def test_a_speaking_interval_cannot_end_before_it_starts() -> None:
    with refused("speaking.end", "ends before it starts"):
        SpeakingInterval(HolderKind.NOBODY, AWARE, AWARE - timedelta(seconds=1))
    with refused("speaking.seconds"):
        SpeakingInterval(HolderKind.NOBODY, AWARE, seconds=-0.5)


def test_a_team_or_attendee_holding_the_floor_needs_a_team() -> None:
    for holder in (HolderKind.TEAM, HolderKind.ATTENDEE):
        with refused("speaking.team"):
            SpeakingInterval(holder, AWARE)
    assert SpeakingInterval(HolderKind.CROSSTALK, AWARE).lane is None
    with refused("speaking.holder", "'chair' is not one of"):
        SpeakingInterval("chair", AWARE)  # type: ignore[arg-type]


# ---- time-box, state, text ----------------------------------------------------------------


@pytest.mark.parametrize("minutes", [5, 60, 90, 480])
def test_time_boxes_from_5_minutes_to_8_hours_are_accepted(minutes: int) -> None:
    assert session(timebox_minutes=minutes).timebox_minutes == minutes


@pytest.mark.parametrize("minutes", [0, 4, 481, -75, 7.5, "90", None])
def test_other_time_boxes_are_refused(minutes: object) -> None:
    with refused("timebox", "from 5 to 480"):
        session(timebox_minutes=minutes)


def test_session_state_and_defaults() -> None:
    s = session()
    assert s.state is SessionState.DRAFT
    assert s.timebox_minutes == 75
    assert [(p.key, p.title, p.planned_minutes) for p in s.phases] == list(DEFAULT_AGENDA)
    assert session(state="live").state is SessionState.LIVE
    with refused("state", "'paused' is not one of: draft, live, ended"):
        session(state="paused")


def test_titles_are_trimmed_required_and_bounded() -> None:
    assert session(title="  Outage \t").title == "Outage"
    with refused("title", "empty"):
        session(title=" \n ")
    with refused("title", "longer than 200"):
        session(title="x" * 201)
    with refused("title", "must be text"):
        session(title=42)


def test_phase_minutes_are_bounded() -> None:
    assert Phase("timeline", "Timeline walk", "37.5").planned_minutes == 37.5  # type: ignore[arg-type]
    with refused("phase.planned_minutes"):
        Phase("timeline", "Timeline walk", -1)
    with refused("phase.planned_minutes"):
        Phase("timeline", "Timeline walk", 601)


# ---- events, factors, actions, poll -------------------------------------------------------


def test_an_event_needs_a_description_and_a_lane_and_drops_blank_tags() -> None:
    event = TimelineEvent(AWARE, "A", "  sre ", " paged ", tags=["x", "  ", "y"])  # type: ignore[arg-type]
    assert (event.lane, event.actor, event.description, event.tags) == (
        Lane.A,
        "sre",
        "paged",
        ["x", "y"],
    )
    with refused("event", "empty"):
        TimelineEvent(AWARE, Lane.A, "sre", "  ")
    with refused("team"):
        TimelineEvent(AWARE, "both", "sre", "paged")  # type: ignore[arg-type]
    assert event.observation(Lane.B).saw == "" and event.observation(Lane.B).lane is Lane.B


def test_events_sort_by_instant_then_arrival() -> None:
    berlin = timezone(timedelta(hours=1))
    late_wall_clock = TimelineEvent(
        datetime(2026, 11, 10, 15, 0, tzinfo=berlin), Lane.A, "", "14:00Z", seq=5
    )
    early_seq = TimelineEvent(AWARE, Lane.B, "", "14:00Z too", seq=1)
    earlier = TimelineEvent(AWARE - timedelta(microseconds=1), Lane.B, "", "first", seq=9)
    s = session(events=[late_wall_clock, early_seq, earlier])
    assert [e.description for e in s.sorted_events()] == ["first", "14:00Z too", "14:00Z"]


def test_observation_awareness_is_yes_no_or_unknown() -> None:
    assert Observation(Lane.A).aware_of_other.value == "unknown"
    with refused("aware_of_other_team", "'maybe' is not one of: yes, no, unknown"):
        Observation(Lane.A, "saw it", "maybe")  # type: ignore[arg-type]


def test_factors_have_an_owner_and_no_negative_votes() -> None:
    assert ContributingFactor("x", "interaction").votes == 0  # type: ignore[arg-type]
    with refused("factor.owner", "'nobody' is not one of: A, B, interaction"):
        ContributingFactor("x", "nobody")  # type: ignore[arg-type]
    with refused("factor.votes"):
        ContributingFactor("x", "A", votes=-1)  # type: ignore[arg-type]


def test_action_items_check_kind_status_and_team() -> None:
    item = ActionItem("joint", "Joint runbook", lead=" Sam ", due=date(2026, 12, 1))  # type: ignore[arg-type]
    assert item.lead == "Sam" and item.status.value == "open"
    with refused("kind", "'shared' is not one of: team, joint, process"):
        ActionItem("shared", "x")  # type: ignore[arg-type]
    with refused("status", "'closed' is not one of: open, in progress, done, dropped"):
        ActionItem("team", "x", status="closed")  # type: ignore[arg-type]
    with refused("team"):
        ActionItem("team", "x", lane="Z")  # type: ignore[arg-type]
    with refused("description", "empty"):
        ActionItem("team", "")  # type: ignore[arg-type]


def test_poll_counts_cannot_be_negative() -> None:
    with refused("poll.again_no"):
        ClosingPoll(again_no=-1)


def test_validation_errors_are_user_errors_with_a_one_line_message() -> None:
    with pytest.raises(UserError) as info:
        session(timebox_minutes=2)
    assert info.value.message == (
        "field 'timebox': must be a whole number of minutes from 5 to 480"
    )
    assert "\n" not in info.value.message
