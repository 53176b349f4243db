"""`facilitator import-timeline`: the issue's "done means", end to end through the CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from facilitator_app.cli import main
from tests.helpers.timeline_fixtures import write

TWO_TEAMS = """timestamp,team,actor,event,observation,aware_of_other_team,source_url,tags
2026-11-10T14:05:00+01:00,Payments,on-call,Error rate alert fires,Checkout 5xx,no,https://logs.example/1,
2026-11-10T13:02:00Z,Edge Platform,on-call,Rate limit config deployed,Deploy green,no,,lcgu
2026-11-10T08:03:30-05:00,Edge Platform,lead,Rate limiter starts rejecting,,,,divergence point
2026-11-10T14:10:00+01:00, payments ,lead,"Rollback, v41 -> v40","We thought it was our deploy
(it was not)",no,,
2026-11-10T13:02:00Z,Edge Platform,on-call,Rate limit config deployed,,,,
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.db"
    code, out, _ = run(
        capsys,
        "--db",
        str(path),
        "new-session",
        "--title",
        "Outage",
        "--team-a",
        "Payments",
        "--team-b",
        "Edge Platform",
    )
    assert code == 0 and out.strip() == "1"
    return path


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of ours (SQLite's own statistics may change on close)."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        conn.close()


def test_mixed_offsets_import_and_export_in_utc_order(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "both.csv", TWO_TEAMS)
    code, out, err = run(capsys, "--db", str(db), "import-timeline", "1", str(source))
    assert code == 0
    assert out.strip() == "imported 4 events into session 1 (1 duplicate dropped)"
    assert "line 7: same time, team and event as line 3; dropped" in err
    code, out, _ = run(capsys, "--db", str(db), "export", "1", "--format", "json")
    timeline = json.loads(out)["timeline"]
    assert [(e["timestamp"], e["original_offset"], e["team"], e["event"]) for e in timeline] == [
        ("2026-11-10T13:02:00Z", "+00:00", "B", "Rate limit config deployed"),
        ("2026-11-10T13:03:30Z", "-05:00", "B", "Rate limiter starts rejecting"),
        ("2026-11-10T13:05:00Z", "+01:00", "A", "Error rate alert fires"),
        ("2026-11-10T13:10:00Z", "+01:00", "A", "Rollback, v41 -> v40"),
    ]
    assert timeline[3]["observations"]["A"]["saw"] == "We thought it was our deploy\n(it was not)"
    assert timeline[0]["tags"] == ["locally-correct-globally-unexpected"]


def test_one_bad_row_rejects_the_file_and_leaves_the_database_unchanged(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(db)
    bad = TWO_TEAMS.replace("2026-11-10T08:03:30-05:00", "2026-11-10T08:03:30")
    source = write(tmp_path / "bad.csv", bad)
    code, out, err = run(capsys, "--db", str(db), "import-timeline", "1", str(source))
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        f"facilitator: error: {source}, line 4, field 'timestamp': '2026-11-10T08:03:30' has no "
        "UTC offset; name the time zone it was written in (--tz, or the zone in the import "
        "dialog); nothing was imported"
    ]
    assert dump(db) == before


def test_every_bad_row_is_listed_on_stderr(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(db)
    source = write(
        tmp_path / "bad.csv",
        "timestamp,team,event\nnope,Payments,x\n"
        "2026-11-10T13:00:00Z,Nobody,y\n2026-11-10T13:00:00Z,Payments,\n",
    )
    code, _, err = run(capsys, "--db", str(db), "import-timeline", "1", str(source))
    lines = err.strip().splitlines()
    assert code == 2
    assert [line.split(", field")[0].rsplit(", ", 1)[1] for line in lines[:3]] == [
        "line 2",
        "line 3",
        "line 4",
    ]
    assert lines[-1].endswith("3 bad rows; nothing was imported")
    assert dump(db) == before


def test_skip_bad_rows_and_tz(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(
        tmp_path / "naive.csv",
        "timestamp,team,event\n2026-11-10T14:00:00,Payments,ok\n2026-11-10T14:01:00,Nobody,bad\n",
        bom=True,
    )
    code, out, err = run(
        capsys,
        "--db",
        str(db),
        "import-timeline",
        "1",
        str(source),
        "--tz",
        "Europe/Berlin",
        "--skip-bad-rows",
    )
    assert code == 0 and "imported 1 event into session 1 (1 bad row skipped)" in out
    assert "skipped: " in err and "line 3, field 'team'" in err
    code, out, _ = run(capsys, "--db", str(db), "export", "1", "--format", "json")
    assert json.loads(out)["timeline"][0]["timestamp"] == "2026-11-10T13:00:00Z"


def test_a_slack_export_with_team_options(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messages = [
        {
            "type": "message",
            "ts": "1794315720.000200",
            "user": "U1",
            "user_profile": {"real_name": "Dana"},
            "text": "we see 5xx",
        },
        {"type": "message", "ts": "1794315780.000200", "user": "U2", "text": "429s"},
    ]
    source = write(tmp_path / "2026-11-10.json", json.dumps(messages))
    code, out, err = run(
        capsys,
        "--db",
        str(db),
        "import-timeline",
        "1",
        str(source),
        "--team-value",
        "U2=Edge Platform",
        "--team",
        "Payments",
    )
    assert code == 0, err
    assert "imported 2 events" in out


def test_dry_run_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(db)
    source = write(tmp_path / "both.csv", TWO_TEAMS)
    code, out, _ = run(capsys, "--db", str(db), "import-timeline", "1", str(source), "--dry-run")
    assert code == 0 and out.startswith("would import 4 events")
    assert dump(db) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--tz", "Nowhere/Land"], "unknown time zone"),
        (["--team", "Nobody"], "'Nobody' is not one of the session's teams"),
        (["--map", "colour=x"], "cannot map colour"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    db: Path, tmp_path: Path, args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "both.csv", TWO_TEAMS)
    code, _, err = run(capsys, "--db", str(db), "import-timeline", "1", str(source), *args)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1


def test_missing_file_and_missing_session(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db), "import-timeline", "1", str(tmp_path / "no.csv"))
    assert code == 2 and "cannot read the file" in err
    source = write(tmp_path / "both.csv", TWO_TEAMS)
    code, _, err = run(capsys, "--db", str(db), "import-timeline", "9", str(source))
    assert code == 2 and "there is no session 9" in err
