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
