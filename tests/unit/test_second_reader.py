"""The second reader: what it adds to the rules and what it takes away, on hand-made weights (so
each rule of the second pass is tested on its own) and on the shipped model."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator_app.language import BlameChecker, load_guide
from facilitator_app.language.second_pass import READ_CHARS, READER_ID, passages
from facilitator_app.language.second_reader import NONE, OTHER, SecondReader, shipped_reader
from facilitator_app.paths import read_resource_text

CLASSES = (NONE, OTHER, "punitive", "grievance", "sarcasm", "intent", "moral", "hindsight")


def reader(
    weights: dict[str, dict[str, float]], keep: float = 0.5, add: float = 0.7
) -> SecondReader:
    """A reader whose only evidence is the features named: {feature: {class: weight}}."""
    rows = {f: tuple(w.get(c, 0.0) for c in CLASSES) for f, w in weights.items()}
    intercept = tuple(3.0 if c == NONE else 0.0 for c in CLASSES)
    return SecondReader(CLASSES, intercept, rows, keep=keep, add=add, keep_other=0.5)


@pytest.fixture(scope="module")
def guide():  # type: ignore[no-untyped-def]
    return load_guide(use_user_file=False)


def test_a_sure_reading_flags_a_passage_the_rules_left_alone(guide) -> None:  # type: ignore[no-untyped-def]
    checker = BlameChecker(guide, reader=reader({"w:quokka": {"sarcasm": 9.0}}))
    (finding,) = checker.check("The Search team quokka the whole release.")
    assert finding.category == "sarcasm" and finding.pattern_id == READER_ID
    assert finding.text == "The Search team quokka the whole release"  # the sentence, no stop
    assert finding.suggestion == guide.rule("sarcasm").instead


def test_an_unsure_reading_adds_nothing(guide) -> None:  # type: ignore[no-untyped-def]
    checker = BlameChecker(guide, reader=reader({"w:quokka": {"sarcasm": 3.5}}))
    assert checker.check("The Search team quokka the whole release.") == []  # P about 0.6


def test_a_rule_finding_the_reader_rules_out_is_dropped(guide) -> None:  # type: ignore[no-untyped-def]
    text = "Identity should be barred from the release train."
    assert "punitive" in {f.category for f in BlameChecker(guide, reader=None).check(text)}
    doubting = reader({"w:train": {NONE: 9.0}})
    assert BlameChecker(guide, reader=doubting).check(text) == []
    agreeing = reader({"w:train": {"punitive": 9.0}})
    assert "punitive" in {f.category for f in BlameChecker(guide, reader=agreeing).check(text)}


def test_too_few_words_or_only_ourselves_are_left_to_the_rules(guide) -> None:  # type: ignore[no-untyped-def]
    checker = BlameChecker(guide, reader=reader({"w:quokka": {"intent": 9.0}}))
    assert checker.check("Quokka, honestly.") == []  # three words
    assert checker.check("We quokka the release notes every single time.") == []
    assert checker.check("They quokka the release notes every single time.")


def test_each_line_is_read_on_its_own(guide) -> None:  # type: ignore[no-untyped-def]
    checker = BlameChecker(guide, reader=reader({"w:quokka": {"grievance": 9.0}}))
    text = "The deploy finished at 14:02 without errors.\nThe Edge team quokka every deploy."
    (finding,) = checker.check(text)
    assert text[finding.start : finding.end] == "The Edge team quokka every deploy"


def test_a_family_the_guide_lacks_is_never_added(guide) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    without = replace(guide, rules=tuple(r for r in guide.rules if r.id != "sarcasm"))
    checker = BlameChecker(without, reader=reader({"w:quokka": {"sarcasm": 9.0}}))
    assert checker.check("The Search team quokka the whole release.") == []


@given(st.text(alphabet=st.sampled_from("ab .\n!?"), max_size=3000))
def test_passages_tile_each_line_and_stay_short(text: str) -> None:
    spans = list(passages(text))
    assert all(0 < end - start <= READ_CHARS for start, end in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    covered = "".join(text[s:e] for s, e in spans)
    assert covered == text.replace("\n", "")


def test_the_shipped_reader_knows_the_families(guide) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(read_resource_text("blame_reader.json"))
    assert set(data["classes"]) == set(CLASSES)
    assert 0 < data["keep"] < data["add"] < 1
    checker, rules = BlameChecker(guide), BlameChecker(guide, reader=None)
    # Blame in words no rule catches (written for this test, in no training file).
    for text, category in [
        ("Honestly the Search folks cannot be trusted near prod anymore.", "punitive"),
        ("The agency really needs to learn how a code freeze works.", "hindsight-demand"),
        ("Nice of Platform to finally show up, three hours in.", "sarcasm"),
    ]:
        assert rules.check(text) == [], text
        assert [(f.category, f.pattern_id) for f in checker.check(text)] == [(category, READER_ID)]
    for text in [
        "Thanks to Storage for the quick rollback.",
        "The canary allowed 5 % of traffic before it stopped.",
        "We should add validation to the deploy form.",
    ]:
        assert checker.check(text) == [], text
    assert shipped_reader() is shipped_reader()  # read once per process


@pytest.mark.slow
def test_the_shipped_weights_are_what_training_makes_of_the_data() -> None:
    """Nobody edits the weights by hand: retraining on the committed data gives the same file
    (up to the last digit a different BLAS may round otherwise)."""
    pytest.importorskip("sklearn")
    from tests.helpers.train_reader import PRUNE, train

    shipped = json.loads(read_resource_text("blame_reader.json"))
    trained = train()
    for key in ("classes", "keep", "add", "keep_other", "other_categories"):
        assert trained[key] == shipped[key], key
    intercepts = zip(trained["intercept"], shipped["intercept"], strict=True)  # type: ignore[call-overload]
    assert max(abs(a - b) for a, b in intercepts) < 0.003
    ours, theirs = trained["weights"], shipped["weights"]
    assert isinstance(ours, dict)
    for feature in ours.keys() ^ theirs.keys():  # only features at the edge of the pruning
        row = ours.get(feature) or theirs[feature]
        assert max(abs(w) for w in row) < PRUNE + 0.002, feature
    for feature in ours.keys() & theirs.keys():
        assert max(abs(a - b) for a, b in zip(ours[feature], theirs[feature], strict=True)) < 0.003


def test_the_guides_own_reframes_are_never_flagged(guide) -> None:  # type: ignore[no-untyped-def]
    """What the guide tells the room to say instead (its quoted examples) is blameless by
    definition: the checker must not underline its own advice."""
    quoted = [
        example
        for rule in guide.rules
        for example in re.findall("\u201c([^\u201d]+)\u201d", rule.instead)
    ]
    assert len(quoted) >= 10
    checker = BlameChecker(guide)
    assert [text for text in quoted if checker.check(text)] == []
