"""`facilitator --demo --room HOST[:PORT]`: the app opens with joining on and prints the one
line scripts wait for; an address it cannot listen on is one line on stderr and exit 2."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def app_with_room(address: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "facilitator_app", "--demo", "--room", address],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_the_app_opens_with_joining_on_and_prints_the_join_line() -> None:
    process = app_with_room("127.0.0.1:0")
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        words = line.split()
        assert words[0] == "room:" and words[2] == "code" and len(words) == 4, line
        url = words[1]
        assert url.startswith("http://127.0.0.1:") and "/r/" in url
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200
    finally:
        process.terminate()
        process.communicate(timeout=20)


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = app_with_room(f"127.0.0.1:{port}")
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2, err
    lines = [line for line in err.splitlines() if line.startswith("facilitator:")]
    assert len(lines) == 1 and str(port) in lines[0], err
    assert "Traceback" not in err and "room:" not in out
