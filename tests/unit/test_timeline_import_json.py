"""JSON, JSON Lines, a mapped log and a Slack export: same columns, same rules, line numbers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from facilitator_app.errors import UserError
from facilitator_app.model import Lane, two_teams
from facilitator_app.timeline.importing import (
    FieldMapping,
    ImportOptions,
    ImportResult,
    TimelineImportError,
    detect_format,
    parse_timeline,
)
from facilitator_app.timeline.importing.slack import readable_text

TEAMS = two_teams("Payments", "Edge Platform")


def parse(text: str, fmt: str, **options: object) -> ImportResult:
    return parse_timeline(
        text.encode(), file=f"t.{fmt}", teams=TEAMS, options=ImportOptions(format=fmt, **options)
    )  # type: ignore[arg-type]


def rejected(text: str, fmt: str, **options: object) -> TimelineImportError:
    with pytest.raises(TimelineImportError) as info:
        parse(text, fmt, **options)
    return info.value


def test_a_json_list_reads_like_the_csv_and_knows_each_objects_line() -> None:
    text = """[
  {"timestamp": "2026-11-10T14:02:00+01:00", "team": "Payments", "event": "a",
   "aware_of_other_team": false, "tags": ["divergence point", "db"]},
  {"timestamp": "2026-11-10T13:03:00Z",
   "team": "Nobody",
   "event": "b"},
  {"timestamp": "2026-11-10T13:04:00Z", "team": "Edge Platform", "event": "c"}
]"""
    error = rejected(text, "json")
    assert [(p.line, p.column) for p in error.problems] == [(4, "team")]
    result = parse(text, "json", skip_bad_rows=True)
    assert [e.description for e in result.events] == ["a", "c"]
    assert result.lines == [2, 7]
    assert result.events[0].tags == ["divergence-point", "db"]
    assert result.events[0].observations[Lane.A].aware_of_other.value == "no"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('{"timestamp": "x"}', 1, "list of objects"),
        ("", 1, "list of objects"),
        (
            '[{"timestamp": "2026-11-10T13:00:00Z",\n "team": "Payments", "event": "x"}\n,',
            3,
            "not valid JSON",
        ),
        ('[\n{"a": 1}\n{"b": 2}]', 3, "expected ',' or ']'"),
        ('[{"a": 1}] trailing', 1, "extra text"),
        ("[" * 100_000, 1, "nested too deeply"),
    ],
)
def test_broken_json_rejects_the_file_at_its_line(text: str, line: int, words: str) -> None:
    error = rejected(text, "json", skip_bad_rows=True)
    assert error.problems[0].line == line and words in error.message


def test_a_json_element_that_is_not_an_object_is_a_bad_row() -> None:
    error = rejected(
        '[\n  "just text",\n  {"timestamp": "2026-11-10T13:00:00Z", "team": '
        '"Payments", "event": "x"}\n]',
        "json",
    )
    assert [(p.line, p.reason) for p in error.problems] == [(2, "must be a JSON object ({...})")]


def test_json_value_types_are_checked() -> None:
    error = rejected(
        '[{"timestamp": ["2026"], "team": {"n": 1}, "event": "x", '
        '"aware_of_other_team": 3, "tags": [1, {}]}]',
        "json",
    )
    assert {p.column for p in error.problems} == {
        "timestamp",
        "team",
        "aware_of_other_team",
        "tags",
    }


def test_empty_json_list_has_no_rows() -> None:
    assert "no rows" in rejected("[ ]", "json").message


def test_jsonl_bad_lines_are_rows_and_blank_lines_count() -> None:
    text = (
        '{"timestamp": "2026-11-10T13:00:00Z", "team": "Payments", "event": "a"}\n'
        "\n"
        "{not json}\n"
        "[1, 2]\n"
        '{"timestamp": "2026-11-10T13:00:00Z", "team": "Payments", "event": "b"} x\n'
        '{"timestamp": "2026-11-10T13:01:00Z", "team": "Edge Platform", "event": "c"}\n'
    )
    error = rejected(text, "jsonl")
    assert [p.line for p in error.problems] == [3, 4, 5]
    result = parse(text, "jsonl", skip_bad_rows=True)
    assert result.lines == [1, 6]


def test_a_generic_log_through_the_mapping() -> None:
    log = "\n".join(
        json.dumps(r)
        for r in [
            {
                "@timestamp": "2026-11-10T13:00:00.120Z",
                "service": "checkout-api",
                "host": {"name": "web-1"},
                "message": "5xx spike",
                "level": "error",
            },
            {"@timestamp": 1794315660, "service": "edge-proxy", "message": "429 storm"},
            {"@timestamp": "2026-11-10T13:02:00Z", "message": "no service: default team"},
        ]
    )
    mapping = FieldMapping.from_pairs(
        ["timestamp=@timestamp", "event=message", "actor=host.name", "team=service"],
        ["checkout-api=Payments", "edge-proxy=edge platform"],
        "Payments",
    )
    result = parse(log, "jsonl", mapping=mapping)
    assert [(e.lane, e.actor, e.description) for e in result.events] == [
        (Lane.A, "web-1", "5xx spike"),
        (Lane.B, "", "429 storm"),
        (Lane.A, "", "no service: default team"),
    ]
    assert result.events[1].occurred_at == datetime(2026, 11, 10, 13, 1, tzinfo=UTC)


def test_mapping_errors_name_the_files_own_field() -> None:
    mapping = FieldMapping.from_pairs(["event=message", "team=service"])
    error = rejected(
        '{"timestamp": "2026-11-10T13:00:00Z", "service": "x"}\n', "jsonl", mapping=mapping
    )
    assert sorted((p.column or "") for p in error.problems) == ["message", "service"]


@pytest.mark.parametrize(
    ("maps", "values", "team", "words"),
    [
        (["colour=x"], [], None, "cannot map colour"),
        (["event"], [], None, "not NAME=VALUE"),
        (["event= "], [], None, "not NAME=VALUE"),
    ],
)
def test_bad_mappings_are_user_errors(
    maps: list[str], values: list[str], team: str | None, words: str
) -> None:
    with pytest.raises(UserError, match=words):
        FieldMapping.from_pairs(maps, values, team)


@pytest.mark.parametrize(("values", "team"), [(["svc=Nobody"], None), ([], "Nobody")])
def test_mapping_to_an_unknown_team_is_refused(values: list[str], team: str | None) -> None:
    error = rejected("[]", "json", mapping=FieldMapping.from_pairs([], values, team))
    assert error.problems[0].column in ("--team", "--team-value")


SLACK = [
    {
        "type": "message",
        "subtype": "channel_join",
        "ts": "1794315600.000100",
        "user": "U1",
        "text": "<@U1> has joined the channel",
    },
    {
        "type": "message",
        "ts": "1794315720.000200",
        "user": "U1",
        "user_profile": {"real_name": "Dana Okafor"},
        "text": "seeing 5xx &amp; 429s, see <https://grafana.example.com/d/1|the dashboard>",
    },
    {
        "type": "message",
        "ts": "1794315780.500000",
        "user": "U2",
        "user_profile": {"real_name": "Lee Chan"},
        "text": "<@U1> we deployed a rate limit <!here>",
    },
    {
        "type": "message",
        "subtype": "bot_message",
        "ts": "1794315800.000000",
        "bot_profile": {"name": "PagerDuty"},
        "username": "pagerduty",
        "text": "Incident #42 triggered",
    },
    {"type": "message", "ts": "not-a-time", "user": "U2", "text": "bad"},
]


def test_a_slack_export_reads_as_events() -> None:
    text = json.dumps(SLACK, indent=1)
    mapping = FieldMapping.from_pairs([], ["U1=Payments", "U2=Edge Platform"], "Payments")
    result = parse(text, "slack", mapping=mapping, skip_bad_rows=True)
    assert [(e.lane, e.actor, e.description) for e in result.events] == [
        (
            Lane.A,
            "Dana Okafor",
            "seeing 5xx & 429s, see the dashboard (https://grafana.example.com/d/1)",
        ),
        (Lane.B, "Lee Chan", "@Dana Okafor we deployed a rate limit @here"),
        (Lane.A, "PagerDuty", "Incident #42 triggered"),
    ]
    assert result.events[1].occurred_at == datetime(2026, 11, 10, 13, 3, 0, 500000, tzinfo=UTC)
    assert result.notices == ["skipped 1 join/leave/topic/purpose messages"]
    bad_object_starts = text.rindex("{", 0, text.index('"not-a-time"'))
    assert [(p.column, p.line) for p in result.skipped] == [
        ("ts", text.count("\n", 0, bad_object_starts) + 1)
    ]


def test_slack_without_a_team_for_a_user_names_the_teams() -> None:
    error = rejected(
        json.dumps(SLACK[1:3]), "slack", mapping=FieldMapping.from_pairs([], ["U1=Payments"])
    )
    assert len(error.problems) == 1 and "is empty" in error.problems[0].reason


def test_long_slack_messages_are_shortened_and_counted() -> None:
    message = {"ts": "1794315720", "user": "U1", "text": "y" * 5000}
    result = parse(json.dumps([message]), "slack", mapping=FieldMapping(default_team="Payments"))
    assert len(result.events[0].description) <= 2000
    assert "shortened 1" in result.notices[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<#C1|incident-42> &lt;b&gt;", "#incident-42 <b>"),
        ("<mailto:a@b.c|a@b.c>", "a@b.c (mailto:a@b.c)"),
        ("<https://x.example>", "https://x.example"),
        ("<!subteam^S1|@edge-oncall> ping", "@edge-oncall ping"),
        ("<@U9>", "@U9"),
    ],
)
def test_slack_markup_is_made_readable(text: str, expected: str) -> None:
    assert readable_text(text, {}) == expected


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.csv", b"", "csv"),
        ("a.JSONL", b"", "jsonl"),
        ("a.ndjson", b"", "jsonl"),
        ("a.json", b'[{"timestamp": "x"}]', "json"),
        ("2026-11-10.json", b'[{"type": "message", "ts": "1.0"}]', "slack"),
        ("a.txt", b"", "csv"),
    ],
)
def test_detect_format(name: str, data: bytes, expected: str) -> None:
    assert detect_format(name, data) == expected


def test_text_fields_that_are_not_text() -> None:
    error = rejected(
        '[{"timestamp": "2026-11-10T13:00:00Z", "team": "Payments", "event": {"a": 1},'
        ' "actor": [1], "observation": 3.5, "source_url": true}]',
        "json",
    )
    assert {(p.column, p.reason) for p in error.problems} == {
        ("event", "must be text"),
        ("actor", "must be text"),
        ("source_url", "is not a link (it needs http:// or https://)"),
    }
