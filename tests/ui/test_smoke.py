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
    "ui.about",  # Help -> About
)
# Loaded once both windows have painted (the app's deferred start-up work), never before.
AFTER_FIRST_PAINT = (
    "ui.blame",  # the blame underline as the facilitator types
    "ui.icon",  # the window icon, drawn from its SVG
    "sqlite_utils",  # what the first edit needs: loaded now, not mid-meeting
)
# A new database (the first start, and --demo's throw-away one every time) or one from an older
# version is brought up to date through sqlite-utils' migrations while it is opened: that start
# alone pays for sqlite-utils, and numpy, which it imports when installed.
NEW_DATABASE_ONLY = ("sqlite_utils", "numpy")
DEMO_AFTER_FIRST_PAINT = ("facilitator_app.sample_history",)  # its past reviews, for the retro

# Runs the app as `python -m facilitator_app ARGS --smoke` does, writing the names of the
# modules loaded at the moment both windows have painted, then those loaded by the exit.
PROBE = """
import sys
from pathlib import Path

import ui.app

out = Path(sys.argv[1])
at_paint: list[str] = []
first_paint = ui.app.AppController._on_first_paint


def probe(self):
    at_paint.extend(sys.modules)
    first_paint(self)


ui.app.AppController._on_first_paint = probe
from facilitator_app.cli import main

status = main(sys.argv[2:])
out.write_text("\\n".join(at_paint) + "\\n--\\n" + "\\n".join(sys.modules))
sys.exit(status)
"""


def _modules_at_paint_and_exit(tmp_path: Path, *argv: str) -> tuple[set[str], set[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    out = tmp_path / "modules.txt"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *argv, "--smoke"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    before, _, by_exit = out.read_text().partition("\n--\n")
    return set(before.split()), set(by_exit.split())


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_the_first_paint_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    """Charts, PDF, templates, sqlite-utils and the importers wait until they are used; what
    start-up defers loads after both windows have painted. An everyday start: the database
    exists and is up to date."""
    from facilitator_app.demo import load_demo_session
    from storage import SqliteStore

    db = tmp_path / "facilitator.db"
    store = SqliteStore.open(db)
    try:
        store.create_session(load_demo_session())
    finally:
        store.close()
    at_paint, at_exit = _modules_at_paint_and_exit(tmp_path, "--db", str(db))
    assert "PySide6.QtWidgets" in at_paint  # the probe sees the imports
    assert _heavy(at_paint) == []
    assert not at_paint & set(NOT_BEFORE_FIRST_PAINT)
    assert not at_paint & set(AFTER_FIRST_PAINT)
    assert set(AFTER_FIRST_PAINT) <= at_exit  # deferred, and run before the smoke run exits


def test_a_new_database_pays_only_for_its_migrations_before_the_first_paint(
    tmp_path: Path,
) -> None:
    """--demo builds a new database each time: sqlite-utils (and numpy with it) load to
    create it; everything else waits as it does on an everyday start."""
    at_paint, at_exit = _modules_at_paint_and_exit(tmp_path, "--demo")
    assert "PySide6.QtWidgets" in at_paint
    assert {m.split(".")[0] for m in _heavy(at_paint)} <= set(NEW_DATABASE_ONLY)
    assert not at_paint & set(NOT_BEFORE_FIRST_PAINT)
    assert not at_paint & (set(AFTER_FIRST_PAINT) - set(NEW_DATABASE_ONLY))
    assert not at_paint & set(DEMO_AFTER_FIRST_PAINT)
    assert set(AFTER_FIRST_PAINT + DEMO_AFTER_FIRST_PAINT) <= at_exit


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
