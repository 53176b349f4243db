"""A file of many bad rows: its problems are listed up to a cap and counted past it, and the
command's memory stays bounded (each bad row is a reference cycle through its exception)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.model import two_teams
from facilitator_app.timeline.importing import ImportOptions, TimelineImportError, parse_timeline
from facilitator_app.timeline.importing.problems import MAX_LISTED

REPO = Path(__file__).resolve().parents[2]


def bad_rows(count: int) -> bytes:
    rows = [{"timestamp": "soon", "team": "Nobody", "event": ""} for _ in range(count)]
    return "\n".join(["[", ",\n".join(json.dumps(r) for r in rows), "]"]).encode()


def test_problems_past_the_cap_are_counted_not_listed() -> None:
    with pytest.raises(TimelineImportError) as caught:
        parse_timeline(
            bad_rows(2_000), file="bad.json", teams=two_teams("A", "B"),
            options=ImportOptions(format="json"),
        )  # fmt: skip
    error = caught.value
    assert len(error.problems) == MAX_LISTED
    assert error.more == 3 * 2_000 - MAX_LISTED  # three faults a row
    assert error.lines()[-1] == f"bad.json: … and {error.more:,} more problems, not listed"
    assert error.message == "bad.json: 2000 bad rows; nothing was imported"  # every one counted


@pytest.mark.slow
def test_the_command_stays_bounded_in_memory_on_150000_bad_rows(tmp_path: Path) -> None:
    file = tmp_path / "bad.json"
    file.write_bytes(bad_rows(150_000))
    db = tmp_path / "s.db"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = [sys.executable, "-m", "facilitator_app", "--db", str(db)]
    subprocess.run([*run, "new-session", "--title", "T", "--team-a", "A", "--team-b", "B"],
                   check=True, capture_output=True, env=env)  # fmt: skip
    # The child reports its own high-water mark (VmHWM belongs to the process image, so it
    # starts afresh at exec; rusage's maxrss would carry the forking test runner's size).
    probe = (
        "import sys\n"
        "from facilitator_app.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(int(hwm.split()[1]) // 1024)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "--db", str(db), "import-timeline", "1", str(file)],
        capture_output=True,
        text=True,
        env=env,
    )
    peak_mb = int(result.stdout.split()[-1])
    assert result.returncode == 2
    assert result.stderr.count("\n") <= MAX_LISTED + 5  # not 450,000 lines
    assert "150000 bad rows; nothing was imported" in result.stderr
    # It peaked at 1.3 GB with the cyclic collector off for commands; a bounded run is ~70 MB.
    assert peak_mb < 400, f"peak {peak_mb:.0f} MB"
