"""The command line: scriptable, headless, exit 2 with one line on bad input (DESIGN.md §7)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from facilitator_app import __version__, session_json
from facilitator_app.cli import main
from facilitator_app.paths import default_database_path
from storage import SqliteStore, schema
from tests.helpers.sessions import rich_session, snapshot

REPO = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_error_line(err: str) -> str:
    """The whole of stderr must be exactly one `facilitator: error: ...` line."""
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    assert err.startswith("facilitator: error: "), err
    return err.removeprefix("facilitator: error: ").rstrip("\n")


def without_export_time(text: str) -> dict[str, Any]:
    data = json.loads(text)
    del data["exported_at"]
    del data["session"]["revised_at"]  # when it was last saved: bookkeeping, not content
    return data


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "one.db"


# ---- happy paths --------------------------------------------------------------------------


def test_new_session_prints_its_id_and_sessions_lists_it(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    status, out, err = run(
        capsys, "--db", db, "new-session", "--title", "Checkout outage", "--team-a", "Payments",
        "--team-b", "Edge Platform", "--timebox", "60",
    )  # fmt: skip
    assert (status, err) == (0, "")
    session_id = int(out.strip())
    status, out, _ = run(capsys, "--db", db, "sessions")
    assert status == 0
    (line,) = out.splitlines()
    assert line.split("\t") == [
        str(session_id),
        "draft",
        "-",
        "Payments / Edge Platform",
        "Checkout outage",
    ]
    store = SqliteStore.open(db)
    try:
        assert store.load_session(session_id).timebox_minutes == 60
    finally:
        store.close()


def test_sessions_on_an_empty_database_says_how_to_start(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    status, out, _ = run(capsys, "--db", db, "sessions")
    assert status == 0 and "facilitator new-session" in out


def test_export_then_import_into_another_database_round_trips_every_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    original = rich_session()
    expected = snapshot(original)
    handover = tmp_path / "handover.json"
    handover.write_text(session_json.dumps(original), encoding="utf-8")
    first, second = tmp_path / "first.db", tmp_path / "second.db"

    status, out, _ = run(capsys, "--db", first, "import-session", handover)
    assert status == 0
    first_id = int(out)
    status, exported, _ = run(capsys, "--db", first, "export", first_id, "--format", "json")
    assert status == 0

    exported_file = tmp_path / "exported.json"
    exported_file.write_text(exported, encoding="utf-8")
    status, out, _ = run(capsys, "--db", second, "import-session", exported_file)
    assert status == 0
    second_id = int(out)
    status, again, _ = run(capsys, "--db", second, "export", second_id, "--format", "json")
    assert status == 0

    assert without_export_time(again) == without_export_time(exported)
    assert without_export_time(exported) == without_export_time(session_json.dumps(original))
    store = SqliteStore.open(second)
    try:
        assert snapshot(store.load_session(second_id)) == expected
    finally:
        store.close()


def test_export_to_a_file_writes_it_and_says_so(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    run(capsys, "--db", db, "new-session", "--title", "T", "--team-a", "A", "--team-b", "B")
    target = tmp_path / "out" / "s.json"
    target.parent.mkdir()
    status, out, err = run(capsys, "--db", db, "export", "1", "--format", "json", "-o", target)
    assert (status, out) == (0, "")
    assert err == f"wrote {target}\n"
    assert json.loads(target.read_text())["session"]["title"] == "T"
    assert sorted(p.name for p in target.parent.iterdir()) == ["s.json"]  # no temp file left


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"facilitator {__version__}\n"


def test_without_db_the_user_data_directory_is_used_owner_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "new-session", "--title", "T", "--team-a", "A", "--team-b", "B")
    assert (status, out) == (0, "1\n")
    path = default_database_path()
    assert path.exists()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert str(Path(os.environ["XDG_DATA_HOME"])) in str(path)  # the isolated test home


def test_demo_export_runs_on_a_throw_away_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    data_home = Path(os.environ["XDG_DATA_HOME"])
    status, out, err = run(capsys, "--demo", "export", "1", "--format", "json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert {t["name"] for t in data["teams"].values()} == {"Payments", "Edge Platform"}
    assert len(data["timeline"]) >= 35
    assert not data_home.exists() or not any(data_home.rglob("*"))
    assert list(scratch.iterdir()) == []  # the throw-away directory is gone too


# ---- bad input: exit 2, one line ----------------------------------------------------------


def test_an_unknown_session_id(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    status, out, err = run(capsys, "--db", db, "export", "99", "--format", "json")
    assert (status, out) == (2, "")
    assert "there is no session 99" in one_error_line(err)


def test_a_session_id_that_is_not_a_number(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), "export", "one", "--format", "json"])
    assert info.value.code == 2
    assert "'one' is not a session id" in one_error_line(capsys.readouterr().err)


def test_an_unknown_format(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), "export", "1", "--format", "docx"])
    assert info.value.code == 2
    assert "invalid choice: 'docx'" in one_error_line(capsys.readouterr().err)


def test_a_bad_time_box(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    status, _, err = run(
        capsys, "--db", db, "new-session", "--title", "T", "--team-a", "A", "--team-b", "B",
        "--timebox", "2",
    )  # fmt: skip
    assert status == 2
    assert "field 'timebox'" in one_error_line(err)


def test_two_teams_with_one_name(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    status, _, err = run(
        capsys, "--db", db, "new-session", "--title", "T", "--team-a", "Ops", "--team-b", "ops"
    )
    assert status == 2
    assert "different names" in one_error_line(err)
    store = SqliteStore.open(db)
    try:
        assert store.list_sessions() == []
    finally:
        store.close()


def test_a_file_that_is_not_json_names_the_file_and_line(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "handover.json"
    bad.write_text('{\n  "format": "facilitator-session",\n  "version": 1,,\n}\n')
    status, out, err = run(capsys, "--db", db, "import-session", bad)
    assert (status, out) == (2, "")
    message = one_error_line(err)
    assert message.startswith(f"{bad}, line 3: not valid JSON")


def test_a_bad_value_in_a_session_file_names_the_file_and_json_path(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    data = json.loads(session_json.dumps(rich_session()))
    data["attendees"][2]["role"] = "boss"
    bad = tmp_path / "handover.json"
    bad.write_text(json.dumps(data))
    status, _, err = run(capsys, "--db", db, "import-session", bad)
    assert status == 2
    assert one_error_line(err).startswith(f"{bad}, field 'attendees[2].role': 'boss' is not")
    store = SqliteStore.open(db)
    try:
        assert store.list_sessions() == []  # nothing half-imported
    finally:
        store.close()


def test_a_missing_session_file(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "nope.json"
    status, _, err = run(capsys, "--db", db, "import-session", missing)
    assert status == 2
    assert one_error_line(err).startswith(f"{missing}: cannot read the file")


def test_a_newer_schema_database_names_both_versions(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    SqliteStore.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    status, out, err = run(capsys, "--db", db, "sessions")
    assert (status, out) == (2, "")
    message = one_error_line(err)
    assert "schema version 7" in message
    assert f"Facilitator's version {schema.SCHEMA_VERSION}" in message
    assert str(db) in message
    assert db.read_bytes() == before


def test_a_text_file_as_db_is_moved_aside_and_the_message_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    status, out, err = run(
        capsys, "--db", notes, "new-session", "--title", "T", "--team-a", "A", "--team-b", "B"
    )
    assert status == 0 and int(out) == 1
    (line,) = err.splitlines()
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("notes.txt.not-sqlite-")]
    assert len(moved) == 1 and moved[0].read_text() == "not a database"
    assert line == (
        f"facilitator: {notes} is not a SQLite database: moved it to {moved[0]} "
        "and started a fresh database. `facilitator restore-backup` puts back an earlier copy."
    )


# ---- the real thing, in a subprocess ------------------------------------------------------


@pytest.mark.slow
def test_the_module_entry_point_in_a_subprocess(tmp_path: Path) -> None:
    db = tmp_path / "sub.db"
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def facilitator(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "facilitator_app", "--db", str(db), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    created = facilitator("new-session", "--title", "T", "--team-a", "A", "--team-b", "B")
    assert (created.returncode, created.stderr) == (0, "")
    session_id = created.stdout.strip()
    assert session_id.isdigit()
    listed = facilitator("sessions")
    assert listed.returncode == 0 and listed.stdout.startswith(f"{session_id}\tdraft\t")
    bad = facilitator("export", "42", "--format", "json")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "there is no session 42" in bad.stderr
