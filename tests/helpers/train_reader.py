"""Train the second reader (`facilitator_app/language/second_reader.py`) from the labelled
sentences in `tests/data/`.

A developer's tool, not part of the app: it needs scikit-learn (in the `test` extra) and the
repository's test data, and writes `resources/blame_reader.json`, which the app reads with the
standard library alone (so neither scikit-learn nor SciPy is in the bundle). A test retrains
and compares, so the shipped weights are always what this code makes of the committed data.

Each source says whether the rules were tuned on it. On such a sentence the rules look
perfect, and a model that saw their findings there would trust them blindly; so there the
reader learns from the words alone, and it learns what a rule's finding is worth only from
sentences the rules never saw.

    python -m tests.helpers.train_reader [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from facilitator_app.language.second_reader import FAMILY_CATEGORY, NONE, OTHER

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
OUTPUT = ROOT / "resources" / "blame_reader.json"
REGULARISATION = 10.0  # scikit-learn's C, chosen by leaving one writer's set out (README)
KEEP = 0.3  # a rules' family finding stands at or above this probability of blame
KEEP_OTHER = 0.1  # a finding of the rules' other categories stands at or above this
ADD = 0.6  # a passage without findings is flagged at or above this (six families)
MIN_COUNT = 2  # a feature must occur in this many training sentences
DIGITS = 3  # weights are rounded: the file stays small and diffs stay readable
PRUNE = 0.01  # a feature whose every weight is smaller than this is left out of the file
_CATEGORY_FAMILY = {category: family for family, category in FAMILY_CATEGORY.items()}
# The rules' other categories the reader learns as "other blame" (the old corpus's): it judges
# their findings, and no category it never saw (a user's own).
OTHER_CATEGORIES = frozenset(
    {"person-blame", "counterfactual", "hindsight", "team-accusation", "human-error"}
    | {"why-question", "loaded-wording"}
)


@dataclass(frozen=True)
class Source:
    path: str  # under tests/data
    rules_tuned: bool  # were the rules written against these sentences?
    # "eval": family<TAB>label<TAB>text; "corpus": label<TAB>cats<TAB>text; "notes": one
    # blameless line of ordinary meeting notes a line
    kind: str = "eval"


# Never here: eval_blame_holdout{3,4,5}.tsv and neutral_notes_holdout.txt (scored, never trained
# on), and language_corpus_holdout.tsv (the old corpus's own holdout).
WRITERS = tuple(sorted(p.name for p in DATA.glob("eval_blame_writer_*.tsv")))
NOTES = tuple(sorted(p.name for p in DATA.glob("neutral_notes_n*.txt")))
SOURCES = (
    Source("eval_blame_tune.tsv", rules_tuned=True),
    Source("eval_blame_holdout.tsv", rules_tuned=True),
    Source("eval_blame_holdout2.tsv", rules_tuned=True),
    Source("language_corpus.tsv", rules_tuned=True, kind="corpus"),
    *(Source(name, rules_tuned=False) for name in WRITERS),
    *(Source(name, rules_tuned=False, kind="notes") for name in NOTES),
)


@dataclass(frozen=True)
class Example:
    label: str  # a family, or "none"
    text: str
    rules_tuned: bool
    source: str


def read_source(source: Source, data: Path = DATA) -> list[Example]:
    examples = []
    path = data / source.path
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if source.kind == "notes":
            examples.append(Example(NONE, line, source.rules_tuned, source.path))
            continue
        first, second, text = line.split("\t")
        if source.kind == "eval":
            label = first if second == "blame" else NONE
        elif first == "neutral":
            label = NONE
        else:  # an old corpus sentence: one of the six families, or blame of another kind
            families = [_CATEGORY_FAMILY[c] for c in second.split(",") if c in _CATEGORY_FAMILY]
            label = families[0] if families else OTHER
        if label not in (NONE, OTHER) and label not in FAMILY_CATEGORY:
            raise ValueError(f"{path.name} line {number}: unknown family {label!r}")
        examples.append(Example(label, text, source.rules_tuned, source.path))
    return examples


def evidence_of(examples: Sequence[Example]) -> list[set[str]]:
    """Each example's evidence as the checker gathers it (rules' findings left out where the
    rules were tuned on the sentence)."""
    from facilitator_app.language import BlameChecker, load_guide
    from facilitator_app.language.text_spans import plain_text

    checker = BlameChecker(load_guide(use_user_file=False), reader=None)
    out = []
    for example in examples:
        plain = plain_text(example.text)
        found = [] if example.rules_tuned else checker.check(example.text)
        out.append(checker.evidence(plain, 0, len(plain), found))
    return out


def fit(evidence: Sequence[set[str]], labels: Sequence[str], c: float = REGULARISATION):  # type: ignore[no-untyped-def]
    """A multinomial logistic model over binary features (scikit-learn, imported here)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # A feature seen in one sentence only is that sentence's, not a pattern: left out.
    counts = Counter(feature for e in evidence for feature in e)
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform(
        [{f: 1 for f in e if counts[f] >= MIN_COUNT} for e in evidence]
    )
    # No class weights: blameless lines far outnumber blameful ones in real notes, and the
    # reader's probabilities should say so (balanced weights flagged 4 % of plain notes).
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix, list(labels))
    return vectoriser, model


def as_json(
    vectoriser, model, keep: float = KEEP, add: float = ADD, keep_other: float = KEEP_OTHER
) -> dict[str, object]:  # type: ignore[no-untyped-def]
    classes = [str(c) for c in model.classes_]
    weights = {}
    for index, name in enumerate(vectoriser.get_feature_names_out()):
        row = [round(float(w), DIGITS) for w in model.coef_[:, index]]
        if max(abs(w) for w in row) >= PRUNE:
            weights[str(name)] = row
    return {
        "about": "The second reader's weights, made by: python -m tests.helpers.train_reader",
        "classes": classes,
        "intercept": [round(float(b), DIGITS) for b in model.intercept_],
        "keep": keep,
        "add": add,
        "keep_other": keep_other,
        "other_categories": sorted(OTHER_CATEGORIES),
        "weights": dict(sorted(weights.items())),
    }


def training_examples(sources: Iterable[Source] = SOURCES, data: Path = DATA) -> list[Example]:
    return [example for source in sources for example in read_source(source, data)]


def train(sources: Iterable[Source] = SOURCES, data: Path = DATA) -> dict[str, object]:
    examples = training_examples(sources, data)
    vectoriser, model = fit(evidence_of(examples), [e.label for e in examples])
    return as_json(vectoriser, model)


def to_text(trained: dict[str, object]) -> str:
    """The JSON file: one feature a line, so a retrained model's diff shows what moved."""
    head = {k: v for k, v in trained.items() if k != "weights"}
    weights = trained["weights"]
    assert isinstance(weights, dict)
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "weights": {']
    rows = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in weights.items()]
    lines.append(",\n".join(rows))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    args = parser.parse_args(argv)
    trained = train()
    text = to_text(trained)
    if args.check:
        same = OUTPUT.read_text(encoding="utf-8") == text
        print("shipped weights are up to date" if same else "shipped weights are stale")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(trained['weights'])} features")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
