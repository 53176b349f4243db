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


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_are_counted_whatever_ends_them(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    text = newline.join(["All good.", "The retry ran twice.", BLAMEFUL.strip()])
    status, out, _ = lint(monkeypatch, capsys, text)
    assert status == 0
    assert out.splitlines()[0] == '3:1: person-blame: "Bob"'


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


def test_text_past_the_size_cap_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator_app.language.checker import MAX_TEXT_CHARS

    status, out, err = lint(monkeypatch, capsys, "x" * (MAX_TEXT_CHARS + 1))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "KiB" in err and "Traceback" not in err


def test_text_at_the_size_cap_is_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator_app.language.checker import MAX_TEXT_CHARS

    text = BLAMEFUL + "x" * (MAX_TEXT_CHARS - len(BLAMEFUL))
    status, out, _ = lint(monkeypatch, capsys, text, "--json")
    assert status == 0
    assert json.loads(out)[0]["text"] == "Bob"


class _CountingRegex:
    """Stands in for a context regex and adds up how many characters it was asked to read."""

    def __init__(self, regex: object, tally: list[int]) -> None:
        self.regex, self.tally = regex, tally

    def search(self, text: str) -> object:
        self.tally[0] += len(text)
        return self.regex.search(text)  # type: ignore[attr-defined]

    def match(self, text: str) -> object:
        self.tally[0] += len(text)
        return self.regex.match(text)  # type: ignore[attr-defined]


def _context_chars_read(text: str) -> int:
    import dataclasses

    from facilitator_app.language import BlameChecker, load_guide

    checker = BlameChecker(load_guide(use_user_file=False))
    tally = [0]
    checker._patterns = [
        dataclasses.replace(
            p,
            **{
                name: _CountingRegex(getattr(p, name), tally)
                for name in ("unless_before", "unless_after", "requires")
                if getattr(p, name) is not None
            },
        )
        for p in checker._patterns
    ]
    findings = checker.check(text)
    assert findings
    return tally[0]


def test_work_grows_linearly_with_a_text_without_sentence_ends() -> None:
    """The quadratic case of old: each finding re-read everything before it."""
    small = _context_chars_read("they should have known " * 500)
    large = _context_chars_read("they should have known " * 2000)
    assert large <= 4.5 * small
