"""The labelled sentences for the blame-language checker, and precision/recall over them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
TUNING = DATA / "language_corpus.tsv"
HOLDOUT = DATA / "language_corpus_holdout.tsv"


@dataclass(frozen=True)
class Sentence:
    line: int
    blameful: bool
    categories: frozenset[str]
    text: str


def read_corpus(path: Path) -> list[Sentence]:
    sentences = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, categories, text = line.split("\t")
        assert label in ("blame", "neutral"), f"{path.name} line {number}: bad label {label!r}"
        cats = frozenset() if categories == "-" else frozenset(categories.split(","))
        assert (label == "blame") == bool(cats), f"{path.name} line {number}: label/categories"
        sentences.append(Sentence(number, label == "blame", cats, text))
    return sentences


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    overall: Score
    by_category: dict[str, Score]
    misses: list[tuple[Sentence, frozenset[str]]]  # (sentence, predicted categories)


def evaluate(sentences: Iterable[Sentence], predict: Callable[[str], frozenset[str]]) -> Evaluation:
    """Sentence-level scores: overall (any finding vs. none) and per category."""
    overall = Score()
    by_category: dict[str, Score] = {}
    misses = []
    for sentence in sentences:
        predicted = predict(sentence.text)
        flagged = bool(predicted)
        if flagged and sentence.blameful:
            overall.tp += 1
        elif flagged:
            overall.fp += 1
        elif sentence.blameful:
            overall.fn += 1
        for category in predicted | sentence.categories:
            score = by_category.setdefault(category, Score())
            if category in predicted and category in sentence.categories:
                score.tp += 1
            elif category in predicted:
                score.fp += 1
            else:
                score.fn += 1
        if predicted != sentence.categories:
            misses.append((sentence, predicted))
    return Evaluation(overall, by_category, misses)


def report(evaluation: Evaluation) -> str:
    rows = [
        f"{'overall':16} P={evaluation.overall.precision:.3f} "
        f"R={evaluation.overall.recall:.3f} {evaluation.overall}"
    ]
    for category, score in sorted(evaluation.by_category.items()):
        rows.append(f"{category:16} P={score.precision:.3f} R={score.recall:.3f} {score}")
    return "\n".join(rows)
