"""The model's boundary: one URL rule, bounded numbers, no control characters, ASCII ids.

Every way a value gets in (import-session, the editors, the importers, the room's page) builds
a model entity, so these rules are tested once here and through `import-session` end to end.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

import pytest

from facilitator_app import session_json
from facilitator_app.cli import main
from facilitator_app.errors import ValidationError
from facilitator_app.ids import parse_id
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    Attendee,
    ClosingPoll,
    ContributingFactor,
    FactorOwner,
    HolderKind,
    Lane,
    Phase,
    Session,
    SpeakingInterval,
    TimelineEvent,
    two_teams,
)
from tests.helpers.sessions import rich_session

AT = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
HOSTILE_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "http://user:pw@evil.example/",
    "https://ex ample.org",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


# ---- one URL rule ----------------------------------------------------------------------------


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_an_event_source_url_is_http_or_https_only(link: str) -> None:
    with pytest.raises(ValidationError) as caught:
        TimelineEvent(AT, Lane.A, "sre", "deploy", source_url=link)
    assert caught.value.field == "source_url"


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_an_action_ticket_url_is_http_or_https_only(link: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ActionItem(ActionKind.TEAM, "Add a runbook", ticket_url=link)
    assert caught.value.field == "ticket_url"


def test_good_links_are_kept_and_re_serialised() -> None:
    event = TimelineEvent(AT, Lane.A, "", "deploy", source_url=" https://logs.example/q?a=1 ")
    assert event.source_url == "https://logs.example/q?a=1"
    item = ActionItem(ActionKind.TEAM, "x", ticket_url="HTTPS://Tracker.Example/T-1")
    assert item.ticket_url == "https://tracker.example/T-1"
    assert ActionItem(ActionKind.TEAM, "x").ticket_url == ""


def _session_file(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(session_json.dumps(rich_session()))
    mutate(data)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["timeline", "action_items"])
def test_import_session_refuses_a_javascript_link_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    key = "source_url" if where == "timeline" else "ticket_url"

    def mutate(data: dict) -> None:  # type: ignore[type-arg]
        data[where][0][key] = "javascript:alert(document.cookie)"

    db = tmp_path / "x.db"
    status, out, err = run(capsys, "--db", db, "import-session", _session_file(tmp_path, mutate))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and f"{where}[0].{key}" in err and "javascript" in err
    status, out, _ = run(capsys, "--db", db, "sessions")
    assert "no sessions yet" in out  # nothing half-imported


# ---- numbers within the meeting's bounds -----------------------------------------------------


@pytest.mark.parametrize("seconds", [1e308, math.inf, math.nan, -1.0, 8 * 24 * 3600.0])
def test_a_speaking_interval_has_a_finite_bounded_duration(seconds: float) -> None:
    with pytest.raises(ValidationError) as caught:
        SpeakingInterval(HolderKind.NOBODY, AT, AT, seconds=seconds)
    assert caught.value.field == "speaking.seconds"


@pytest.mark.parametrize("minutes", [math.inf, math.nan, -1, 601, "inf", "1e308"])
def test_phase_minutes_are_finite_and_bounded(minutes: object) -> None:
    with pytest.raises(ValidationError):
        Phase("framing", "Framing", minutes)  # type: ignore[arg-type]


@pytest.mark.parametrize("votes", [10**30, -1, 1.5, True])
def test_votes_are_bounded_whole_numbers(votes: object) -> None:
    with pytest.raises(ValidationError):
        ContributingFactor("Retry storm", FactorOwner.A, votes=votes)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        ClosingPoll(learned_yes=votes)  # type: ignore[arg-type]


@pytest.mark.parametrize("timebox", [10**30, 0, 481, 2.5])
def test_the_timebox_is_bounded(timebox: object) -> None:
    with pytest.raises(ValidationError):
        Session("t", two_teams("A", "B"), timebox_minutes=timebox)  # type: ignore[arg-type]


def test_import_session_refuses_1e308_seconds_before_anything_is_stored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def mutate(data: dict) -> None:  # type: ignore[type-arg]
        data["speaking"]["intervals"][0]["seconds"] = 1e308

    db = tmp_path / "x.db"
    status, _, err = run(capsys, "--db", db, "import-session", _session_file(tmp_path, mutate))
    assert status == 2 and "speaking.intervals[0].seconds" in err and err.count("\n") == 1


# ---- control characters ----------------------------------------------------------------------


def test_control_characters_are_stripped_from_every_text() -> None:
    s = Session("Check\x00out \x1b[31moutage\x07", two_teams("Pay\x00", "Ed\x1bge"))
    assert s.title == "Checkout [31moutage"
    assert [t.name for t in s.teams] == ["Pay", "Edge"]
    assert Attendee("Ann\u202eNAL").name == "AnnNAL"  # a bidi override cannot reorder names
    item = ActionItem(ActionKind.JOINT, "one\x00\r\ntwo", lead="Li\nLee")
    assert item.description == "one\ntwo"  # a line break is kept in a long text
    assert item.lead == "Li Lee"  # and becomes a space in a one-line field
    event = TimelineEvent(AT, Lane.B, "bot\x9b", "paged\x0c", tags=["\x00", "hot\x01"])
    assert (event.actor, event.description, event.tags) == ("bot", "paged", ["hot"])


def test_a_title_of_control_characters_only_is_empty(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValidationError) as caught:
        Session("\x00\x1b\x07", two_teams("A", "B"))
    assert caught.value.field == "title"


def test_sessions_output_and_exports_never_carry_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "x.db"
    title = "Out\x00age \x1b]0;pwned\x07 \x1b[2J"
    status, out, _ = run(
        capsys, "--db", db, "new-session", "--title", title, "--team-a", "A\x00", "--team-b", "B"
    )
    assert status == 0
    session = out.strip()
    _, listing, _ = run(capsys, "--db", db, "sessions")
    for fmt in ("html", "md", "actions-csv", "json"):
        status, exported, _ = run(capsys, "--db", db, "export", session, "--format", fmt)
        assert status == 0
        assert not any(ord(c) < 32 and c not in "\n\t\r" for c in exported), fmt
    assert "\x00" not in listing and "\x1b" not in listing and "\x07" not in listing
    assert "Outage ]0;pwned [2J" in listing


# ---- ids -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["99999999999999999999999", "\u0661", "0", "-1", "1e3", "", "²"])
def test_ids_are_ascii_digits_in_sqlites_range(text: str) -> None:
    with pytest.raises(ValidationError.__mro__[1]):  # UserError
        parse_id(text)


def test_ids_in_range_are_read() -> None:
    assert parse_id("42") == 42 and parse_id(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize(
    "argv",
    [
        ["--session", "99999999999999999999999"],
        ["export", "99999999999999999999999", "--format", "md"],
        ["export", "\u0661", "--format", "md"],
        ["lint-actions", "\u0661"],
        ["import-timeline", "99999999999999999999999", "x.csv"],
        ["new-session", "--title", "t", "--team-a", "a", "--team-b", "b", "--timebox", "1" * 40],
    ],
)
def test_huge_and_non_ascii_ids_are_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(tmp_path / "x.db"), *argv])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.count("\n") == 1 and err.startswith("facilitator: error:"), err
    assert not (tmp_path / "x.db").exists()  # refused before the database is touched


# ---- times within the calendar ----------------------------------------------------------------


@pytest.mark.parametrize(
    "stamp",
    ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "9999-12-31T23:59:59+00:00"],
)
@pytest.mark.parametrize(
    "place",
    [
        ("timeline", "timestamp"),
        ("session", "incident_start"),
        ("speaking", "end"),
    ],
)
def test_times_at_the_calendars_ends_are_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, stamp: str, place: tuple[str, str]
) -> None:
    where, key = place

    def mutate(data: dict) -> None:  # type: ignore[type-arg]
        if where == "timeline":
            data["timeline"][0][key] = stamp
        elif where == "session":
            data["session"][key] = stamp
        else:
            data["speaking"]["intervals"][0].update(seconds=None, end=stamp)

    db = tmp_path / "x.db"
    status, _, err = run(capsys, "--db", db, "import-session", _session_file(tmp_path, mutate))
    assert status == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "out of range" in err or "between the years" in err


def test_a_speaking_interval_cannot_span_more_than_a_meeting_can() -> None:
    with pytest.raises(ValidationError):
        SpeakingInterval(HolderKind.NOBODY, AT, AT.replace(year=2100))
