"""The running sums agree with a plain walk over the intervals, whatever the intervals are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator_app.engine.balance import window_totals
from facilitator_app.engine.tally import Tally
from facilitator_app.model import HolderKind, Lane, SpeakingInterval
from facilitator_app.speaking_totals import speaking_totals

T0 = datetime(2026, 1, 1, tzinfo=UTC)

holders = st.sampled_from(
    [
        (HolderKind.TEAM, Lane.A),
        (HolderKind.TEAM, Lane.B),
        (HolderKind.ATTENDEE, Lane.A),
        (HolderKind.FACILITATOR, None),
        (HolderKind.CROSSTALK, None),
        (HolderKind.NOBODY, None),
    ]
)
spans = st.lists(st.tuples(holders, st.floats(0, 900, allow_nan=False)), max_size=40)


def intervals(spec: list) -> list[SpeakingInterval]:
    out, at = [], T0
    for (kind, lane), seconds in spec:
        end = at + timedelta(seconds=seconds)
        out.append(
            SpeakingInterval(
                kind, at, end, lane, 7 if kind is HolderKind.ATTENDEE else None, seconds
            )
        )
        at = end
    return out


@given(spans, st.floats(1, 3600, allow_nan=False))
def test_window_by_prefix_sums_matches_the_walk(spec: list, window: float) -> None:
    closed = intervals(spec)
    tally = Tally()
    for interval in closed:  # extended one switch at a time, as the engine does
        tally.add(interval)
    whole = speaking_totals(closed)
    assert tally.totals.total == pytest.approx(whole.total)
    assert tally.totals.by_attendee == pytest.approx(whole.by_attendee)
    walked = window_totals(closed, None, 0.0, window)
    a, b = tally.teams_since(max(0.0, tally.total - window))
    assert (a, b) == (
        pytest.approx(walked.team_a, abs=1e-6),
        pytest.approx(walked.team_b, abs=1e-6),
    )
    assert Tally(closed).cum_a == pytest.approx(tally.cum_a)


@pytest.mark.parametrize(
    ("holder", "lane", "attendee", "bucket"),
    [
        (HolderKind.TEAM, Lane.A, None, "team_a"),
        (HolderKind.TEAM, Lane.B, None, "team_b"),
        (HolderKind.ATTENDEE, Lane.B, 7, "team_b"),
        (HolderKind.FACILITATOR, None, None, "facilitator"),
        (HolderKind.CROSSTALK, None, None, "crosstalk"),
        (HolderKind.NOBODY, None, None, "nobody"),
    ],
)
def test_one_bucket_rule_for_the_stored_sums_the_running_sums_and_the_floor(
    holder: HolderKind, lane: Lane | None, attendee: int | None, bucket: str
) -> None:
    from facilitator_app.engine.floor import Floor

    interval = SpeakingInterval(
        holder, T0, T0 + timedelta(seconds=30), seconds=30.0, lane=lane, attendee_id=attendee
    )
    stored = speaking_totals([interval])
    running = Tally()
    running.add(interval)
    for totals in (stored, running.totals):
        assert getattr(totals, bucket) == 30.0 and totals.total == 30.0
        assert totals.by_attendee == ({attendee: 30.0} if attendee else {})
    counted = Floor.of(interval).team_lane
    assert counted == (lane if bucket.startswith("team_") else None)
