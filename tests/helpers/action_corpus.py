"""The labelled action items for the specific test, and how well the checker agrees with them.

Run `python -m tests.helpers.action_corpus [tuning|holdout]` to print the accuracy and every
disagreement.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from facilitator_app.actions.check import ActionSpec, Verdict, check_action
from facilitator_app.model import ActionKind

DATA = Path(__file__).resolve().parent.parent / "data"
SETS = {
    "tuning": DATA / "action_items_tuning.jsonl",
    "holdout": DATA / "action_items_holdout.jsonl",
    "holdout2": DATA / "action_items_holdout2.jsonl",
}


@dataclass(frozen=True)
class Labelled:
    line: int
    spec: ActionSpec
    label: str
    why: str


def load(name: str) -> list[Labelled]:
    items = []
    for n, line in enumerate(SETS[name].read_text(encoding="utf-8").splitlines(), start=1):
        row = json.loads(line)
        spec = ActionSpec(
            row["description"],
            ActionKind(row["kind"]),
            row["owner"],
            row["lead"],
            row["due"],
            row["test"],
            date.fromisoformat(row["created"]),
        )
        items.append(Labelled(n, spec, row["label"], row.get("why", "")))
    return items


def evaluate(name: str) -> tuple[float, list[tuple[Labelled, Verdict]]]:
    items = load(name)
    wrong = []
    for item in items:
        verdict = check_action(item.spec)
        if verdict.verdict != item.label:
            wrong.append((item, verdict))
    return 1 - len(wrong) / len(items), wrong


def main(argv: list[str]) -> int:
    for name in argv or list(SETS):
        accuracy, wrong = evaluate(name)
        items = load(name)
        specific = sum(i.label == "specific" for i in items)
        print(
            f"{name}: {len(items)} items ({specific} specific, {len(items) - specific} vague), "
            f"accuracy {accuracy:.3f} ({len(items) - len(wrong)}/{len(items)})"
        )
        for item, verdict in wrong:
            print(
                f"  line {item.line}: expected {item.label}, got {verdict.verdict}: "
                f"{item.spec.description!r} owner={item.spec.owner!r} lead={item.spec.lead!r} "
                f"due={item.spec.due!r} test={item.spec.test!r} "
                f"{[r.message for r in verdict.reasons]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
