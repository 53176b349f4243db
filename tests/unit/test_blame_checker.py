"""The blame-language checker: spans, categories, reframes, and the technical terms it ignores."""

from __future__ import annotations

import pytest

from facilitator_app.language import BlameChecker, Finding, check_text, load_guide

EXAMPLE = "Bob should have checked the config, obviously their team broke it"


@pytest.fixture(scope="module")
def checker() -> BlameChecker:
    return BlameChecker(load_guide(use_user_file=False))


def by_category(findings: list[Finding]) -> dict[str, Finding]:
    return {f.category: f for f in findings}


def test_the_issue_example_has_one_finding_per_kind_of_blame(checker: BlameChecker) -> None:
    found = by_category(checker.check(EXAMPLE))
    assert set(found) == {"person-blame", "counterfactual", "hindsight", "team-accusation"}
    assert found["person-blame"].text == "Bob"
    assert found["counterfactual"].text == "should have checked"
    assert found["hindsight"].text == "obviously"
    assert found["team-accusation"].text.startswith("their team")
    for finding in found.values():
        assert EXAMPLE[finding.start : finding.end] == finding.text
        assert len(finding.suggestion) > 20


def test_suggestions_quote_the_flagged_words(checker: BlameChecker) -> None:
    found = by_category(checker.check(EXAMPLE))
    assert "\u201cobviously\u201d" in found["hindsight"].suggestion
    assert "\u201cshould have checked\u201d" in found["counterfactual"].suggestion


def test_findings_come_in_reading_order(checker: BlameChecker) -> None:
    starts = [f.start for f in checker.check(EXAMPLE)]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "text",
    [
        "The fault injection test consumed the error budget",
        "The failure domain is one availability zone.",
        "The agent runs as the root user.",
        "We finished the root cause analysis on Tuesday.",
        "The on-call engineer followed step 4 of the runbook.",
        "Just-in-time provisioning slowed the scale-up.",
        "The alerts are clearly labelled by team.",
        "git blame shows the line is from 2019.",
        "Lazy loading delayed the first request.",
        "",
        "   \n  ",
    ],
)
def test_neutral_technical_text_is_quiet(checker: BlameChecker, text: str) -> None:
    assert checker.check(text) == []


def test_offsets_count_characters_of_the_text_as_given(checker: BlameChecker) -> None:
    text = "Résumé of 14:02 — \u2019quoted\u2019.\nThen Bob ignored the page."
    (finding,) = checker.check(text)
    assert text[finding.start : finding.end] == finding.text == "Bob ignored"


def test_curly_apostrophes_are_read_like_straight_ones(checker: BlameChecker) -> None:
    assert {f.category for f in checker.check("Why didn\u2019t you escalate?")} == {"why-question"}


def test_a_session_team_name_counts_as_a_team(checker: BlameChecker) -> None:
    text = "Edge Platform broke the checkout again."
    # unknown as a team, the name is still a named party whose habit ("again") is judged
    assert [f.category for f in checker.check(text)] == ["grievance"]
    guide = load_guide(use_user_file=False)
    with_teams = BlameChecker.for_teams(guide, ["Payments", "Edge Platform"])
    assert [f.category for f in with_teams.check(text)] == ["team-accusation"]


def test_one_category_never_underlines_the_same_words_twice(checker: BlameChecker) -> None:
    findings = checker.check("It was clearly, obviously, plainly wrong. Human error, human error.")
    for a in findings:
        for b in findings:
            if a is not b and a.category == b.category:
                assert a.end <= b.start or b.end <= a.start


def test_finding_json_has_exactly_the_documented_keys(checker: BlameChecker) -> None:
    (finding, *_) = checker.check(EXAMPLE)
    assert set(finding.as_json()) == {"start", "end", "category", "text", "suggestion"}


def test_check_text_uses_the_current_guide() -> None:
    assert {f.category for f in check_text(EXAMPLE)} >= {"person-blame", "hindsight"}
