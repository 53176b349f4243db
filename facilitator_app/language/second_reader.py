"""The second reader: a linear model that weighs a passage's evidence for the six blame families.

Hand rules find a phrase; people who never saw the rules write the same blame in other words,
and write look-alikes the rules mistake for blame. The reader is a multinomial logistic model
(trained by `tests/helpers/train_reader.py` with scikit-learn on the labelled sentences in
`tests/data/`; its weights ship as `resources/blame_reader.json`, read here with nothing but
the standard library). For one passage it gives the probability that it blames, and which
family.

The checker's second pass (`second_pass.py`) asks it about each passage: a finding of the
rules stands only where the reader does not rule blame out (`keep` for the six families,
`keep_other` for the other categories it was trained on; a category it never saw always
stands), and a passage the rules left alone is flagged where the reader is sure it blames in
one of the six families (`add`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from facilitator_app.paths import read_resource_text

MODEL_RESOURCE = "blame_reader.json"
NONE = "none"
OTHER = "other"  # blame of the rules' other categories (person blame, loaded wording...)
# The family of an evaluation sentence -> the guide rule that names it.
FAMILY_CATEGORY: Mapping[str, str] = {
    "punitive": "punitive",
    "grievance": "grievance",
    "sarcasm": "sarcasm",
    "intent": "intent",
    "moral": "moral-judgment",
    "hindsight": "hindsight-demand",
}
FAMILY_CATEGORIES = frozenset(FAMILY_CATEGORY.values())


@dataclass(frozen=True)
class Reading:
    blame: float  # the probability that the passage blames at all (1 - P(none))
    in_family: float  # the probability that it blames in one of the six families
    family: str  # the most likely family ("punitive", ...)

    @property
    def category(self) -> str:
        return FAMILY_CATEGORY[self.family]


class SecondReader:
    def __init__(
        self,
        classes: tuple[str, ...],
        intercept: tuple[float, ...],
        weights: Mapping[str, tuple[float, ...]],
        keep: float,
        add: float,
        keep_other: float = 0.0,
        other_categories: frozenset[str] = frozenset(),
    ) -> None:
        self.classes = classes
        self.intercept = intercept
        self.weights = weights
        self.keep = keep  # a rules' family finding stands at or above this
        self.add = add  # a passage without findings is flagged at or above this
        self.keep_other = keep_other  # a finding of another category stands at or above this
        # ... of the categories it was trained on: a user's own category is never its business
        self.other_categories = other_categories
        self._none = classes.index(NONE)
        self._families = [i for i, c in enumerate(classes) if c in FAMILY_CATEGORY]

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> SecondReader:
        classes = tuple(str(c) for c in data["classes"])  # type: ignore[attr-defined]
        intercept = tuple(float(x) for x in data["intercept"])  # type: ignore[attr-defined]
        raw = data["weights"]
        assert isinstance(raw, dict)
        weights = {str(k): tuple(float(x) for x in v) for k, v in raw.items()}
        if NONE not in classes or any(len(v) != len(classes) for v in weights.values()):
            raise ValueError("blame reader: weights do not match its classes")
        keep, add = float(data["keep"]), float(data["add"])  # type: ignore[arg-type]
        keep_other = float(data.get("keep_other", 0.0))  # type: ignore[arg-type]
        others = frozenset(str(c) for c in data.get("other_categories", ()))  # type: ignore[attr-defined]
        return cls(classes, intercept, weights, keep, add, keep_other, others)

    def threshold(self, category: str) -> float:
        """The probability of blame at which the rules' finding of `category` stands."""
        if category in FAMILY_CATEGORIES:
            return self.keep
        return self.keep_other if category in self.other_categories else 0.0

    def read(self, evidence: Iterable[str]) -> Reading:
        weights = self.weights
        rows = [weights[f] for f in evidence if f in weights]
        scores = [sum(column) for column in zip(self.intercept, *rows, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        family = max(self._families, key=lambda i: scores[i])
        in_family = sum(exp[i] for i in self._families) / total
        return Reading(1.0 - exp[self._none] / total, in_family, self.classes[family])


@lru_cache(maxsize=1)
def shipped_reader() -> SecondReader:
    """The reader trained on the repository's labelled sentences (read once per process)."""
    return SecondReader.from_json(json.loads(read_resource_text(MODEL_RESOURCE)))
