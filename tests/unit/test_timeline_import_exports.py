"""Slack exports, PagerDuty log entries and kubectl events: hostile input and fuzzing.

A zip is refused before anything is unpacked when it climbs out, holds too many members or
declares too much; a member that inflates past what it declares stops the read. Whatever the
bytes, only our one error type escapes.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from facilitator_app.model import Lane, two_teams
from facilitator_app.timeline.importing import (
    FieldMapping,
    ImportOptions,
    Limits,
    TimelineImportError,
    archive,
    parse_timeline,
)
from facilitator_app.timeline.importing.archive import ZipExport, open_export
from facilitator_app.timeline.importing.slack_export import list_channels
from tests.helpers.importer_fixtures import K8S_EVENTS, PAGERDUTY, SLACK_EXPORT, SLACK_TEAMS

TEAMS = two_teams("Payments", "Edge Platform")
SLACK_MAPPING = FieldMapping.from_pairs([], SLACK_TEAMS)


def export_zip(extra: dict[str, bytes] | None = None, skip: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(SLACK_EXPORT.rglob("*.json")):
            name = path.relative_to(SLACK_EXPORT).as_posix()
            if name != skip:
                out.write(path, name)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return buffer.getvalue()


def slack(data: bytes, **options: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {"format": "slack", "mapping": SLACK_MAPPING}
    values["channel"] = "incident-4711"
    values.update(options)
    return parse_timeline(
        data,
        file="export.zip",
        teams=TEAMS,
        options=ImportOptions(**values),  # type: ignore[arg-type]
    )


def refused(data: bytes, **options: object) -> str:
    with pytest.raises(TimelineImportError) as caught:
        slack(data, **options)
    return caught.value.message


def test_the_folder_and_the_zip_read_the_same() -> None:
    from_zip = slack(export_zip())
    from_folder = parse_timeline(
        open_export(SLACK_EXPORT, "slack_export", Limits()),
        file="slack_export",
        teams=TEAMS,
        options=ImportOptions(format="slack", mapping=SLACK_MAPPING, channel="#incident-4711"),
    )
    assert [e.description for e in from_zip.events] == [e.description for e in from_folder.events]
    assert [e.lane for e in from_zip.events][:3] == [Lane.A, Lane.A, Lane.B]


def test_the_channel_picker_lists_channels_with_their_days() -> None:
    channels = list_channels(ZipExport.open(export_zip(), "x.zip", Limits()), Limits())
    assert [(c.name, c.id, c.days) for c in channels] == [
        ("edge-platform", "C0EDGE", 0),
        ("incident-4711", "C0INC4711", 2),
        ("random", "C0RANDOM", 1),
    ]


def test_the_window_leaves_out_and_counts() -> None:
    result = slack(
        export_zip(),
        since=datetime(2026, 11, 10, 23, 41, tzinfo=UTC),
        until=datetime(2026, 11, 11, 0, 0, tzinfo=UTC),
    )
    assert len(result.events) == 6
    assert any(n.startswith("left out 3 events outside the window") for n in result.notices)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.json", "points outside it ('../evil.json'); refused"),
        ("/etc/evil.json", "points outside it ('/etc/evil.json'); refused"),
        ("C:\\evil.json", "points outside it ('C:\\\\evil.json'); refused"),
    ],
)
def test_climbing_or_absolute_members_refuse_the_zip(name: str, reason: str) -> None:
    assert reason in refused(export_zip({name: b"[]"}))


def test_too_many_members_refuse_the_zip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 4)
    assert "holds more than 4 members (the limit); refused" in refused(export_zip())


def test_a_zip_bomb_is_refused_by_its_declared_size() -> None:
    bomb = b"[" + b" " * 5_000_000 + b"]"  # compresses to a few kilobytes
    message = refused(
        export_zip({"incident-4711/2026-11-12.json": bomb}), limits=Limits(max_bytes=1_000_000)
    )
    assert "would unpack to" in message and "refused" in message


def test_a_member_that_inflates_past_its_declared_size_is_refused() -> None:
    data = bytearray(export_zip({"incident-4711/2026-11-12.json": b"[" + b" " * 400_000 + b"]"}))
    # lie in both headers: say the member unpacks to 10 bytes
    target = b"incident-4711/2026-11-12.json"
    for header, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(header, start)) >= 0:
            name_at = at + (30 if header == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(target)] == target:
                data[at + size_at : at + size_at + 4] = (10).to_bytes(4, "little")
            start = at + 4
    message = refused(bytes(data))
    assert "incident-4711/2026-11-12.json" in message
    assert "unpacks to more than it declares" in message or "cannot be unpacked" in message


def test_no_channel_named_lists_them() -> None:
    assert "name the channel to import (--channel); its channels: edge-platform" in refused(
        export_zip(), channel=None
    )


def test_a_zip_without_channels_json_is_not_a_slack_export() -> None:
    assert "is not a Slack export" in refused(export_zip(skip="channels.json"))


def test_a_bad_message_names_the_day_file_and_line() -> None:
    day = (
        b'[\n{"ts": "1794354000.1", "user": "U01DANA", "text": "ok"},\n{"ts": [1], "text": "x"}\n]'
    )
    message = refused(export_zip({"incident-4711/2026-11-09.json": day}))
    assert message == (
        "export.zip/incident-4711/2026-11-09.json, line 3, field 'ts': is not a Slack timestamp "
        "(Unix seconds as text); nothing was imported"
    )


def test_a_workspace_url_must_be_http() -> None:
    assert "--workspace-url only http and https" in refused(
        export_zip(), workspace_url="javascript:alert(1)"
    )


# ---- PagerDuty and Kubernetes --------------------------------------------------------------


def parse(data: bytes, fmt: str, **mapping: object):  # type: ignore[no-untyped-def]
    return parse_timeline(
        data,
        file=f"input.{fmt}",
        teams=TEAMS,
        options=ImportOptions(format=fmt, mapping=FieldMapping(**mapping), skip_bad_rows=True),  # type: ignore[arg-type]
    )


def test_pagerduty_as_a_bare_list_with_hostile_entries() -> None:
    entries = json.loads(PAGERDUTY.read_text())["log_entries"]
    entries[1]["created_at"] = 12  # a number is read as Unix seconds: still a time
    entries[2]["created_at"] = "yesterday"
    entries[3] = "not an entry"
    del entries[4]["type"]
    entries[5]["html_url"] = "javascript:alert(1)"
    text = json.dumps(entries, indent=1).encode()
    result = parse(text, "pagerduty", default_team="Payments")
    assert [p.column for p in result.skipped] == ["timestamp", None, "type", "source_url"]
    assert [e.description for e in result.events] == [  # file order; the timeline sorts
        "Triggered: High error rate on checkout-api (via Datadog)",
        "Notified Dana Okafor by sms",
    ]


def test_pagerduty_lane_from_the_team_summary() -> None:
    result = parse(
        PAGERDUTY.read_bytes(),
        "pagerduty",
        team_values={"Payments": "Edge Platform"},
        default_team="Payments",
    )
    assert [e.lane for e in result.events] == [Lane.B, *[Lane.A] * 5]


def test_k8s_events_without_a_list_or_time() -> None:
    with pytest.raises(TimelineImportError) as caught:
        parse(b'{"kind": "List", "metadata": {}}', "k8s-events", default_team="Payments")
    assert (
        caught.value.message
        == "input.k8s-events, line 1: has no 'items' list; nothing was imported"
    )
    doc = json.loads(K8S_EVENTS.read_text())
    doc["items"][3]["metadata"].pop("creationTimestamp")
    doc["items"][1]["count"] = "many"
    result = parse(json.dumps(doc).encode(), "k8s-events", default_team="Payments")
    assert [p.column for p in result.skipped] == ["firstTimestamp"]
    assert "times" not in result.events[1].description


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
entry = st.dictionaries(
    st.sampled_from(
        [
            "type",
            "created_at",
            "agent",
            "channel",
            "html_url",
            "firstTimestamp",
            "eventTime",
            "metadata",
            "involvedObject",
            "count",
            "reason",
            "message",
            "ts",
            "text",
            "attachments",
            "blocks",
            "files",
            "subtype",
            "bot_id",
            "user",
        ]
    ),
    json_values | st.sampled_from(["2026-11-10T23:40:00Z", "trigger_log_entry", "1794354000.1"]),
    max_size=8,
)


@given(
    st.lists(entry, max_size=5),
    st.sampled_from(["pagerduty", "k8s-events", "slack"]),
    st.booleans(),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzzed_entries_import_or_raise_our_error(
    entries: list[dict[str, object]], fmt: str, wrapped: bool
) -> None:
    key = {"pagerduty": "log_entries", "k8s-events": "items"}.get(fmt)
    doc: object = {key: entries} if wrapped and key else entries
    data = json.dumps(doc).encode()
    if fmt == "slack" and wrapped:
        data = export_zip({"incident-4711/2026-11-09.json": data})
    try:
        result = (
            parse(data, fmt, default_team="Payments")
            if fmt != "slack"
            else slack(data, skip_bad_rows=True, mapping=FieldMapping(default_team="Payments"))
        )
    except TimelineImportError:
        return
    assert all(e.description.strip() for e in result.events)


@given(st.binary(max_size=400))
@settings(max_examples=100, deadline=None)
def test_fuzzed_zip_bytes_raise_only_our_error(noise: bytes) -> None:
    data = export_zip()
    mangled = data[: len(data) // 2] + noise + data[len(data) // 2 :]
    with contextlib.suppress(TimelineImportError):
        slack(mangled)


def test_nothing_is_written_next_to_the_zip(tmp_path: Path) -> None:
    source = tmp_path / "export.zip"
    source.write_bytes(export_zip({"../escaped.json": b"[]"}))
    with pytest.raises(TimelineImportError):
        slack(source.read_bytes())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.zip"]


@pytest.mark.parametrize("fmt", ["pagerduty", "k8s-events"])
def test_a_huge_file_is_refused_before_parsing(fmt: str) -> None:
    data = b'{"items": [' + b'{"reason": "x"},' * 20_000 + b"{}]}"
    with pytest.raises(TimelineImportError) as caught:
        parse_timeline(
            data,
            file="big.json",
            teams=TEAMS,
            options=ImportOptions(format=fmt, limits=Limits(max_bytes=100_000)),
        )
    assert caught.value.message == (
        "big.json: the file is larger than 0.0953674 MB (the limit); nothing was imported"
    )


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        (b'{"items": {"a": 1}}', "has no 'items' list"),
        (b'"a string"', "must be a JSON object with 'items' or a JSON list"),
        (b'{"items": [1, 2]', "the object is never closed"),
    ],
)
def test_k8s_documents_of_the_wrong_shape(doc: bytes, reason: str) -> None:
    with pytest.raises(TimelineImportError) as caught:
        parse(doc, "k8s-events", default_team="Payments")
    assert reason in caught.value.message


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=8))
@example(flips=[(2221, 0)])  # a member whose name became empty: zipfile's is_dir() fails
@settings(max_examples=150, deadline=None)
def test_flipped_bytes_in_a_zip_raise_only_our_error(flips: list[tuple[int, int]]) -> None:
    data = bytearray(export_zip())
    for at, value in flips:
        data[at % len(data)] = value
    with contextlib.suppress(TimelineImportError):
        slack(bytes(data), skip_bad_rows=True)


def _patch_central_directory(data: bytes, field_offset: int, value: bytes) -> bytes:
    """Every central-directory entry's field at `field_offset` set to `value`."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at != -1:
        patched[at + field_offset : at + field_offset + len(value)] = value
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


@pytest.mark.parametrize(
    ("field_offset", "value", "why"),
    [
        (6, (75).to_bytes(2, "little"), "a zip version Python cannot read (NotImplementedError)"),
    ],
)
def test_a_damaged_zip_directory_is_our_error_not_zipfiles(
    field_offset: int, value: bytes, why: str
) -> None:
    """Found by the fuzz test above: zipfile raises more than BadZipFile on damaged input."""
    damaged = _patch_central_directory(export_zip(), field_offset, value)
    with pytest.raises(TimelineImportError) as caught:
        slack(damaged, skip_bad_rows=True)
    assert "export.zip" in caught.value.message, why
