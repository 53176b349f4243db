"""The six blame families found by frames (who a sentence is about and what is said of them)
and the second reader, scored on sentences written without sight of the rules: the tuning and
training splits, and the blind holdout3, holdout4 and holdout5."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app.errors import UserError
from facilitator_app.language import BlameChecker, load_guide, user_guide_path
from facilitator_app.language.frames import tokens
from facilitator_app.language.second_reader import FAMILY_CATEGORY
from tests.helpers.eval_sets import FAMILIES, WRITER_SPLITS, main, read_blame, score_blame

# Floors a little below what the checker reaches (precision, recall). tune, holdout, holdout2
# and the writer_* splits are training data (of the rules, then of the second reader);
# holdout3, holdout4 and holdout5 were written blind and are never trained on; each score of
# them is in the commit log (holdout4 three times, holdout5 twice, one per version of the
# second reader).
TRAINED = {family: (0.95, 0.85) for family in FAMILIES}
FLOORS = {
    "tune": {family: (0.95, 0.95) for family in FAMILIES},
    "holdout": {family: (0.95, 0.95) for family in FAMILIES},
    "holdout2": {family: (0.95, 0.93) for family in FAMILIES},
    **{split: TRAINED for split in WRITER_SPLITS},
    "holdout3": {
        "punitive": (0.95, 0.95),
        "grievance": (0.95, 0.88),
        "sarcasm": (0.85, 0.88),
        "intent": (0.95, 0.92),
        "moral": (0.85, 0.95),
        "hindsight": (0.92, 0.88),
    },
    "holdout4": {
        "punitive": (0.95, 0.95),
        "grievance": (0.95, 0.9),
        "sarcasm": (0.93, 0.8),
        "intent": (0.93, 0.9),
        "moral": (0.93, 0.92),
        "hindsight": (0.92, 0.92),
    },
    "holdout5": {
        "punitive": (0.95, 0.82),
        "grievance": (0.93, 0.8),
        "sarcasm": (0.92, 0.92),
        "intent": (0.95, 0.93),
        "moral": (0.95, 0.95),
        "hindsight": (0.93, 0.88),
    },
}


@pytest.fixture(scope="module")
def checker() -> BlameChecker:
    return BlameChecker(load_guide(use_user_file=False))


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_each_family_meets_its_floor(checker: BlameChecker, split: str) -> None:
    rows = read_blame(split)
    assert len(rows) >= 200 and {r.family for r in rows} <= set(FAMILIES)
    scores = score_blame(split, lambda text: bool(checker.check(text)))
    # Plain numbers only: a failure must not print a sentence of a blind split.
    reached = {family: (s.precision, s.recall) for family, s in scores.items()}
    below = {
        family: (round(reached[family][0], 3), round(reached[family][1], 3))
        for family, (precision, recall) in FLOORS[split].items()
        if reached[family][0] < precision or reached[family][1] < recall
    }
    assert not below, f"{split}: (precision, recall) below the floor: {below}"


def test_each_family_is_a_rule_whose_own_example_it_flags(checker: BlameChecker) -> None:
    guide = load_guide(use_user_file=False)
    for category in FAMILY_CATEGORY.values():
        rule = guide.rule(category)
        assert rule is not None and rule.instead and rule.why
        found = checker.check(rule.avoid)
        assert category in {f.category for f in found}, (category, rule.avoid)
        assert all(f.suggestion for f in found)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Identity should be barred from the release train.", "punitive"),
        ("Let's bar the Edge team from the CDN config.", "punitive"),
        ("We are barring Marco from deploys.", "punitive"),
        ("Ops shouldn't be allowed to touch the gateway.", "punitive"),
        ("It was irresponsible of the vendor to skip the notice.", "moral-judgment"),
        ("They didn't want to deal with it, so they muted it.", "intent"),
    ],
)
def test_frames_match_lemmas_and_who_it_is_about(
    checker: BlameChecker, text: str, category: str
) -> None:
    assert category in {f.category for f in checker.check(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Remove the legacy retry path from the checkout client.",
        "The canary was barred from promoting because the error budget was exhausted.",
        "A p99 of 4 s is unacceptable for checkout.",
        "Edge Platform always publishes a change calendar on Mondays.",
        "Thanks to Priya for staying on the bridge until 4 a.m.",
    ],
)
def test_the_same_words_about_a_system_are_not_blame(checker: BlameChecker, text: str) -> None:
    assert checker.check(text) == []


def test_contractions_are_two_words_and_words_are_lemmas() -> None:
    assert [t.lemma for t in tokens("didn't bars")] == ["do", "not", "bar"]
    assert [t.lemma for t in tokens("They can't be barred")] == ["they", "can", "not", "be", "bar"]


def test_an_override_adds_a_frame_and_a_bad_one_names_its_line() -> None:
    path = user_guide_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '[[frame]]\nid = "exile"\ncategory = "punitive"\ncue = "exile"\n'
        'who = "{party}"\nafter = 2\n',
        encoding="utf-8",
    )
    checker = BlameChecker(load_guide())
    assert "punitive" in {f.category for f in checker.check("Exile Marco to the backlog.")}
    path.write_text(
        '[[frame]]\nid = "exile"\ncategory = "punitive"\ncue = "exile"\nafter = "two"\n',
        encoding="utf-8",
    )
    with pytest.raises(UserError) as caught:
        load_guide()
    assert caught.value.line == 5 and caught.value.field == "frame.after"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Words of a class the evaluation sentences never used: the class knows them.
        ("Frankly, Tomas should be sidelined from the gateway.", "punitive"),
        ("Confiscate the contractor's deploy keys.", "punitive"),
        ("Gateway habitually skips the change review and we pay for it.", "grievance"),
        ("Marvellous foresight from Billing, migrating during the sale.", "sarcasm"),
        ("The vendor stonewalled our escalation for a week.", "intent"),
        ("Billing behaved dishonestly with the auditors.", "moral-judgment"),
        ("The vendor had to have foreseen the spike from its own campaign.", "hindsight-demand"),
    ],
)
def test_a_word_class_covers_synonyms_and_inflections(
    checker: BlameChecker, text: str, category: str
) -> None:
    assert category in {f.category for f in checker.check(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Lock Identity out of the shared config repo.",  # the party inside the cue's gap
        "I'd put Dana on a PIP after this.",
    ],
)
def test_the_one_punished_may_stand_inside_the_cue(checker: BlameChecker, text: str) -> None:
    assert "punitive" in {f.category for f in checker.check(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The outage was unacceptable for our customers, so we're adding a region.",
        "Their error rate during the sale was unacceptable, so we're adding capacity.",
        "Payments' SLO says anything above 1 % errors is unacceptable.",
        "The vendor agreed the four-hour delay was unacceptable.",
        "Running without backups would be reckless, so the job now refuses to start.",
        "Skipping review is unacceptable under our policy, and the tool enforces it.",
        "Remove the old Identity endpoints once traffic moves.",
    ],
)
def test_a_verdict_on_a_thing_or_for_a_party_is_not_blame(checker: BlameChecker, text: str) -> None:
    assert checker.check(text) == []


def test_a_user_word_reaches_every_frame_that_names_its_class() -> None:
    path = user_guide_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[lexicon]\npunish_verb = ["exile"]\n', encoding="utf-8")
    checker = BlameChecker(load_guide())
    assert "punitive" in {f.category for f in checker.check("Exile Marco to the backlog.")}
    assert "punitive" in {f.category for f in checker.check("The vendor deserves to be exiled.")}


def test_a_cue_naming_an_unknown_word_class_names_its_line() -> None:
    path = user_guide_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '[[frame]]\nid = "exile"\ncategory = "punitive"\ncue = "{exile_verbs}"\n', encoding="utf-8"
    )
    with pytest.raises(UserError) as caught:
        load_guide()
    assert caught.value.line == 4 and caught.value.field == "frame.cue"


def test_a_plural_possessive_is_one_word() -> None:
    assert [t.word for t in tokens("Payments' SLO")] == ["payments'", "slo"]


def test_the_blind_split_prints_numbers_and_never_a_sentence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for split in ("holdout3", "holdout4", "holdout5"):
        assert main([split, "--misses"]) == 0
        printed = capsys.readouterr().out
        assert [f for f in FAMILIES if f"  {f} " in printed] == list(FAMILIES)
        assert not any(row.text in printed for row in read_blame(split))


def test_a_doubled_consonant_ing_form_is_its_verb(checker: BlameChecker) -> None:
    assert [t.lemma for t in tokens("cutting sitting")] == ["cut", "sit"]
    assert "intent" in {f.category for f in checker.check("Marco was cutting corners again.")}


def test_the_party_may_stand_inside_the_cue(checker: BlameChecker) -> None:
    found = checker.check("Not a single Payments engineer has bothered to join our review.")
    assert found and not checker.check("Not a single test has bothered me today.")


@pytest.mark.parametrize(
    "text",
    [
        "Whoever merged that should be walked out of the building.",
        "Why is it always Billing's migrations that take us down?",
        "Thanks a lot, Search, for the 3am page.",
        "Wow, what a thorough review, Raj. Approved in 30 seconds.",
        "She turned off the pre-commit hook because it was annoying.",
        "The vendor had one job.",
        "It was on the customer to upgrade before the cutoff.",
        "Billing should really have tested their migration on a copy first.",
        "Payments' decision to ignore our warnings was reckless.",
    ],
)
def test_blame_said_in_other_words_is_found(checker: BlameChecker, text: str) -> None:
    assert checker.check(text), text


@pytest.mark.parametrize(
    "text",
    [
        "We should have had a runbook entry for this failure mode.",
        "The error messages in the admin UI are sloppy and don't say which field failed.",
        pytest.param(
            "Our on-call load is irresponsible: one engineer covers three services.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known false alarm: the second reader reads it as moral judgment (0.63)",
            ),
        ),
        "It's inexcusable that our pipeline allows a deploy with failing tests.",
        "Remove the on-call rotation from the old schedule tool; we migrated it.",
        "Big thanks to the vendor, who restored the region in under an hour.",
        "Identity was quick to respond once we paged them at 2am.",
        "Awesome, the failover drill went fine and nobody got paged.",
        "Alerts were ignored because half of them were false positives.",
        "Error rates hit a new low for Identity after the fix.",
    ],
)
def test_a_look_alike_about_a_thing_or_ourselves_is_not_flagged(
    checker: BlameChecker, text: str
) -> None:
    assert checker.check(text) == [], text


@pytest.mark.parametrize(
    ("name", "most"),
    [
        ("neutral_notes_holdout.txt", 3),  # the rules alone flag 1
        ("neutral_facilitator_holdout.txt", 11),  # the rules alone flag 9 ("why" questions...)
    ],
)
def test_plain_notes_and_the_facilitators_words_are_rarely_flagged(
    checker: BlameChecker, name: str, most: int
) -> None:
    """120 blameless lines each, written blind and never trained on: ordinary meeting notes, and
    what a neutral facilitator says. The second reader may add a line or two to the rules."""
    path = Path(__file__).resolve().parent.parent / "data" / name
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("#")]
    assert len(lines) == 120
    flagged = sum(bool(checker.check(line)) for line in lines)
    assert flagged <= most, f"{flagged} of 120 blameless lines flagged"
