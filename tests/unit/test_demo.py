"""The built-in demo session: realistic enough to rehearse with, lossless through JSON and SQLite.

`facilitator --demo` and many tests start from it, so it has to load, look like a real two-team
incident on both lanes, and survive every way a session is stored.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from facilitator_app import session_json
from facilitator_app.demo import DEMO_DAY, DEMO_RESOURCE, load_demo_session
from facilitator_app.model import (
    DEFAULT_AGENDA,
    ActionKind,
    Awareness,
    FactorOwner,
    Lane,
    Role,
    Session,
    SessionState,
    Tag,
)
from facilitator_app.paths import read_resource_text
from storage import SqliteStore

FIXED_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def demo() -> Session:
    return load_demo_session()


def _comparable(session: Session) -> dict[str, Any]:
    data = session_json.session_to_dict(session, now=FIXED_NOW)
    del data["exported_at"]
    del data["session"]["revised_at"]  # when it was last saved: bookkeeping, not content
    return data


def test_the_demo_is_a_draft_two_team_session_ready_to_run(demo: Session) -> None:
    assert {t.name for t in demo.teams} == {"Payments", "Edge Platform"}
    assert demo.state is SessionState.DRAFT
    assert demo.timebox_minutes == 75
    assert demo.incident_start and demo.incident_end and demo.incident_start < demo.incident_end
    assert demo.scheduled_start and demo.pre_read_sent_at
    assert demo.scheduled_start > demo.incident_end
    assert demo.scheduled_start - demo.pre_read_sent_at > timedelta(hours=24)
    assert [(p.key, p.title, p.planned_minutes) for p in demo.phases] == list(DEFAULT_AGENDA)
    assert all(p.started_at is None and p.ended_at is None for p in demo.phases)
    assert demo.speaking == []
    assert (
        demo.poll.learned_yes,
        demo.poll.learned_no,
        demo.poll.again_yes,
        demo.poll.again_no,
    ) == (0, 0, 0, 0)


def test_attendees_include_a_neutral_facilitator_and_both_teams(demo: Session) -> None:
    facilitators = [a for a in demo.attendees if a.role is Role.FACILITATOR]
    assert len(facilitators) == 1 and facilitators[0].lane is None
    assert any(a.role is Role.NOTE_TAKER for a in demo.attendees)
    for lane in Lane:
        roles = [a.role for a in demo.attendees if a.lane is lane]
        assert Role.LEAD in roles
        assert 2 <= roles.count(Role.ON_CALL) <= 3


def test_the_timeline_has_about_forty_events_interleaved_across_both_lanes(
    demo: Session,
) -> None:
    events = demo.sorted_events()
    assert 35 <= len(events) <= 45
    per_lane = {lane: sum(e.lane is lane for e in events) for lane in Lane}
    assert min(per_lane.values()) >= 15
    lane_changes = sum(a.lane is not b.lane for a, b in pairwise(events))
    assert lane_changes >= 20
    span = events[-1].occurred_at - events[0].occurred_at
    assert timedelta(minutes=60) <= span <= timedelta(minutes=80)


def test_each_team_keeps_its_own_original_offset(demo: Session) -> None:
    offsets = {
        lane: {e.occurred_at.utcoffset() for e in demo.events if e.lane is lane} for lane in Lane
    }
    assert offsets[Lane.A] == {timedelta(hours=1)}
    assert offsets[Lane.B] == {timedelta(hours=-5)}


def test_exactly_one_divergence_point_and_a_few_locally_correct_events(demo: Session) -> None:
    def tagged(tag: Tag) -> list[str]:
        return [e.description for e in demo.events if tag.value in e.tags]

    assert len(tagged(Tag.DIVERGENCE)) == 1
    assert 3 <= len(tagged(Tag.LOCALLY_CORRECT)) <= 4


def test_observations_come_from_both_teams_with_every_awareness_answer(demo: Session) -> None:
    observations = [o for e in demo.events for o in e.observations.values()]
    both = [e for e in demo.events if set(e.observations) == {Lane.A, Lane.B}]
    assert {o.lane for o in observations} == {Lane.A, Lane.B}
    assert len(observations) >= 40
    assert len(both) >= 10
    assert {o.aware_of_other for o in observations} == set(Awareness)
    assert all(o.saw for o in observations)


def test_every_source_link_is_https(demo: Session) -> None:
    for e in demo.events:
        assert urlparse(e.source_url).scheme == "https", e.description
        assert urlparse(e.source_url).netloc, e.description


def test_factors_cover_both_teams_and_their_interaction_with_votes_and_events(
    demo: Session,
) -> None:
    assert 5 <= len(demo.factors) <= 7
    assert {f.owner for f in demo.factors} == set(FactorOwner)
    known = {e.id for e in demo.events}
    for f in demo.factors:
        assert f.votes > 0
        assert f.event_ids and set(f.event_ids) <= known


def test_action_items_mix_specific_and_deliberately_vague(demo: Session) -> None:
    assert 6 <= len(demo.actions) <= 8
    assert {a.kind for a in demo.actions} == set(ActionKind)
    specific = [a for a in demo.actions if (a.owner or a.lead) and a.due and a.test_of_done]
    vague = [a for a in demo.actions if not (a.owner or a.lead or a.due or a.test_of_done)]
    assert len(specific) >= 4
    assert 1 <= len(vague) <= 2
    assert "Improve communication between teams." in [a.description for a in vague]
    for a in demo.actions:
        if a.kind is ActionKind.TEAM:
            assert a.owner and a.lane is not None
        if a.kind is ActionKind.JOINT and a in specific:
            assert a.lead


def test_notes_and_parked_ideas_point_at_real_events(demo: Session) -> None:
    known = {e.id for e in demo.events}
    assert demo.notes
    assert len(demo.parked) == 2
    for item in [*demo.notes, *demo.parked]:
        assert item.event_id is None or item.event_id in known


def test_the_resource_file_is_exactly_what_session_json_writes() -> None:
    raw = json.loads(read_resource_text(DEMO_RESOURCE))
    written = json.loads(session_json.dumps(load_demo_session(DEMO_DAY), now=FIXED_NOW))
    for data in (raw, written):
        del data["exported_at"], data["generator"]
    assert written == raw


def test_the_demo_round_trips_through_session_json(demo: Session) -> None:
    again = session_json.loads(session_json.dumps(demo, now=FIXED_NOW))
    assert _comparable(again) == _comparable(demo)


def test_the_demo_round_trips_through_the_sqlite_store(demo: Session, tmp_path: Path) -> None:
    expected = _comparable(demo)
    store = SqliteStore.open(tmp_path / "demo.db")
    try:
        session_id = store.create_session(demo)
        loaded = store.load_session(session_id)
    finally:
        store.close()
    assert _comparable(loaded) == expected


def _demo_as_seen_on(day: date) -> list[object]:
    """What a user sees of the demo opened on `day` and looked at that day: every item's verdict
    and follow-up flags, and the meeting's day relative to the item dates."""
    from facilitator_app.actions.check import check_item
    from facilitator_app.follow_up import due_label, follow_up
    from facilitator_app.store import SessionAction, SessionSummary

    session = load_demo_session(day)
    opened = datetime.combine(day, datetime.min.time(), UTC)
    summary = SessionSummary(1, session.title, "A", "B", "draft", None, opened)
    rows = follow_up([SessionAction(summary, item) for item in session.actions], today=day)
    return [
        [(check_item(i, session, today=day).to_json(), due_label(i, day)) for i in session.actions],
        [(r.item.description, r.flags(), r.days_unchanged) for r in rows],
        [(i.due - day).days if i.due else None for i in session.actions],
    ]


def test_the_demo_looks_the_same_on_any_day() -> None:
    """Opened on two days a year apart (an injected clock), the demo's verdicts and follow-up
    flags are the same, save for the resolved dates themselves."""
    first, later = date(2026, 12, 6), date(2027, 12, 6)
    seen_first, seen_later = _demo_as_seen_on(first), _demo_as_seen_on(later)

    def without_dates(seen: list[object]) -> str:
        return re.sub(r"\d{4}-\d{2}-\d{2}", "DATE", json.dumps(seen))

    assert without_dates(seen_first) == without_dates(seen_later)
    verdicts = [v for v, _ in seen_first[0]]  # type: ignore[attr-defined]
    specific = [v for v in verdicts if v["verdict"] == "specific"]
    assert len(specific) >= 4 and all("OVERDUE" not in label for _, label in seen_first[0])  # type: ignore[attr-defined]


def test_the_demo_meeting_is_on_the_day_it_is_opened() -> None:
    day = date(2031, 3, 2)
    session = load_demo_session(day)
    assert session.scheduled_start is not None and session.scheduled_start.date() == day
    assert session.incident_start is not None and session.incident_start.date() < day
