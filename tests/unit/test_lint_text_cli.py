"""`facilitator lint-text [--json]`: the issue's two example commands, plain output, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.cli import main

REPO = Path(__file__).resolve().parents[2]
BLAMEFUL = "Bob should have checked the config, obviously their team broke it\n"
NEUTRAL = "The fault injection test consumed the error budget\n"


def lint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    status = main(["lint-text", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_lists_each_finding_with_a_reframe(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = lint(monkeypatch, capsys, BLAMEFUL, "--json")
    assert (status, err) == (0, "")
    findings = json.loads(out)
    assert [f["category"] for f in findings] == [
        "person-blame",
        "counterfactual",
        "hindsight",
        "team-accusation",
    ]
    for finding in findings:
        assert set(finding) == {"start", "end", "category", "text", "suggestion"}
        assert BLAMEFUL[finding["start"] : finding["end"]] == finding["text"]
        assert finding["suggestion"]


def test_json_is_an_empty_list_for_neutral_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = lint(monkeypatch, capsys, NEUTRAL, "--json")
    assert status == 0
    assert json.loads(out) == []


def test_plain_output_names_line_column_category_and_reframe(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = lint(monkeypatch, capsys, "All good.\n" + BLAMEFUL)
    assert status == 0
    assert out.splitlines()[0] == '2:1: person-blame: "Bob"'
    assert '2:37: hindsight: "obviously"' in out
    assert out.count("\n    ") == 4  # every finding has its reframe on the next line


def test_plain_output_says_so_when_there_is_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert lint(monkeypatch, capsys, NEUTRAL)[1] == "no blameful phrases found\n"


def test_input_that_is_not_utf8_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Bob \xff broke it")))
    assert main(["lint-text"]) == 2
    assert capsys.readouterr().err == (
        "facilitator: error: <stdin>: standard input is not UTF-8 text (byte 4)\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BLAMEFUL, {"person-blame", "counterfactual", "hindsight", "team-accusation"}),
        (NEUTRAL, set()),
    ],
)
def test_the_issue_commands_as_a_shell_runs_them(
    tmp_path: Path, text: str, expected: set[str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "facilitator_app", "lint-text", "--json"],
        input=text.encode(),
        capture_output=True,
        cwd=REPO,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert {f["category"] for f in json.loads(done.stdout)} == expected
