"""Items 5, 6 and 12 of issue 16: endless, huge and deep input; `-o -`.

The commands are run in a child process where a real device or FIFO is involved, so that a
regression shows as a refusal missing (exit status), never as the suite hanging: the child has
an address-space limit and the parent a kill on overrun, the only bound a test needs.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.cli import main
from facilitator_app.errors import UserError
from facilitator_app.input_files import read_capped, read_input

REPO = Path(__file__).resolve().parents[2]
DEEP = "[" * 100_000 + "]" * 100_000
MEMORY_CAP = 768 * 1024 * 1024  # the child dies (MemoryError) well before the laptop would


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def facilitator(
    *argv: str | Path, stdin: int | None = subprocess.DEVNULL, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator_app", *map(str, argv)],
        cwd=cwd or REPO,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=120,  # a safety net against a hang, not a measurement
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "c.db"
    status, _, _ = run(capsys, "--db", path, "new-session", "--title", "T", "--team-a", "A",
                       "--team-b", "B")  # fmt: skip
    assert status == 0
    return path


# ---- 5. endless or huge input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["import-timeline", "1", "/dev/zero", "--format", "csv"],
        ["import-session", "/dev/zero"],
        ["import-timeline", "1", "/dev/urandom", "--format", "json"],
    ],
)
def test_a_device_is_refused_before_it_is_read(db: Path, argv: list[str]) -> None:
    done = facilitator("--db", db, *argv)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "is a device, not a file" in done.stderr


def test_a_fifo_is_refused_without_waiting_for_a_writer(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "events.csv"
    os.mkfifo(fifo)
    for argv in (["import-session", fifo], ["import-timeline", "1", fifo]):
        done = facilitator("--db", db, *argv)
        assert done.returncode == 2 and "is a pipe (FIFO), not a file" in done.stderr


def test_endless_standard_input_is_cut_at_the_cap_while_reading(db: Path) -> None:
    for argv in (["import-session", "-"], ["lint-actions", "--jsonl"]):
        with open("/dev/zero", "rb") as zero:
            done = facilitator("--db", db, *argv, stdin=zero.fileno())
        assert done.returncode == 2, done.stderr[-500:]
        assert "larger than 64 MB (the limit)" in done.stderr and "Traceback" not in done.stderr


def test_the_cap_stops_reading_one_byte_past_it() -> None:
    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"x" * len(buffer)
            self.served += len(buffer)
            return len(buffer)

    stream = Endless()
    with pytest.raises(UserError, match="larger than"):
        read_capped(stream, "<stdin>", limit=10_000)  # type: ignore[arg-type]
    assert stream.served == 10_001


def test_a_growing_file_is_cut_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2048)
    with pytest.raises(UserError, match="larger than"):
        read_input(path, limit=1024)
    assert read_input(path, limit=4096) == b" " * 2048


def test_standard_input_is_read_only_for_a_dash(db: Path, tmp_path: Path) -> None:
    exported = facilitator("--db", db, "export", "1", "--format", "json")
    assert exported.returncode == 0
    source = tmp_path / "s.json"
    source.write_text(exported.stdout)
    with source.open("rb") as handle:
        done = facilitator("--db", db, "import-session", "-", stdin=handle.fileno())
    assert done.returncode == 0 and done.stdout.strip() == "2"
    assert not (REPO / "-").exists()


# ---- 6. deep JSON ------------------------------------------------------------------------------


def test_deep_json_is_refused_by_import_session(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP)
    status, _, err = run(capsys, "--db", db, "import-session", deep)
    assert status == 2 and err.count("\n") == 1 and "nested too deeply" in err


def test_deep_json_is_refused_by_lint_actions_jsonl(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"description": "x"}\n' + DEEP + "\n"))
    status, _, err = run(capsys, "lint-actions", "--jsonl")
    assert (
        status == 2
        and err == "facilitator: error: <stdin>, line 2: the JSON is nested too deeply\n"
    )


def test_deep_json_is_refused_by_import_timeline(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP)
    status, _, err = run(capsys, "--db", db, "import-timeline", "1", deep)
    assert status == 2 and "nested too deeply" in err


# ---- 12. -o - ----------------------------------------------------------------------------------


def test_dash_as_output_writes_to_standard_output(db: Path, tmp_path: Path) -> None:
    for argv in (["export", "1", "--format", "md"], ["pre-read", "1", "--format", "md"]):
        done = facilitator("--db", db, *argv, "-o", "-", cwd=tmp_path)
        assert done.returncode == 0 and done.stdout.startswith("# T")
        assert not (tmp_path / "-").exists()
