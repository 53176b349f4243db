"""CSV timeline import: columns, quoting, line numbers, every error path, caps, duplicates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from facilitator_app.model import Awareness, Lane, Tag, TimelineEvent, two_teams
from facilitator_app.timeline.importing import (
    FieldMapping,
    ImportOptions,
    ImportResult,
    Limits,
    TimelineImportError,
    parse_timeline,
)

TEAMS = two_teams("Payments", "Edge Platform")
HEADER = "timestamp,team,actor,event,observation,aware_of_other_team,source_url,tags\n"


def parse(text: str | bytes, **options: object) -> ImportResult:
    data = text.encode("utf-8") if isinstance(text, str) else text
    existing = options.pop("existing", ())
    return parse_timeline(
        data,
        file="t.csv",
        teams=TEAMS,
        options=ImportOptions(**options),  # type: ignore[arg-type]
        existing=existing,
    )  # type: ignore[arg-type]


def rejected(text: str | bytes, **options: object) -> TimelineImportError:
    with pytest.raises(TimelineImportError) as info:
        parse(text, **options)
    return info.value


def where(error: TimelineImportError) -> list[tuple[int | None, str | None]]:
    return [(p.line, p.column) for p in error.problems]


def test_every_column_is_read() -> None:
    result = parse(
        HEADER + "2026-11-10T14:02:00+01:00,Payments,on-call,Deploy v2,"
        "saw 5xx,yes,https://logs.example.com/x?q=1,divergence point\n"
    )
    [event] = result.events
    assert event.occurred_at == datetime(2026, 11, 10, 13, 2, tzinfo=UTC)
    assert event.occurred_at.utcoffset().total_seconds() == 3600  # original offset kept
    assert (event.lane, event.actor, event.description) == (Lane.A, "on-call", "Deploy v2")
    assert event.observations[Lane.A].saw == "saw 5xx"
    assert event.observations[Lane.A].aware_of_other is Awareness.YES
    assert event.source_url == "https://logs.example.com/x?q=1"
    assert event.tags == [Tag.DIVERGENCE.value]
    assert event.imported_from == "t.csv:2"


def test_only_the_three_required_columns_are_needed_in_any_order() -> None:
    result = parse("Event, TEAM ,timestamp\nsomething,edge platform,2026-11-10T13:00:00Z\n")
    assert [(e.lane, e.description) for e in result.events] == [(Lane.B, "something")]


def test_quoted_commas_and_newlines_keep_their_starting_line() -> None:
    text = (
        HEADER + '2026-11-10T13:00:00Z,Payments,,"Rollback, v41 -> v40","line one\nline two\n'
        'line three",no,,\n'
        + "2026-11-10T13:01:00Z,Payments,,next,,,,\n"
        + "2026-11-10T13:02:00Z,Nowhere,,bad,,,,\n"
    )
    error = rejected(text)
    assert where(error) == [(6, "team")]  # 1 header + 3 physical lines of the quoted row + 1
    ok = parse(text, skip_bad_rows=True)
    assert ok.events[0].description == "Rollback, v41 -> v40"
    assert ok.events[0].observations[Lane.A].saw == "line one\nline two\nline three"
    assert ok.lines == [2, 5]


def test_bom_and_crlf_line_endings() -> None:
    text = (
        HEADER
        + "2026-11-10T13:00:00Z,Payments,,a,,,,\r\n"
        + "2026-11-10T13:01:00Z,Edge Platform,,b,,,,\r\n"
    ).replace("\n", "\r\n")
    with_bom = parse(b"\xef\xbb\xbf" + text.encode())
    without = parse(text)
    assert [e.description for e in with_bom.events] == ["a", "b"]
    assert [e.description for e in without.events] == ["a", "b"]


def test_team_names_are_trimmed_and_matched_without_case_or_extra_spaces() -> None:
    result = parse(
        "timestamp,team,event\n2026-11-10T13:00:00Z,  edge   PLATFORM ,x\n"
        "2026-11-10T13:00:00Z,\tpayments,y\n"
    )
    assert [e.lane for e in result.events] == [Lane.B, Lane.A]


def test_an_unknown_team_names_both_teams() -> None:
    error = rejected("timestamp,team,event\n2026-11-10T13:00:00Z,Edge,x\n")
    assert "'Edge' is not one of the session's teams ('Payments' or 'Edge Platform')" in (
        error.message
    )
    assert error.line == 2 and error.field == "team"


def test_every_bad_row_is_listed_with_line_column_and_reason() -> None:
    text = (
        HEADER
        + "2026-11-10T13:00:00Z,Payments,,fine,,,,\n"
        + "not a time,Payments,,x,,,,\n"
        + "2026-11-10T13:00:00Z,Payments,,,,,,\n"
        + "2026-11-10T13:00:00Z,Payments,,y,,maybe,ftp://x/y,\n"
        + "2026-11-10T13:00:00Z,Payments,,z,,,,,extra\n"
        + "2026-11-10T13:00:00Z,Payments,,short\n"
    )
    error = rejected(text)
    assert where(error) == [
        (3, "timestamp"),
        (4, "event"),
        (5, "aware_of_other_team"),
        (5, "source_url"),
        (6, None),
        (7, None),
    ]
    assert error.bad_lines == [3, 4, 5, 6, 7]
    assert "5 bad rows; nothing was imported" in error.message
    lines = error.lines()
    assert lines[0].startswith("t.csv, line 3, field 'timestamp': 'not a time' is not")
    assert "has 9 fields but the header has 8" in lines[4]
    assert "only http and https" in lines[3]


def test_skip_bad_rows_imports_the_good_ones_and_still_lists_the_bad() -> None:
    text = (
        HEADER
        + "2026-11-10T13:00:00Z,Payments,,good,,,,\n"
        + "2026-11-10T13:00:00Z,Nobody,,bad,,,,\n"
        + "2026-11-10T13:05:00Z,Edge Platform,,good too,,,,\n"
    )
    result = parse(text, skip_bad_rows=True)
    assert [e.description for e in result.events] == ["good", "good too"]
    assert [(p.line, p.column) for p in result.skipped] == [(3, "team")]
    assert result.summary() == "2 events (1 bad row skipped)"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "header"),
        ("\n\n", 1, "header"),
        ("timestamp,event\n", 1, "no team"),
        ("timestmap,team,event\n", 1, "'timestmap' a typo"),
        ("timestamp,team,event,Team\n", 1, "twice"),
        ("timestamp,team,event\n", None, "no rows"),
    ],
)
def test_header_problems_reject_the_file(text: str, line: int | None, words: str) -> None:
    error = rejected(text)
    assert error.problems[0].line == line
    assert words in error.message


def test_unknown_columns_are_ignored_with_a_notice() -> None:
    result = parse("timestamp,team,event,jira\n2026-11-10T13:00:00Z,Payments,x,OPS-1\n")
    assert result.notices == ["ignored columns: jira"]


def test_a_default_team_makes_the_team_column_optional() -> None:
    result = parse(
        "timestamp,event\n2026-11-10T13:00:00Z,x\n",
        mapping=FieldMapping(default_team=" edge platform "),
    )
    assert result.events[0].lane is Lane.B


def test_broken_quotes_are_reported_and_reading_goes_on() -> None:
    text = (
        "timestamp,team,event\n"
        + '2026-11-10T13:00:00Z,Payments,"quoted"tail\n'
        + "2026-11-10T13:01:00Z,Nobody,x\n"
        + '2026-11-10T13:02:00Z,Payments,"never closed\n'
        + "2026-11-10T13:03:00Z,Payments,y\n"
    )
    error = rejected(text)
    assert where(error) == [(2, None), (3, "team"), (4, None)]
    assert "right after a closing quote" in error.problems[0].reason
    assert "never closed" in error.problems[2].reason


def test_blank_lines_are_skipped_but_still_counted() -> None:
    text = "timestamp,team,event\n\n2026-11-10T13:00:00Z,Payments,x\n\n\n2026-11-10,Payments,y\n"
    assert where(rejected(text)) == [(6, "timestamp")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", Awareness.YES),
        ("No", Awareness.NO),
        ("TRUE", Awareness.YES),
        ("0", Awareness.NO),
        ("", None),
        ("unknown", None),
        (" y ", Awareness.YES),
    ],
)
def test_awareness_spellings(value: str, expected: Awareness | None) -> None:
    result = parse(
        f"timestamp,team,event,aware_of_other_team\n2026-11-10T13:00:00Z,Payments,x,{value}\n"
    )
    obs = result.events[0].observations.get(Lane.A)
    assert (obs.aware_of_other if obs else None) == expected


def test_tags_split_on_semicolons_and_known_spellings_become_the_tags() -> None:
    result = parse(
        "timestamp,team,event,tags\n2026-11-10T13:00:00Z,Payments,x,"
        '"Locally correct, globally unexpected; divergence;  db ; db"\n'
    )
    assert result.events[0].tags == [Tag.LOCALLY_CORRECT.value, Tag.DIVERGENCE.value, "db"]


def test_links_are_re_serialised_and_odd_ones_refused() -> None:
    good = parse(
        "timestamp,team,event,source_url\n"
        "2026-11-10T13:00:00Z,Payments,x,HTTPS://Logs.Example.com/a b\n",
        skip_bad_rows=True,
    )
    assert good.events == [] and good.skipped[0].column == "source_url"
    url = parse(
        "timestamp,team,event,source_url\n"
        "2026-11-10T13:00:00Z,Payments,x,HTTPS://Logs.Example.com:8443/a%20b?x=<y>\n"
    )
    assert url.events[0].source_url == "https://logs.example.com:8443/a%20b?x=%3Cy%3E"
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://",
        "//host/x",
        "https://user:pw@host/",
    ):
        error = rejected(
            f"timestamp,team,event,source_url\n2026-11-10T13:00:00Z,Payments,x,{bad}\n"
        )
        assert where(error) == [(2, "source_url")], bad


def test_exact_duplicates_are_dropped_and_reported_with_both_lines() -> None:
    text = (
        "timestamp,team,event\n"
        "2026-11-10T14:00:00+01:00,Payments,Deploy\n"
        "2026-11-10T13:00:00Z,Payments,Deploy\n"  # the same instant, other offset
        "2026-11-10T13:00:00Z,Edge Platform,Deploy\n"  # other team: not a duplicate
        "2026-11-10T13:00:00Z,Payments, Deploy \n"
    )  # trimmed: the same
    result = parse(text)
    assert len(result.events) == 2
    assert [(d.line, d.first_line) for d in result.duplicates] == [(3, 2), (5, 2)]
    assert result.duplicates[0].describe() == (
        "line 3: same time, team and event as line 2; dropped"
    )


def test_rows_already_in_the_session_are_dropped() -> None:
    existing = TimelineEvent(datetime(2026, 11, 10, 13, 0, tzinfo=UTC), Lane.A, "", "Deploy")
    result = parse(
        "timestamp,team,event\n2026-11-10T13:00:00Z,Payments,Deploy\n"
        "2026-11-10T13:01:00Z,Payments,Deploy\n",
        existing=[existing],
    )
    assert [d.first_line for d in result.duplicates] == [None]
    assert len(result.events) == 1


def test_file_size_cap() -> None:
    error = rejected(
        "timestamp,team,event\n" + "2026-11-10T13:00:00Z,Payments,x\n" * 10,
        limits=Limits(max_bytes=100),
    )
    assert "larger than" in error.message and "nothing was imported" in error.message


def test_row_cap_names_the_first_row_over_it() -> None:
    rows = "".join(f"2026-11-10T13:00:{i:02d}Z,Payments,x{i}\n" for i in range(5))
    error = rejected("timestamp,team,event\n" + rows, limits=Limits(max_rows=3))
    assert error.problems[0].line == 5 and "more than 3 rows" in error.message


def test_field_length_cap() -> None:
    error = rejected(
        f"timestamp,team,event\n2026-11-10T13:00:00Z,Payments,{'x' * 51}\n",
        limits=Limits(max_field_chars=50),
    )
    assert where(error) == [(2, "event")] and "longer than 50" in error.message


def test_a_field_beyond_the_csv_module_limit_stops_reading() -> None:
    huge = "x" * 200_000
    error = rejected(
        f'timestamp,team,event\n2026-11-10T13:00:00Z,Payments,"{huge}"\n'
        "2026-11-10T13:00:00Z,Nobody,y\n",
        skip_bad_rows=True,
    )
    assert error.problems[0].line == 2 and error.problems[0].fatal
    assert len(error.problems) == 1


@pytest.mark.parametrize(
    ("data", "words", "line"),
    [
        (b"timestamp,team,event\n2026-11-10T13:00:00Z,Payments,caf\xe9\n", "not UTF-8", 2),
        (b"\xff\xfet\x00i\x00", "UTF-16", None),
        (b"timestamp,team,event\n\n2026-11-10T13:00:00Z,Payments,a\x00b\n", "NUL", 3),
    ],
)
def test_encoding_problems_name_the_line(data: bytes, words: str, line: int | None) -> None:
    error = rejected(data, skip_bad_rows=True)
    assert words in error.message and error.line == line


def test_event_text_longer_than_an_event_may_be() -> None:
    error = rejected(f"timestamp,team,event\n2026-11-10T13:00:00Z,Payments,{'x' * 2001}\n")
    assert where(error) == [(2, "event")] and "2000" in error.message


def test_unknown_format_is_our_error() -> None:
    error = rejected("x", format="xml")
    assert error.problems[0].column == "--format"


def test_a_broken_header_is_reported_on_line_one() -> None:
    error = rejected('"timestamp"x,team,event\n2026-11-10T13:00:00Z,Payments,x\n')
    assert error.problems[0].line == 1 and "header is not valid CSV" in error.message


def test_a_tag_longer_than_a_tag_may_be() -> None:
    error = rejected(f"timestamp,team,event,tags\n2026-11-10T13:00:00Z,Payments,x,{'t' * 61}\n")
    assert where(error) == [(2, "tags")] and "60" in error.message


def test_an_actor_longer_than_an_actor_may_be() -> None:
    error = rejected(f"timestamp,team,actor,event\n2026-11-10T13:00:00Z,Payments,{'a' * 121},x\n")
    assert where(error) == [(2, "actor")]


def test_the_models_limits_are_checked_on_the_bulk_path_naming_each_column() -> None:
    """Rows are written without model objects, so the importer enforces the model's limits."""
    text = (
        "timestamp,team,actor,event,source_url,tags\n"
        f"2026-11-10T13:00:00Z,Payments,{'a' * 121},ok,,\n"
        f"2026-11-10T13:00:00Z,Payments,x,{'e' * 2001},,\n"
        f"2026-11-10T13:00:00Z,Payments,x,ok,https://x.example/{'u' * 2000},\n"
        f"2026-11-10T13:00:00Z,Payments,x,ok,,{'t' * 61}\n"
        f"2026-11-10T13:00:00Z,Payments,{' ' * 50 + 'a' * 120 + ' ' * 50},  fine  ,,\n"
    )
    result = parse(text, skip_bad_rows=True)
    assert [(p.line, p.column, p.reason) for p in result.skipped] == [
        (2, "actor", "longer than 120 characters"),
        (3, "event", "longer than 2000 characters"),
        (4, "source_url", "longer than 2000 characters"),
        (5, "tags", "longer than 60 characters"),
    ]
    [row] = result.rows
    [event] = result.events  # the model accepts what the bulk path accepted, unchanged
    assert (event.actor, event.description) == ("a" * 120, "fine") == (row[2], row[3])
