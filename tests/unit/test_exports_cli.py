"""`facilitator export`, `pre-read` and `report` headless; a failed write leaves the old file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator_app.cli import main
from facilitator_app.exports.formats import FORMATS
from storage import SqliteStore
from tests.helpers.export_sessions import export_session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "facilitator.db"
    store = SqliteStore.open(path)
    try:
        first = export_session()
        store.create_session(first)
        second = export_session(events=5, actions=2)
        second.title = "Search outage"
        second.incident_start = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
        second.incident_end = second.incident_start + timedelta(hours=1)
        store.create_session(second)
    finally:
        store.close()
    return path


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_writes_each_format(db, tmp_path, name, capsys):
    out = tmp_path / f"notes{FORMATS[name].suffix}"
    assert main(["--db", str(db), "export", "1", "--format", name, "-o", str(out)]) == 0
    data = out.read_bytes()
    starts = {
        "pdf": b"%PDF-",
        "html": b"<!DOCTYPE html>",
        "md": b"# Checkout outage",
        "json": b"{",
        "actions-json": b"{",
        "ics": b"BEGIN:VCALENDAR",
        "actions-csv": b"Summary,Description",
    }
    assert data.startswith(starts[name])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_pre_read_mark_sent_records_the_time(db, tmp_path, capsys):
    store = SqliteStore.open(db, lock=False)
    store.load_session(1)
    store.close()
    before = datetime.now(UTC)
    out = tmp_path / "pre-read.md"
    assert main(["--db", str(db), "pre-read", "1", "-o", str(out), "--mark-sent"]) == 0
    assert "## Agenda" in out.read_text(encoding="utf-8")
    store = SqliteStore.open(db, lock=False)
    sent = store.load_session(1).pre_read_sent_at
    store.close()
    assert sent is not None and sent >= before.replace(microsecond=0)
    assert "marked the pre-read as sent" in capsys.readouterr().err


def test_pre_read_without_mark_sent_leaves_the_session_alone(db, tmp_path):
    store = SqliteStore.open(db, lock=False)
    before = store.load_session(2).pre_read_sent_at
    store.close()
    assert (
        main(["--db", str(db), "pre-read", "2", "--format", "html", "-o", str(tmp_path / "p.html")])
        == 0
    )
    store = SqliteStore.open(db, lock=False)
    assert store.load_session(2).pre_read_sent_at == before
    store.close()


def test_report_covers_only_the_period(db, tmp_path):
    out = tmp_path / "report.md"
    assert (
        main(
            [
                "--db",
                str(db),
                "report",
                "--since",
                "2026-10-01",
                "--until",
                "2026-12-31",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "Checkout outage" in text and "Search outage" not in text
    assert (
        main(
            [
                "--db",
                str(db),
                "report",
                "--since",
                "2026-01-01",
                "--until",
                "2026-12-31",
                "--format",
                "pdf",
                "-o",
                str(tmp_path / "r.pdf"),
            ]
        )
        == 0
    )


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--since", "last quarter"],
        ["report", "--since", "2026-12-01", "--until", "2026-01-01"],
    ],
)
def test_report_refuses_bad_dates_in_one_line(db, args, capsys):
    assert main(["--db", str(db), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("facilitator: error:") and "\n" not in err
    assert "--since" in err or "--until" in err


def test_export_to_a_missing_folder_is_a_clear_error(db, tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "notes.md"
    assert main(["--db", str(db), "export", "1", "--format", "md", "-o", str(target)]) == 2
    assert "cannot write there" in capsys.readouterr().err
    assert not target.parent.exists()


FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    import facilitator_app.subcommands.sessions as sessions

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails with EFBIG instead
    real_write = sessions.write_atomically

    def write_on_a_full_disk(path, data):
        # The disk "fills up" once the session is loaded and rendered: only the export's own
        # write meets the limit, not the database opening before it.
        limit = int(sys.argv[1])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        real_write(path, data)

    sessions.write_atomically = write_on_a_full_disk
    from facilitator_app.cli import main
    sys.exit(main(sys.argv[2:]))
""")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["pdf", "html", "md"])
def test_a_full_disk_leaves_the_old_file_byte_identical(db, tmp_path, name):
    target = tmp_path / f"notes.{name}"
    old = b"the previous export, which must survive\n" * 10
    target.write_bytes(old)
    before = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("facilitator.db"))
    limit = 4096  # far below what any of these exports needs
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            FULL_DISK,
            str(limit),
            "--db",
            str(db),
            "export",
            "1",
            "--format",
            name,
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "could not write the file" in result.stderr
    assert target.read_bytes() == old
    after = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("facilitator.db"))
    assert after == before  # no temporary file left behind


def test_a_device_is_never_replaced_by_an_export(db, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["--db", str(db), "export", "1", "--format", "md", "-o", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert fifo.is_fifo()
