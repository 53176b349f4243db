"""Several sources in one session: one stable timeline, and likely duplicates flagged, not
dropped (the pager's alert and the bot's echo of it in the incident channel)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator_app.model import Lane, TimelineEvent
from facilitator_app.timeline.merge import likely_duplicates, merge

T0 = datetime(2026, 11, 10, 23, 40, tzinfo=UTC)


def event(
    seconds: float, text: str, lane: Lane = Lane.A, origin: str = "slack.zip:1"
) -> TimelineEvent:
    return TimelineEvent(T0 + timedelta(seconds=seconds), lane, "", text, imported_from=origin)


SLACK_ECHO = event(0, "[Triggered] #4711 High error rate on checkout-api")


def flagged(arriving: TimelineEvent, existing: list[TimelineEvent] | None = None) -> bool:
    return bool(likely_duplicates(existing or [SLACK_ECHO], [arriving]))


def test_the_alert_and_its_echo_are_flagged() -> None:
    pager = event(
        0.5, "Triggered: High error rate on checkout-api (via Datadog)", origin="pd.json:3"
    )
    [found] = likely_duplicates([SLACK_ECHO], [pager])
    assert found.existing is SLACK_ECHO and found.index == 0 and found.similarity >= 80
    assert "from slack.zip:1 (0 s apart" in found.describe(pager, 3)


def test_what_is_not_a_likely_duplicate() -> None:
    text = "Triggered: High error rate on checkout-api"
    assert flagged(event(59, text, origin="pd.json:3"))
    assert not flagged(event(61, text, origin="pd.json:3"))  # more than a minute apart
    assert not flagged(event(0, text, Lane.B, origin="pd.json:3"))  # the other team
    assert not flagged(event(0, text, origin="slack.zip/incident/2026-11-10.json:9"))  # same source
    assert not flagged(event(0, "Acknowledged by Dana Okafor", origin="pd.json:4"))  # other words
    assert not flagged(event(0, "rate", origin="pd.json:5"))  # one word in common is not enough


def test_typed_in_events_count_as_another_source() -> None:
    typed = TimelineEvent(T0, Lane.A, "", "High error rate on checkout-api")
    assert flagged(
        event(10, "Triggered: High error rate on checkout-api", origin="pd.json:3"), [typed]
    )


@given(
    st.lists(st.tuples(st.integers(0, 50), st.sampled_from(list(Lane))), max_size=12),
    st.lists(st.tuples(st.integers(0, 50), st.sampled_from(list(Lane))), max_size=12),
)
@settings(max_examples=200, deadline=None)
def test_merging_a_second_source_keeps_the_first_in_its_order(
    first: list[tuple[int, Lane]], second: list[tuple[int, Lane]]
) -> None:
    """Events already in place never change their relative order; ties go to arrival order."""
    existing = merge([], [event(s, f"a{i}", lane) for i, (s, lane) in enumerate(first)])
    arriving = [event(s, f"b{i}", lane, "pd.json:1") for i, (s, lane) in enumerate(second)]
    timeline = merge(existing, arriving)
    assert [e for e in timeline if e in existing] == existing
    assert [e for e in timeline if e in arriving] == sorted(arriving, key=lambda e: e.occurred_at)
    keys = [(e.occurred_at, e.seq) for e in timeline]
    assert keys == sorted(keys)
    same_time_pairs = [(a, b) for a in existing for b in arriving if a.occurred_at == b.occurred_at]
    assert all(timeline.index(a) < timeline.index(b) for a, b in same_time_pairs)
