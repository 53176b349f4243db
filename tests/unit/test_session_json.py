"""The session JSON: a lossless hand-over between facilitators, and strict about bad files."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from facilitator_app import session_json
from facilitator_app.errors import UserError
from facilitator_app.model import (
    Lane,
    Session,
    SessionState,
)
from tests.helpers.sessions import at, rich_session, snapshot
from tests.helpers.strategies import sessions

NOW = at(14, 12)  # two minutes into the still-open last speaking interval


def exported(session: Session | None = None) -> dict[str, Any]:
    return json.loads(session_json.dumps(session or rich_session(), now=NOW))


def test_a_rich_session_round_trips_without_losing_anything() -> None:
    original = rich_session()
    again = session_json.loads(session_json.dumps(original, now=NOW))
    assert snapshot(again) == snapshot(original)
    # and writing it again gives the same file
    assert session_json.dumps(again, now=NOW) == session_json.dumps(original, now=NOW)


def test_original_offsets_survive_the_round_trip() -> None:
    again = session_json.loads(session_json.dumps(rich_session(), now=NOW))
    offsets = [e.occurred_at.utcoffset() for e in again.sorted_events()]
    assert offsets == [
        timedelta(hours=-5),
        timedelta(hours=1),
        timedelta(hours=5, minutes=30),
        timedelta(hours=-3, minutes=-30),
    ]
    assert again.incident_start is not None
    assert again.incident_start.isoformat() == "2026-11-10T19:25:00+05:30"
    assert again.pre_read_sent_at is not None
    assert again.pre_read_sent_at.isoformat() == "2026-11-11T09:30:15.123456+00:00"


def test_references_follow_the_entities_not_database_ids() -> None:
    again = session_json.loads(session_json.dumps(rich_session(), now=NOW))
    by_id = {e.id: e for e in again.events}
    by_action = {a.id: a for a in again.actions}
    attendees = {a.id: a for a in again.attendees}
    jitter = again.factors[0]
    assert [by_id[i].description for i in jitter.event_ids] == [
        'Paged: "checkout p99 > 2 s"',
        "Declared SEV1 <and> opened #inc-4411 & the bridge",
    ]
    assert by_id[again.notes[2].event_id].actor == "edge on-call"  # type: ignore[index]
    assert by_id[again.parked[0].event_id].lane is Lane.B  # type: ignore[index]
    assert by_action[again.parked[1].action_id].lead == "Sam O'Neill"  # type: ignore[index]
    assert attendees[again.speaking[2].attendee_id].name == "Li Wei"  # type: ignore[index]


def test_the_fixed_keys_other_tools_read() -> None:
    data = exported()
    assert (data["format"], data["version"]) == ("facilitator-session", 1)
    first = data["timeline"][0]
    assert {"timestamp", "team", "actor", "event", "source_url", "tags", "observations"} <= set(
        first
    )
    # display order, in UTC with a Z, the offset it was written in kept beside it
    assert [e["timestamp"] for e in data["timeline"]] == [
        "2026-11-10T14:02:00Z",
        "2026-11-10T14:02:00.250000Z",
        "2026-11-10T14:02:00.250000Z",
        "2026-11-10T15:10:00Z",
    ]
    assert [e["original_offset"] for e in data["timeline"]] == [
        "-05:00",
        "+01:00",
        "+05:30",
        "-03:30",
    ]
    assert first["team"] == "B" and first["tags"] == ["divergence-point", "config"]
    assert first["observations"] == {
        "B": {"saw": "Error rate back under 1 %", "aware_of_other_team": "no"}
    }
    interval = data["speaking"]["intervals"][2]
    assert interval == {
        "holder": "attendee",
        "team": "B",
        "attendee": 4,
        "attendee_name": "Li Wei",
        "start": "2026-11-10T14:05:30Z",
        "end": "2026-11-10T14:09:00Z",
        "seconds": 209.75,
    }
    assert data["speaking"]["intervals"][-1]["end"] is None
    item = data["action_items"][0]
    assert {k: item[k] for k in ("kind", "description", "owner", "lead", "due", "status")} == {
        "kind": "team",
        "description": "Add jitter to checkout retries",
        "owner": "Kai Lindqvist",
        "lead": "",
        "due": "2026-12-01",
        "status": "in progress",
    }


def test_speaking_totals_count_attendees_to_their_team_and_the_open_interval_to_now() -> None:
    totals = exported()["speaking"]["totals_seconds"]
    assert totals == {
        "team_a": 210.5 + 120.0,
        "team_b": 209.75,
        "facilitator": 120.0,
        "crosstalk": 20.0,
        "nobody": 40.0,
        "by_attendee": {"Li Wei": 209.75, "Kai Lindqvist": 120.0},
    }


def test_user_text_is_kept_verbatim_including_markup_and_unicode() -> None:
    text = session_json.dumps(rich_session(), now=NOW)
    assert 'Checkout outage — \\"rate limit\\" <2026-11-10>' in text
    assert session_json.loads(text).title == 'Checkout outage — "rate limit" <2026-11-10>'


def test_a_minimal_file_gets_the_defaults() -> None:
    minimal = {
        "format": "facilitator-session",
        "version": 1,
        "session": {"title": "Bare"},
        "teams": {"A": {"name": "Pay"}, "B": {"name": "Edge"}},
    }
    session = session_json.session_from_dict(minimal)
    assert session.title == "Bare"
    assert session.timebox_minutes == 75 and session.state is SessionState.DRAFT
    assert session.framing_question == "How did our two systems combine to cause this?"
    assert [t.colour for t in session.teams] == ["#0072B2", "#E69F00"]
    assert session.events == [] and session.attendees == []


# ---- bad files ----------------------------------------------------------------------------

Edit = Callable[[dict[str, Any]], None]


def setter(path: list[Any], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


BAD_VALUES: list[tuple[str, Edit, str]] = [
    ("session", setter(["session"], []), "must be an object"),
    ("session.title", setter(["session", "title"], "  "), "must not be empty"),
    ("session.title", setter(["session", "title"], 7), "must be text"),
    ("session.timebox_minutes", setter(["session", "timebox_minutes"], 2), "from 5 to 480"),
    ("session.timebox_minutes", setter(["session", "timebox_minutes"], "90"), "whole number"),
    ("session.state", setter(["session", "state"], "paused"), "'paused' is not one of"),
    ("session.incident_start", setter(["session", "incident_start"], "soon"), "ISO 8601"),
    (
        "session.incident_end",
        setter(["session", "incident_end"], "2026-11-10T13:00:00Z"),
        "ends before it starts",
    ),
    (
        "session.scheduled_start",
        setter(["session", "scheduled_start"], "2026-11-12T15:00:00"),
        "no UTC offset",
    ),
    ("teams.B", setter(["teams", "B"], None), "must be an object"),
    ("teams", setter(["teams", "B", "name"], " payments "), "different names"),
    ("teams.A.name", setter(["teams", "A", "name"], ""), "must not be empty"),
    ("teams.A.colour", setter(["teams", "A", "colour"], "pink"), "#RRGGBB"),
    ("attendees", setter(["attendees"], {"name": "x"}), "must be a list"),
    ("attendees[1].name", setter(["attendees", 1, "name"], " "), "must not be empty"),
    ("attendees[2].role", setter(["attendees", 2, "role"], "boss"), "'boss' is not one of"),
    ("attendees[3].team", setter(["attendees", 3, "team"], "C"), "'C' is not one of: A, B"),
    ("attendees[3].present", setter(["attendees", 3, "present"], "no"), "true or false"),
    ("phases[1].planned_minutes", setter(["phases", 1, "planned_minutes"], "long"), "number"),
    ("phases[1].planned_minutes", setter(["phases", 1, "planned_minutes"], 900), "600"),
    ("phases[0].started_at", setter(["phases", 0, "started_at"], 5), "ISO 8601"),
    ("timeline[1]", setter(["timeline", 1], "an event"), "must be an object"),
    ("timeline[1].timestamp", setter(["timeline", 1, "timestamp"], "yesterday"), "ISO 8601"),
    ("timeline[1].timestamp", setter(["timeline", 1, "timestamp"], None), "missing"),
    (
        "timeline[1].timestamp",
        setter(["timeline", 1, "timestamp"], "2026-11-10T14:02:00"),
        "no UTC offset",
    ),
    ("timeline[2].original_offset", setter(["timeline", 2, "original_offset"], "IST"), "offset"),
    ("timeline[0].team", setter(["timeline", 0, "team"], "both"), "'both' is not one of"),
    ("timeline[0].event", setter(["timeline", 0, "event"], ""), "must not be empty"),
    ("timeline[0].tags[1]", setter(["timeline", 0, "tags", 1], 3), "must be text"),
    (
        "timeline[1].observations.B.aware_of_other_team",
        setter(["timeline", 1, "observations", "B", "aware_of_other_team"], "maybe"),
        "'maybe' is not one of: yes, no, unknown",
    ),
    (
        "timeline[1].observations.B.saw",
        setter(["timeline", 1, "observations", "B", "saw"], ["a"]),
        "must be text",
    ),
    (
        "timeline[1].observations",
        setter(["timeline", 1, "observations", "C"], {"saw": "x"}),
        "'C' is not one of",
    ),
    (
        "speaking.intervals[2].attendee",
        setter(["speaking", "intervals", 2, "attendee"], 99),
        "refers to no entry (0..7)",
    ),
    (
        "speaking.intervals[1].team",
        setter(["speaking", "intervals", 1, "team"], None),
        "needs a team",
    ),
    (
        "speaking.intervals[0].end",
        setter(["speaking", "intervals", 0, "end"], "2026-11-10T13:00:00Z"),
        "ends before it starts",
    ),
    (
        "speaking.intervals[0].seconds",
        setter(["speaking", "intervals", 0, "seconds"], "2 min"),
        "number",
    ),
    ("factors[0].events[1]", setter(["factors", 0, "events", 1], 17), "refers to no entry"),
    ("factors[1].votes", setter(["factors", 1, "votes"], "many"), "whole number"),
    ("factors[1].votes", setter(["factors", 1, "votes"], -2), "negative"),
    ("factors[2].owner", setter(["factors", 2, "owner"], "nobody"), "'nobody' is not one of"),
    ("action_items[0].due", setter(["action_items", 0, "due"], "next week"), "YYYY-MM-DD"),
    ("action_items[1].kind", setter(["action_items", 1, "kind"], "shared"), "is not one of"),
    ("action_items[1].status", setter(["action_items", 1, "status"], "closed"), "not one of"),
    ("action_items[2].description", setter(["action_items", 2, "description"], ""), "empty"),
    (
        "action_items[0].history[1].at",
        setter(["action_items", 0, "history", 1, "at"], None),
        "missing",
    ),
    ("notes[2].event", setter(["notes", 2, "event"], -1), "refers to no entry"),
    ("notes[0].text", setter(["notes", 0, "text"], ""), "must not be empty"),
    ("notes[1].phase", setter(["notes", 1, "phase"], 3), "must be text"),
    ("parking_lot[1].action", setter(["parking_lot", 1, "action"], 9), "refers to no entry"),
    ("parking_lot[1].action", setter(["parking_lot", 1, "action"], True), "refers to no entry"),
    ("parking_lot[2].outcome", setter(["parking_lot", 2, "outcome"], "later"), "not one of"),
    ("closing_poll.learned_yes", setter(["closing_poll", "learned_yes"], -1), "negative"),
    ("closing_poll.again_no", setter(["closing_poll", "again_no"], 1.5), "whole number"),
]


@pytest.mark.parametrize(
    ("path", "edit", "reason"), BAD_VALUES, ids=[f"{p}:{r}" for p, _, r in BAD_VALUES]
)
def test_a_bad_value_is_reported_with_its_json_path(path: str, edit: Edit, reason: str) -> None:
    data = exported()
    edit(data)
    with pytest.raises(UserError) as info:
        session_json.loads(json.dumps(data), file="handover.json")
    error = info.value
    assert (error.file, error.field) == ("handover.json", path), error.message
    assert reason in error.reason
    assert error.message.startswith(f"handover.json, field '{path}': ")
    assert "\n" not in error.message


@pytest.mark.parametrize(
    ("edit", "field", "reason"),
    [
        (setter(["format"], "other-tool"), "format", "is not 'facilitator-session'"),
        (lambda d: d.pop("format"), "format", "is not 'facilitator-session'"),
        (setter(["version"], 2), "version", "version 2 is not supported"),
        (setter(["version"], "1"), "version", "is not supported"),
    ],
)
def test_another_format_or_version_is_refused(edit: Edit, field: str, reason: str) -> None:
    data = exported()
    edit(data)
    with pytest.raises(UserError, match=reason) as info:
        session_json.loads(json.dumps(data), file="x.json")
    assert info.value.field == field


def test_a_json_array_is_not_a_session() -> None:
    with pytest.raises(UserError, match="must be an object") as info:
        session_json.loads("[1, 2]", file="x.json")
    assert info.value.field == "$"


def test_invalid_json_names_the_file_and_line() -> None:
    text = session_json.dumps(rich_session(), now=NOW)
    lines = text.splitlines()
    lines[6] = lines[6].rstrip(",")  # drop a comma: the error is on the next line
    with pytest.raises(UserError) as info:
        session_json.loads("\n".join(lines), file="broken.json")
    assert info.value.line == 8
    assert info.value.message.startswith("broken.json, line 8: not valid JSON: ")


# ---- property: any valid session survives export and import --------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_any_valid_session_round_trips(session: Session) -> None:
    again = session_json.loads(session_json.dumps(session, now=NOW))
    assert snapshot(again) == snapshot(session)
