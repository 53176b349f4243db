"""The evaluation sets written without sight of the rules: per-family scores for both checkers.

`tests/data/eval_blame_<split>.tsv` hold `family<TAB>label<TAB>sentence` rows (label `blame` or
`ok`); `tests/data/eval_actions_{tune,holdout}.jsonl` hold action items with `written_on`,
`label` and `expected_due`. The tune, holdout and holdout2 splits are tuning data of the rules;
the writer_* splits, each written blind by a helper who never saw the rules (first scores in
their headers), are the second reader's training data (`tests/helpers/train_reader.py`). Their
misses may be listed. holdout3 and holdout4, also written blind, are never trained on and never
read: for them this module prints per-family numbers only, never a sentence.

    python -m tests.helpers.eval_sets [SPLIT] [--misses] [--rules-only]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from facilitator_app.language.second_reader import FAMILY_CATEGORY

DATA = Path(__file__).resolve().parent.parent / "data"
SPLITS = ("tune", "holdout")  # the splits with both blame sentences and action items
# Every writer's set in the folder: a new one is training data (and scored) as soon as it lands.
WRITER_SPLITS = tuple(
    sorted(p.stem.removeprefix("eval_blame_") for p in DATA.glob("eval_blame_writer_*.tsv"))
)
BLAME_SPLITS = (*SPLITS, "holdout2", *WRITER_SPLITS, "holdout3", "holdout4", "holdout5")
BLIND_SPLITS = frozenset({"holdout3", "holdout4", "holdout5"})  # scored, never shown
FAMILIES = tuple(FAMILY_CATEGORY)  # punitive, grievance, sarcasm, intent, moral, hindsight


def blame_path(split: str) -> Path:
    return DATA / f"eval_blame_{split}.tsv"


def actions_path(split: str) -> Path:
    return DATA / f"eval_actions_{split}.jsonl"


@dataclass(frozen=True)
class Row:
    family: str
    blameful: bool
    text: str


def read_blame(split: str) -> list[Row]:
    rows = []
    for line in blame_path(split).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        family, label, text = line.split("\t")
        assert family in FAMILIES and label in ("blame", "ok"), line[:40]
        rows.append(Row(family, label == "blame", text))
    return rows


@dataclass
class FamilyScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[tuple[str, Row]] = field(default_factory=list)  # ("missed" | "false alarm", row)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_blame(split: str, flags: Callable[[str], bool]) -> dict[str, FamilyScore]:
    """Per family: a blame sentence with any finding is found; an `ok` one is a false alarm."""
    scores = {family: FamilyScore() for family in FAMILIES}
    for row in read_blame(split):
        score = scores[row.family]
        flagged = flags(row.text)
        if row.blameful and flagged:
            score.tp += 1
        elif row.blameful:
            score.fn += 1
            score.misses.append(("missed", row))
        elif flagged:
            score.fp += 1
            score.misses.append(("false alarm", row))
        else:
            score.tn += 1
    return scores


@dataclass(frozen=True)
class ActionRow:
    line: int
    row: dict[str, object]

    @property
    def written_on(self) -> date:
        return date.fromisoformat(str(self.row["written_on"]))


def read_actions(split: str) -> list[ActionRow]:
    text = actions_path(split).read_text(encoding="utf-8")
    return [ActionRow(n, json.loads(line)) for n, line in enumerate(text.splitlines(), 1) if line]


@dataclass
class ActionScore:
    total: int = 0
    verdict_right: int = 0
    due_right: int = 0
    wrong: list[str] = field(default_factory=list)


def score_actions(split: str) -> ActionScore:
    """Verdicts against the labels, and resolved due dates against `expected_due`."""
    from facilitator_app.actions.check import ActionSpec, check_action
    from facilitator_app.model import ActionKind

    score = ActionScore()
    for item in read_actions(split):
        r = item.row
        spec = ActionSpec(
            str(r["description"]),
            ActionKind(str(r["kind"])),
            str(r["owner"]),
            str(r["lead"]),
            str(r["due"]),
            str(r["test"]),
            item.written_on,
        )
        verdict = check_action(spec, today=item.written_on)
        resolved = verdict.due.isoformat() if verdict.due else None
        score.total += 1
        score.verdict_right += verdict.verdict == r["label"]
        score.due_right += resolved == r["expected_due"]
        if verdict.verdict != r["label"] or resolved != r["expected_due"]:
            score.wrong.append(
                f"line {item.line}: {verdict.verdict} (want {r['label']}), due {resolved} "
                f"(want {r['expected_due']}) {r['description']!r} due={r['due']!r} "
                f"reasons={[x.message for x in verdict.reasons]}"
            )
    return score


def _blame_flags(rules_only: bool = False) -> Callable[[str], bool]:
    from facilitator_app.language import BlameChecker, load_guide

    checker = BlameChecker(load_guide(use_user_file=False), reader=not rules_only)
    return lambda text: bool(checker.check(text))


def main(argv: list[str]) -> int:
    split = argv[0] if argv and argv[0] in BLAME_SPLITS else "tune"
    show = "--misses" in argv and split not in BLIND_SPLITS  # a blind split is never shown
    rules_only = "--rules-only" in argv
    scores = score_blame(split, _blame_flags(rules_only))
    print(f"blame language, {split} split" + (", the rules alone" if rules_only else ""))
    for family, s in scores.items():
        print(
            f"  {family:10} precision {s.precision:.2f}  recall {s.recall:.2f}  "
            f"(found {s.tp}, false alarms {s.fp}, missed {s.fn})"
        )
        for kind, row in s.misses if show else ():
            print(f"      {kind}: {row.text}")
    if split not in SPLITS:
        return 0
    actions = score_actions(split)
    print(
        f"action items, {split} split: verdict {actions.verdict_right}/{actions.total}, "
        f"resolved due {actions.due_right}/{actions.total}"
    )
    for line in actions.wrong if show else ():
        print(f"      {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
