"""The whole app, started the way a user starts it: both windows paint, then it exits."""

from __future__ import annotations

import os
import re
import shutil
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


HEAVY = ("matplotlib", "numpy", "sqlite_utils", "fpdf", "jinja2", "markdown_it")
NOT_BEFORE_FIRST_PAINT = (
    "facilitator_app.timeline.importing",
    "facilitator_app.exports.render",
    "ui.hotkeys.dialogs",  # the cheat sheet and the settings dialog: on first use
    "ui.export_dialog",
    "ui.session_dialogs",
    "companion",  # the room's server (aiohttp): only when the room joins
    "aiohttp",
    "segno",  # the join screen's QR code: built when first shown
    "ui.room.overlays",
)


def test_the_first_paint_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    """Charts, PDF, templates, sqlite-utils and the importers wait until they are used."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "facilitator_app", "--demo", "--smoke"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "PySide6.QtWidgets" in imported  # the probe sees the imports
    loaded_heavy = sorted(m for m in imported if m.split(".")[0] in HEAVY)
    assert loaded_heavy == []
    assert not imported & set(NOT_BEFORE_FIRST_PAINT)


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (Debian: xvfb)")
def test_demo_smoke_paints_real_x11_windows_under_xvfb(tmp_path: Path) -> None:
    """The xcb platform with the system libraries the install script provides."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x720x24",
            sys.executable,
            "-m",
            "facilitator_app",
            "--demo",
            "--smoke",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert re.fullmatch(r"first paint of both windows: \d+ ms\n", result.stdout), result.stdout
