"""The whole app, started the way a user starts it: both windows paint, then it exits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]


def test_demo_smoke_paints_both_windows_and_exits_cleanly(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "TMPDIR": str(tmp_path / "tmp"),
    }
    (tmp_path / "tmp").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "facilitator_app", "--demo", "--smoke"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"first paint of both windows: \d+ ms\n", result.stdout), result.stdout
    assert "Traceback" not in result.stderr
    # --demo runs on a throw-away database: nothing left in the user's data dir or in TMPDIR
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert not data_home.exists() or not any(data_home.rglob("*.db"))
    assert list((tmp_path / "tmp").iterdir()) == []
