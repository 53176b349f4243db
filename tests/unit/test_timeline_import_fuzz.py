"""Fuzzing the importers: only our error type escapes, and a file imports whole or not at all."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_app.model import Lane, two_teams
from facilitator_app.timeline.importing import (
    FORMAT_NAMES,
    FieldMapping,
    ImportOptions,
    Limits,
    TimelineImportError,
    parse_timeline,
)
from storage import SqliteStore

TEAMS = two_teams("Payments", "Edge Platform")
SMALL = Limits(max_bytes=20_000, max_rows=50, max_field_chars=300)
HEADER = [
    "timestamp",
    "team",
    "actor",
    "event",
    "observation",
    "aware_of_other_team",
    "source_url",
    "tags",
]

cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
any_row = st.lists(cells, min_size=0, max_size=10)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | cells
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cells, inner, max_size=3),
    max_leaves=10,
)
record_keys = st.sampled_from([*HEADER, "ts", "user", "text", "subtype", "message", "x"])
records = st.dictionaries(
    record_keys,
    json_values
    | st.sampled_from(
        ["2026-11-10T13:00:00Z", "Payments", "edge platform", "1794315720.5", "yes", "2026-11-10"]
    ),
    max_size=8,
)


def parse(data: bytes, fmt: str, skip: bool, zone: str | None = None):  # type: ignore[no-untyped-def]
    mapping = FieldMapping(team_values={"U1": "Payments"}) if fmt == "slack" else FieldMapping()
    return parse_timeline(
        data,
        file="f",
        teams=TEAMS,
        options=ImportOptions(
            format=fmt, zone=zone, skip_bad_rows=skip, mapping=mapping, limits=SMALL
        ),
    )


def only_our_error(data: bytes, fmt: str, skip: bool, zone: str | None = None) -> None:
    try:
        result = parse(data, fmt, skip, zone)
    except TimelineImportError as exc:
        assert exc.problems and all(p.reason for p in exc.problems)
        return
    assert len(result.events) == len(result.lines)
    if not skip:
        assert result.skipped == []


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(FORMAT_NAMES), st.booleans())
def test_random_bytes_raise_nothing_but_our_error(data: bytes, fmt: str, skip: bool) -> None:
    only_our_error(data, fmt, skip)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(any_row, max_size=8),
    st.booleans(),
    st.sampled_from([None, "Europe/Berlin", "America/New_York"]),
)
def test_random_csv_raises_nothing_but_our_error(
    rows: list[list[str]], skip: bool, zone: str | None
) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    only_our_error(out.getvalue().encode("utf-8", "surrogatepass"), "csv", skip, zone)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records, max_size=6), st.sampled_from(["json", "jsonl", "slack"]), st.booleans())
def test_random_json_records_raise_nothing_but_our_error(
    rows: list[dict[str, object]], fmt: str, skip: bool
) -> None:
    lines = [json.dumps(r) for r in rows]
    text = "\n".join(lines) if fmt == "jsonl" else json.dumps(rows, indent=1)
    only_our_error(text.encode(), fmt, skip)


# ---- valid rows round-trip, with the right physical line numbers ---------------------------

descriptions = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
offsets = st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: timedelta(minutes=15 * q))
good_rows = st.tuples(
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(list(Lane)),
    descriptions,
    offsets,
    st.text(alphabet='ab \n,"', max_size=12),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(good_rows, min_size=1, max_size=12), st.data())
def test_good_rows_round_trip_and_a_bad_row_rejects_all(rows, data) -> None:  # type: ignore[no-untyped-def]
    base = datetime(2026, 11, 10, 12, tzinfo=UTC)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    starts = []
    expected = []
    for seconds, lane, text, offset, seen in rows:
        when = (base + timedelta(seconds=seconds)).astimezone(timezone(offset))
        starts.append(out.getvalue().count("\n") + 1)
        writer.writerow(
            [when.isoformat(), TEAMS[0 if lane is Lane.A else 1].name, "", text, seen, "", "", ""]
        )
        expected.append((base + timedelta(seconds=seconds), lane, text))
    text_file = out.getvalue()
    result = parse(text_file.encode(), "csv", skip=False)
    kept = {(t, lane, d) for t, lane, d in expected}
    assert len(result.events) + len(result.duplicates) == len(rows)
    assert {(e.occurred_at, e.lane, e.description) for e in result.events} == kept
    assert all(line in starts for line in result.lines)

    bad_index = data.draw(st.integers(min_value=0, max_value=len(rows)))
    lines = text_file.splitlines(keepends=True)
    # insert a bad row before the record that started on starts[bad_index] (or at the end)
    cut = starts[bad_index] - 1 if bad_index < len(rows) else len(lines)
    broken = "".join(lines[:cut]) + "not-a-time,Payments,,x,,,,\n" + "".join(lines[cut:])
    with pytest.raises(TimelineImportError) as info:
        parse(broken.encode(), "csv", skip=False)
    assert [(p.line, p.column) for p in info.value.problems] == [(cut + 1, "timestamp")]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(any_row, max_size=6))
def test_the_store_gets_the_whole_file_or_nothing(tmp_path: Path, rows: list[list[str]]) -> None:
    from tests.helpers.timeline_fixtures import make_session

    path = tmp_path / "fuzz.db"
    store = SqliteStore.open(path)
    try:
        session = make_session()
        store.create_session(session)
        assert session.id is not None
        before = len(store.load_session(session.id).events)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
        try:
            result = parse(out.getvalue().encode("utf-8", "surrogatepass"), "csv", skip=False)
        except TimelineImportError:
            added = 0
        else:
            store.import_events(session.id, result.events)
            added = len(result.events)
        assert len(store.load_session(session.id).events) == before + added
    finally:
        store.close()
        path.unlink()
