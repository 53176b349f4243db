"""The bulk CSV path gives exactly what the row-by-row path gives, or steps aside for it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator_app.model import two_teams
from facilitator_app.timeline.importing import (
    FieldMapping,
    ImportOptions,
    TimelineImportError,
    parse_timeline,
)
from facilitator_app.timeline.importing.batch import csv_batch
from facilitator_app.timeline.importing.limits import DEFAULT_LIMITS
from facilitator_app.timeline.importing.rows import RowContext, TeamResolver

TEAMS = two_teams("Payments", "Edge Platform")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # a window around everything: the row-by-row path

stamps = st.builds(
    lambda minutes, hours: (
        (datetime(2026, 11, 10, tzinfo=UTC) + timedelta(minutes=minutes))
        .astimezone(timezone(timedelta(hours=hours)))
        .isoformat()
    ),
    st.integers(0, 600),
    st.sampled_from([0, 1, -5, 5.5]),
) | st.sampled_from(
    ["2026-11-10T13:00:00", "nope", "", "2026-11-10 13:00:00Z", " 2026-11-10T13:00:00Z"]
)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)
row = st.tuples(
    stamps,
    st.sampled_from(["Payments", "edge platform", " Payments ", "Nobody", ""]),
    texts,
    texts | st.just("Rate limit deployed"),
    texts,
    st.sampled_from(["yes", "no", "", "unknown", "Y", "maybe"]),
    st.sampled_from(["", "https://logs.example.com/1", "HTTP://Logs.Example.com/a b", "ftp://x"]),
    st.sampled_from(["", "lcgu", "divergence point;db", "x" * 61]),
)
good_stamps = st.builds(
    lambda minutes, hours: (
        (datetime(2026, 11, 10, tzinfo=UTC) + timedelta(minutes=minutes))
        .astimezone(timezone(timedelta(hours=hours)))
        .isoformat()
    ),
    st.integers(0, 600),
    st.sampled_from([0, 1, -5, 5.5]),
)
clean_row = st.tuples(
    good_stamps,
    st.sampled_from(["Payments", "edge platform", " Payments "]),
    texts,
    texts.filter(lambda t: t.strip() != ""),
    texts,
    st.sampled_from(["yes", "no", "", "unknown", "Y"]),
    st.sampled_from(["", "https://logs.example.com/1", "HTTP://Logs.Example.com/a%20b"]),
    st.sampled_from(["", "lcgu", "divergence point;db", " db ; db "]),
)
HEADER = "timestamp,team,actor,event,observation,aware_of_other_team,source_url,tags"


def as_csv(rows: list[tuple[str, ...]], header: str = HEADER) -> bytes:
    out = io.StringIO()
    out.write(header + "\n")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def outcome(data: bytes, **options: object) -> object:
    try:
        result = parse_timeline(
            data,
            file="t.csv",
            teams=TEAMS,
            options=ImportOptions(**options),  # type: ignore[arg-type]
        )
    except TimelineImportError as exc:
        return ("rejected", exc.lines())
    return (result.rows, result.lines, result.notices, result.duplicates, result.skipped)


@given(st.lists(row, min_size=1, max_size=8), st.booleans())
@settings(max_examples=300, deadline=None)
def test_bulk_and_row_by_row_agree(rows: list[tuple[str, ...]], skip: bool) -> None:
    data = as_csv(rows)
    assert outcome(data, skip_bad_rows=skip) == outcome(data, skip_bad_rows=skip, since=EPOCH)


@given(st.lists(clean_row, min_size=1, max_size=8), st.data())
@settings(max_examples=200, deadline=None)
def test_bulk_and_row_by_row_agree_on_clean_files(
    rows: list[tuple[str, ...]], data: st.DataObject
) -> None:
    """Mostly clean files (the bulk path's own ground), a column dropped now and then."""
    drop = data.draw(st.sampled_from([None, 2, 4, 5, 6, 7]))
    header = HEADER.split(",")
    if drop is not None:
        header = header[:drop] + header[drop + 1 :]
        rows = [r[:drop] + r[drop + 1 :] for r in rows]
    text = as_csv(rows, ",".join(header))
    assert outcome(text) == outcome(text, since=EPOCH)


def test_a_clean_file_takes_the_bulk_path_with_the_same_lines() -> None:
    data = (
        as_csv(
            [
                (
                    "2026-11-10T13:00:00+01:00",
                    "Payments",
                    "on-call",
                    "a",
                    "saw\nit",
                    "no",
                    "",
                    "lcgu",
                ),
                (
                    "2026-11-10T13:00:00Z",
                    " edge platform",
                    "",
                    "b",
                    "",
                    "",
                    "https://x.example/1",
                    "",
                ),
            ],
            header=HEADER + ",extra",
        )
        .replace(b"lcgu\n", b"lcgu,\n")
        .replace(b"/1,\n", b"/1,,\n")
    )
    context = RowContext(
        TeamResolver(TEAMS, FieldMapping()), FieldMapping(), None, DEFAULT_LIMITS, "t.csv", False
    )
    notices: list[str] = []
    fast = csv_batch(data.decode(), "t.csv", context, notices, set())
    assert fast is not None
    assert fast[1] == [2, 4] and notices == ["ignored columns: extra"]
    assert outcome(data) == outcome(data, since=EPOCH)


def test_rows_and_model_objects_are_stored_alike(tmp_path: Path) -> None:
    """The command line writes row tuples, the app model objects: the database cannot tell."""
    from facilitator_app.model import Session
    from facilitator_app.timeline.merge import assign_seq
    from storage import SqliteStore

    data = as_csv(
        [
            ("2026-11-10T14:00:00+01:00", "Payments", "on-call", "a", "saw it", "no", "", "lcgu"),
            ("2026-11-10T13:00:00.250000Z", "Edge Platform", "", "b", "", "yes", "", "x;y"),
            ("2026-11-10T08:00:00-05:00", "Payments", "lead", "c", "", "", "https://x.example", ""),
        ]
    )
    loaded = []
    for how in ("rows", "events"):
        store = SqliteStore.open(tmp_path / f"{how}.db", lock=False)
        session = Session("S", TEAMS)
        store.create_session(session)
        assert session.id is not None
        result = parse_timeline(data, file="t.csv", teams=session.teams, options=ImportOptions())
        if how == "rows":
            store.import_event_rows(session.id, result.rows, 0)
        else:
            assign_seq([], result.events)
            store.import_events(session.id, result.events)
        events = store.load_session(session.id).sorted_events()
        loaded.append(
            [
                (
                    e.occurred_at,
                    e.occurred_at.utcoffset(),
                    e.seq,
                    e.lane,
                    e.actor,
                    e.description,
                    e.source_url,
                    e.imported_from,
                    e.tags,
                    {lane: (o.saw, o.aware_of_other) for lane, o in e.observations.items()},
                )
                for e in events
            ]
        )
        store.close()
    assert loaded[0] == loaded[1] and len(loaded[0]) == 3
