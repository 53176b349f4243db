"""The setup checklist: the right warnings, each with a fix, never a block; "now" is injected."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator_app.checklist import (
    Check,
    add_business_days,
    business_days_between,
    checklist_markdown,
    describe_duration,
    run_checklist,
    warnings,
)
from facilitator_app.model import Attendee, Lane, Role, Session, two_teams

CET = timezone(timedelta(hours=1))
# Incident ended on Tuesday 10 Nov 2026; review scheduled Thursday 12 Nov at 10:00 CET.
ENDED = datetime(2026, 11, 10, 15, 10, tzinfo=CET)
START = datetime(2026, 11, 12, 10, 0, tzinfo=CET)
NOW = datetime(2026, 11, 11, 9, 0, tzinfo=UTC)


def full_roster() -> list[Attendee]:
    return [
        Attendee("Dana Okafor", Role.FACILITATOR),
        Attendee("Ama Mensah", Role.LEAD, Lane.A),
        Attendee("Luis Ortega", Role.ON_CALL, Lane.A),
        Attendee("Kenji Sato", Role.LEAD, Lane.B),
        Attendee("Priya Nair", Role.ON_CALL, Lane.B, remote=True),
        Attendee("Sam Lee", Role.NOTE_TAKER),
        Attendee("Jo Park", Role.CO_FACILITATOR),
    ]


def session(**changes: object) -> Session:
    values: dict[str, object] = {
        "title": "Checkout outage",
        "teams": two_teams("Payments", "Edge Platform"),
        "incident_start": ENDED - timedelta(hours=1),
        "incident_end": ENDED,
        "scheduled_start": START,
        "pre_read_sent_at": START - timedelta(days=2),
        "timebox_minutes": 75,
        "attendees": full_roster(),
    }
    values.update(changes)
    return Session(**values)  # type: ignore[arg-type]


def keys(checks: list[Check]) -> set[str]:
    return {c.key for c in warnings(checks)}


def test_a_well_prepared_session_has_no_warning() -> None:
    checks = run_checklist(session(), NOW)
    assert keys(checks) == set()
    assert [c.key for c in checks] == [
        "lead-A",
        "lead-B",
        "on-call-A",
        "on-call-B",
        "facilitator",
        "pre-read",
        "timebox",
        "live",
        "soon",
    ]


def test_the_issue_example_missing_on_call_from_team_b_and_a_late_pre_read() -> None:
    roster = [a for a in full_roster() if not (a.role is Role.ON_CALL and a.lane is Lane.B)]
    checks = run_checklist(
        session(attendees=roster, pre_read_sent_at=START - timedelta(hours=3)), NOW
    )
    found = {c.key: c for c in warnings(checks)}
    assert set(found) == {"on-call-B", "pre-read"}
    on_call = found["on-call-B"]
    assert "Edge Platform" in on_call.detail and "on-call" in on_call.detail
    assert "Edge Platform" in on_call.fix and "roster" in on_call.fix
    pre_read = found["pre-read"]
    assert "3 hours before the start" in pre_read.detail
    assert "24 hours" in pre_read.detail
    assert "Fri 13 Nov 07:00 (UTC+01:00)" in pre_read.fix  # sent 07:00 CET on Thursday: a day later


def test_every_warning_says_how_to_fix_it() -> None:
    bad = session(
        attendees=[Attendee("Ama Mensah", Role.FACILITATOR, Lane.A, present=False)],
        pre_read_sent_at=None,
        timebox_minutes=120,
        incident_end=ENDED - timedelta(days=20),
        incident_start=ENDED - timedelta(days=21),
    )
    found = warnings(run_checklist(bad, NOW))
    assert {c.key for c in found} == {
        "lead-A",
        "lead-B",
        "on-call-A",
        "on-call-B",
        "facilitator",
        "pre-read",
        "timebox",
        "live",
        "soon",
    }
    for check in found:
        assert len(check.fix) > 20, check


def test_a_lead_on_the_roster_but_not_present_is_a_warning() -> None:
    roster = full_roster()
    roster[1].present = False
    found = {c.key: c for c in warnings(run_checklist(session(attendees=roster), NOW))}
    assert set(found) == {"lead-A", "live"}
    assert "Ama Mensah" in found["lead-A"].detail and "not marked present" in found["lead-A"].detail


def test_a_facilitator_from_one_of_the_teams_is_not_neutral() -> None:
    roster = full_roster()
    roster[0].lane = Lane.B
    (check,) = warnings(run_checklist(session(attendees=roster), NOW))
    assert check.key == "facilitator"
    assert check.detail == "Dana Okafor facilitates but belongs to Edge Platform"


def test_co_facilitator_and_note_taker_do_not_count_as_the_facilitator() -> None:
    roster = [a for a in full_roster() if a.role is not Role.FACILITATOR]
    assert keys(run_checklist(session(attendees=roster), NOW)) == {"facilitator"}


@pytest.mark.parametrize(("minutes", "warned"), [(59, True), (60, False), (90, False), (91, True)])
def test_timebox_between_60_and_90_minutes(minutes: int, warned: bool) -> None:
    assert ("timebox" in keys(run_checklist(session(timebox_minutes=minutes), NOW))) is warned


def test_pre_read_exactly_24_hours_ahead_is_enough() -> None:
    checks = run_checklist(session(pre_read_sent_at=START - timedelta(hours=24)), NOW)
    assert "pre-read" not in keys(checks)


def test_an_unsent_pre_read_gives_the_deadline() -> None:
    (check,) = warnings(run_checklist(session(pre_read_sent_at=None), NOW))
    assert check.detail == "The pre-read has not been sent"
    assert "by Wed 11 Nov 10:00 (UTC+01:00)" in check.fix


def test_without_a_scheduled_start_the_pre_read_rule_asks_for_one() -> None:
    found = {c.key: c for c in warnings(run_checklist(session(scheduled_start=None), NOW))}
    assert "scheduled start" in found["pre-read"].detail


def test_remote_attendees_are_live_absent_ones_are_not() -> None:
    ok = {c.key: c for c in run_checklist(session(), NOW)}["live"]
    assert ok.ok and "1 by video" in ok.detail
    roster = [*full_roster(), Attendee("Reads Later", Role.OTHER, Lane.A, present=False)]
    (check,) = warnings(run_checklist(session(attendees=roster), NOW))
    assert check.key == "live" and "Reads Later" in check.detail


def test_review_five_business_days_after_is_fresh_six_is_not() -> None:
    friday = datetime(2026, 11, 13, 17, 0, tzinfo=CET)
    five_later = datetime(2026, 11, 20, 10, 0, tzinfo=CET)  # next Friday
    six_later = datetime(2026, 11, 23, 10, 0, tzinfo=CET)  # the Monday after
    base = {"incident_start": friday - timedelta(hours=2), "incident_end": friday}
    assert "soon" not in keys(run_checklist(session(**base, scheduled_start=five_later), NOW))
    late = warnings(run_checklist(session(**base, scheduled_start=six_later), NOW))
    (check,) = [c for c in late if c.key == "soon"]
    assert "6 business days" in check.detail
    assert "Fri 20 Nov" in check.fix


def test_holidays_do_not_count_as_business_days() -> None:
    friday = datetime(2026, 11, 13, 17, 0, tzinfo=CET)
    base = {
        "incident_start": friday - timedelta(hours=2),
        "incident_end": friday,
        "scheduled_start": datetime(2026, 11, 23, 10, 0, tzinfo=CET),
    }
    holiday = [date(2026, 11, 16)]
    assert "soon" in keys(run_checklist(session(**base), NOW))
    assert "soon" not in keys(run_checklist(session(**base), NOW, holidays=holiday))


def test_without_a_schedule_the_freshness_is_measured_to_now() -> None:
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    (check,) = [
        c for c in warnings(run_checklist(session(scheduled_start=None), now)) if c.key == "soon"
    ]
    assert check.detail.startswith("It is already 14 business days")


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=-3, max_value=40),
)
def test_business_days_match_counting_by_hand(start: date, offset: int) -> None:
    end = start + timedelta(days=offset)
    by_hand = sum(1 for n in range(1, offset + 1) if (start + timedelta(days=n)).weekday() < 5)
    assert business_days_between(start, end) == by_hand


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=0, max_value=30),
)
def test_adding_business_days_is_the_inverse_of_counting_them(start: date, days: int) -> None:
    assert business_days_between(start, add_business_days(start, days)) == days


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(hours=3), "3 hours"),
        (timedelta(minutes=45), "45 minutes"),
        (timedelta(days=1, hours=2, minutes=5), "1 day 2 hours"),
        (timedelta(hours=1, minutes=1), "1 hour 1 minute"),
        (timedelta(0), "0 minutes"),
    ],
)
def test_durations_read_as_words(delta: timedelta, words: str) -> None:
    assert describe_duration(delta) == words


def test_markdown_for_the_notes_escapes_names() -> None:
    roster = full_roster()
    roster[3].name = "Kenji *Sato*"
    roster[3].present = False
    text = checklist_markdown(run_checklist(session(attendees=roster), NOW))
    assert text.startswith("## Setup checklist\n")
    assert "- [ ] **Edge Platform team lead attends**" in text
    assert "Kenji \\*Sato\\*" in text and "*Sato*" not in text.replace("\\*", "")
    assert "- [x] A time-box of 60 to 90 minutes: 75 minutes" in text
