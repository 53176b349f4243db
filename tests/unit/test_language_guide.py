"""The language guide as data: the shipped file, an organisation's override, and bad overrides."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from facilitator_app.errors import UserError
from facilitator_app.language import BlameChecker, current_guide, load_guide, user_guide_path
from facilitator_app.paths import read_resource_text

CATEGORIES = {
    "person-blame",
    "counterfactual",
    "hindsight",
    "team-accusation",
    "human-error",
    "why-question",
    "loaded-wording",
    "punitive",
    "grievance",
    "sarcasm",
    "intent",
    "moral-judgment",
    "hindsight-demand",
}


def write_override(text: str) -> Path:
    path = user_guide_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(text: str) -> UserError:
    path = write_override(text)
    with pytest.raises(UserError) as caught:
        load_guide(path)
    assert caught.value.file == str(path)
    return caught.value


def test_the_shipped_guide_has_a_rule_for_every_category() -> None:
    guide = load_guide(use_user_file=False)
    assert set(guide.categories) == CATEGORIES
    for rule in guide.rules:
        assert rule.title and rule.short and rule.avoid and rule.why and rule.instead
        assert len(rule.title) <= 45, "titles are shown in large type on the projector"
    assert len(guide.ground_rules) == 4
    assert any("how" in r and "why" in r for r in guide.ground_rules)


def test_regex_line_breaks_in_the_shipped_file_sit_next_to_an_alternation() -> None:
    """A line break inside ''' ''' is dropped; next to `|` that can never glue two words."""
    text = read_resource_text("language_guide.toml")
    for block in re.finditer(r"'''(.*?)'''", text, re.S):
        for brk in re.finditer(r"\n[ \t]*", block.group(1)):
            before = block.group(1)[: brk.start()].rstrip(" ")[-1:]
            after = block.group(1)[brk.end() :][:1]
            line = text[: block.start() + brk.start()].count("\n") + 1
            assert "|" in (before, after), f"language_guide.toml line {line}"


def test_without_an_override_the_user_file_is_not_needed() -> None:
    assert not user_guide_path().exists()
    assert current_guide().sources == ("language_guide.toml (built in)",)


def test_an_override_changes_a_rule_and_extends_word_lists_and_patterns() -> None:
    write_override("""
[[rule]]
id = "hindsight"
title = "No hindsight, please"

[lexicon]
first_name = ["Zebedee"]
team_name = ["Blue Squad"]

[[rule]]
id = "jargon"
title = "Say it plainly"
short = "jargon -> plain words"
avoid = "We need to leverage synergies."
why = "Not everyone in the room speaks the same jargon."
instead = "Say what you will do."

[[pattern]]
id = "synergy"
category = "jargon"
regex = '\\bsynerg(?:y|ies)\\b'

[[pattern]]
id = "obviously"
enabled = false
""")
    guide = current_guide()
    assert guide.rule("hindsight").title == "No hindsight, please"
    assert guide.rule("hindsight").why  # fields not given are kept
    checker = BlameChecker(guide)
    assert [f.category for f in checker.check("Zebedee ignored the page.")] == ["person-blame"]
    assert [f.category for f in checker.check("Blue Squad broke it.")] == ["team-accusation"]
    (finding,) = checker.check("Let's leverage synergies.")
    assert (finding.category, finding.suggestion) == ("jargon", "Say what you will do.")
    assert checker.check("Obviously the limit was too low.") == []


def test_the_current_guide_is_read_again_when_the_override_changes() -> None:
    path = write_override('[[rule]]\nid = "hindsight"\ntitle = "First"\n')
    assert current_guide().rule("hindsight").title == "First"
    path.write_text('[[rule]]\nid = "hindsight"\ntitle = "Second"\n', encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert current_guide().rule("hindsight").title == "Second"


@pytest.mark.parametrize(
    ("text", "line", "field", "reason"),
    [
        ('[[rule]]\nid = "x"\ntitle = "unterminated\n', 3, None, "not valid TOML"),
        (
            '[[pattern]]\nid = "p"\ncategory = "hindsight"\nregx = "a"\n',
            4,
            "pattern.regx",
            "unknown field",
        ),
        (
            '\n[[pattern]]\nid = "p"\ncategory = "hindsight"\nregex = "(unclosed"\n',
            5,
            "pattern.regex",
            "not a valid regex",
        ),
        (
            '[[pattern]]\nid = "p"\ncategory = "gossip"\nregex = "a"\n',
            3,
            "pattern.category",
            "no rule has the id 'gossip'",
        ),
        (
            '[[pattern]]\nid = "p"\ncategory = "hindsight"\nregex = "{nonsense} x"\n',
            4,
            "pattern.regex",
            "unknown word list {nonsense}",
        ),
        (
            '[[pattern]]\nid = "p"\ncategory = "hindsight"\nregex = "a"\nspan = "who"\n',
            5,
            "pattern.span",
            "no group named 'who'",
        ),
        ('[[rule]]\nid = "new-rule"\ntitle = "Only a title"\n', 1, "rule.", "needs the field(s)"),
        ('[[pattern]]\ncategory = "hindsight"\nregex = "a"\n', 1, "pattern.id", "needs an id"),
        (
            '[[pattern]]\nid = "p"\ncategory = "hindsight"\nregex = 3\n',
            4,
            "pattern.regex",
            "must be text",
        ),
        ('[lexicon]\nfirst_name = "Zebedee"\n', 2, "lexicon.first_name", "list of strings"),
        ('[lexicon]\nnames = ["(broken"]\n', 2, "lexicon.names", "word list entry"),
        ('colour = "blue"\n', 1, "colour", "unknown key"),
        ('[[exception]]\nid = "e"\nregex = "[a-"\n', 3, "exception.regex", "not a valid regex"),
    ],
)
def test_a_bad_override_names_file_line_and_field(
    text: str, line: int, field: str | None, reason: str
) -> None:
    error = error_of(text)
    assert error.line == line
    if field is not None:
        assert (error.field or "").startswith(field)
    assert reason in error.message
    assert str(user_guide_path()) in error.message


def test_a_bad_override_is_reported_by_lint_text(capsys: pytest.CaptureFixture[str]) -> None:
    """Before it waits for input: nothing is read from standard input here."""
    from facilitator_app.cli import main

    path = write_override('[[pattern]]\nid = "p"\ncategory = "hindsight"\nregex = "(x"\n')
    assert main(["lint-text"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"facilitator: error: {path}, line 4, field 'pattern.regex'")
