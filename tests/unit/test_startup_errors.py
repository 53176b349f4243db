"""When the app cannot start, the user reads one paragraph naming the fix: never a traceback.

Each case runs the real command in a child process with the fault injected: no display, a Qt
system library missing (a stand-in PySide6 whose import fails as the dynamic loader's would),
a data folder that cannot be created.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.startup_messages import (
    missing_library_name,
    missing_qt_library,
    missing_xcb_library,
)

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


def run_app(
    env_changes: dict[str, str | None], *args: str, pythonpath: str = ""
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(key, None)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pythonpath, str(REPO)) if p)
    return subprocess.run(
        [sys.executable, "-m", "facilitator_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_paragraph(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("facilitator:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_no_display_says_how_to_get_one(tmp_path: Path) -> None:
    message = assert_one_paragraph(run_app({}, "--db", str(tmp_path / "x.db")))
    assert "no display found" in message
    assert "xvfb-run" in message and "ssh -X" in message


def test_a_missing_qt_library_names_the_package_to_install(tmp_path: Path) -> None:
    fake = tmp_path / "fake" / "PySide6"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise ImportError('libEGL.so.1: cannot open shared object file: "
        "No such file or directory')\n"
    )
    result = run_app(
        {"DISPLAY": ":99"}, "--db", str(tmp_path / "x.db"), pythonpath=str(fake.parent)
    )
    message = assert_one_paragraph(result)
    assert "libEGL.so.1" in message
    assert "apt-get install libegl1" in message
    assert not (tmp_path / "x.db").exists()  # nothing opened or created


def test_an_unwritable_data_folder_says_how_to_choose_another(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder's parent should be")
    result = run_app({"QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(blocker)})
    message = assert_one_paragraph(result)
    assert "cannot use the data folder" in message
    assert "--db PATH" in message and "XDG_DATA_HOME" in message


def test_library_names_are_read_from_the_loaders_words() -> None:
    error = OSError("libxcb-cursor.so.0: cannot open shared object file: No such file")
    assert missing_library_name(error) == "libxcb-cursor.so.0"
    assert "apt-get install libxcb-cursor0" in missing_xcb_library("libxcb-cursor.so.0")
    generic = missing_qt_library(ImportError("something else went wrong"))
    assert "libegl1" in generic  # no name: the whole list
