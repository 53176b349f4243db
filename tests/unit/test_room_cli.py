"""`--room HOST[:PORT]` on the command line, and the headless `room-serve` command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from facilitator_app.cli import main
from facilitator_app.errors import UserError
from facilitator_app.room.address import RoomAddress, parse_room_address

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:8765", RoomAddress("127.0.0.1", 8765)),
        ("127.0.0.1", RoomAddress("127.0.0.1", 0)),
        ("localhost:0", RoomAddress("127.0.0.1", 0)),
        ("[::1]:9000", RoomAddress("::1", 9000)),
        (":8765", RoomAddress("", 8765)),
    ],
)
def test_room_addresses(text: str, expected: RoomAddress) -> None:
    assert parse_room_address(text) == expected


@pytest.mark.parametrize("text", ["example.com:80", "127.0.0.1:99999", "::1", "[::1", "1.2.3.4:x"])
def test_a_bad_room_address_is_one_line_and_exit_2(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(UserError):
        parse_room_address(text)
    with pytest.raises(SystemExit) as stop:
        main(["--demo", "--room", text, "room-serve"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--room" in err


@pytest.mark.slow
def test_room_serve_prints_the_join_line_serves_the_page_and_stops_on_sigterm() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator_app", "--demo", "room-serve", "--room", "127.0.0.1:0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        words = line.split()
        assert words[0] == "room:" and words[2] == "code" and len(words) == 4, line
        url, code = words[1], words[3]
        assert url.startswith("http://127.0.0.1:") and "/r/" in url and len(code) == 6
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200 and b"Join the review" in page.read()
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Traceback" not in err
