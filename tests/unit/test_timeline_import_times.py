"""Timestamps on import: offsets kept, naive times need a zone, DST gaps and repeats refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from facilitator_app.model import two_teams
from facilitator_app.timeline.importing import (
    ImportOptions,
    TimelineImportError,
    parse_timeline,
    resolve_zone,
)
from facilitator_app.timeline.importing.times import FieldFault, parse_timestamp

TEAMS = two_teams("Payments", "Edge Platform")


def one_time(stamp: str, zone: str | None = None) -> datetime:
    result = parse_timeline(
        f"timestamp,team,event\n{stamp},Payments,x\n".encode(),
        file="t.csv",
        teams=TEAMS,
        options=ImportOptions(zone=zone),
    )
    return result.events[0].occurred_at


def reason(stamp: str, zone: str | None = None) -> str:
    with pytest.raises(TimelineImportError) as info:
        one_time(stamp, zone)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (2, "timestamp")
    return problem.reason


@pytest.mark.parametrize(
    ("stamp", "utc", "offset_hours"),
    [
        ("2026-11-10T14:02:00+01:00", "2026-11-10T13:02:00", 1),
        ("2026-11-10T08:02:00-05:00", "2026-11-10T13:02:00", -5),
        ("2026-11-10T13:02:00Z", "2026-11-10T13:02:00", 0),
        ("2026-11-10T13:02:00z", "2026-11-10T13:02:00", 0),
        ("2026-11-10 18:32:00.250+05:30", "2026-11-10T13:02:00.250000", 5.5),
        ("20261110T130200Z", "2026-11-10T13:02:00", 0),
    ],
)
def test_offsets_are_normalised_and_the_original_is_kept(
    stamp: str, utc: str, offset_hours: float
) -> None:
    value = one_time(stamp)
    assert value.astimezone(UTC).replace(tzinfo=None).isoformat() == utc
    assert value.utcoffset() == timedelta(hours=offset_hours)


def test_a_naive_time_without_a_zone_is_refused() -> None:
    assert "has no UTC offset" in reason("2026-11-10T14:02:00")


def test_a_naive_time_takes_the_named_zone_and_its_offset_that_day() -> None:
    winter = one_time("2026-11-10T14:02:00", "Europe/Berlin")
    summer = one_time("2026-07-10T14:02:00", "Europe/Berlin")
    assert winter.utcoffset() == timedelta(hours=1)
    assert summer.utcoffset() == timedelta(hours=2)
    assert one_time("2026-11-10T14:02:00", "UTC").utcoffset() == timedelta(0)


def test_an_explicit_offset_wins_over_the_zone() -> None:
    value = one_time("2026-11-10T14:02:00-05:00", "Europe/Berlin")
    assert value.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("stamp", "zone"),
    [("2026-03-29T02:30:00", "Europe/Berlin"), ("2026-03-08T02:15:00", "America/New_York")],
)
def test_a_wall_time_skipped_by_the_clocks_is_reported(stamp: str, zone: str) -> None:
    words = reason(stamp, zone)
    assert "does not exist" in words and zone in words


@pytest.mark.parametrize(
    ("stamp", "zone", "offsets"),
    [
        ("2026-10-25T02:30:00", "Europe/Berlin", "+02:00 or +01:00"),
        ("2026-11-01T01:30:00", "America/New_York", "-04:00 or -05:00"),
    ],
)
def test_a_wall_time_that_happens_twice_is_reported_with_both_offsets(
    stamp: str, zone: str, offsets: str
) -> None:
    words = reason(stamp, zone)
    assert "happens twice" in words and offsets in words


def test_times_just_beside_the_dst_edges_import() -> None:
    before_gap = one_time("2026-03-29T01:59:59", "Europe/Berlin")
    after_gap = one_time("2026-03-29T03:00:00", "Europe/Berlin")
    assert after_gap - before_gap == timedelta(seconds=1)
    after_repeat = one_time("2026-10-25T03:00:00", "Europe/Berlin")
    assert after_repeat.utcoffset() == timedelta(hours=1)


def test_the_same_ambiguous_time_with_an_offset_is_fine() -> None:
    value = one_time("2026-10-25T02:30:00+01:00", "Europe/Berlin")
    assert value.astimezone(UTC).hour == 1


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-11-10",
        "yesterday",
        "2026-W45-2T10:00:00Z",
        "10/11/2026 14:02",
        "2026-13-10T10:00Z",
        "2026-11-10T25:00:00Z",
        "1712345678",
        "2026-11-10T14:02:00 CET",
    ],
)
def test_things_that_are_not_iso_datetimes(stamp: str) -> None:
    assert "ISO 8601" in reason(stamp)


def test_empty_timestamp() -> None:
    assert reason("") == "is empty"


def test_unknown_zone_is_our_error_naming_the_option() -> None:
    with pytest.raises(TimelineImportError) as info:
        one_time("2026-11-10T14:02:00", "Mars/Olympus")
    assert info.value.field == "--tz" and "unknown time zone" in info.value.message


def test_resolve_zone_accepts_utc_spellings() -> None:
    assert resolve_zone("utc") is UTC
    assert resolve_zone(" ") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, datetime(1970, 1, 1, tzinfo=UTC)),
        (1_794_315_720.5, datetime(2026, 11, 10, 13, 2, 0, 500000, tzinfo=UTC)),
    ],
)
def test_unix_seconds_when_allowed(value: float, expected: datetime) -> None:
    assert parse_timestamp(value, None, allow_unix=True) == expected


@pytest.mark.parametrize("value", [-1, 1e20, float("nan"), float("inf"), True])
def test_implausible_unix_times(value: float) -> None:
    with pytest.raises(FieldFault):
        parse_timestamp(value, None, allow_unix=True)


def test_numbers_are_not_times_in_csv_style_parsing() -> None:
    with pytest.raises(FieldFault, match="as text"):
        parse_timestamp(1_794_315_720, None)


def test_extreme_years_are_out_of_range_not_a_crash() -> None:
    assert "out of range" in reason("0001-01-01T00:00:00+05:00")
