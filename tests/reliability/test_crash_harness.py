"""The crash harness in the suite: 200 SIGKILLs of a scripted meeting, plus kills during a
migration and an export (see crash_harness.py for what each kill checks; `make soak` runs
2,000)."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability import crash_harness as h

SUITE_KILLS = 200


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    """A memory-backed folder when there is one: a SIGKILL is a process crash, which the page
    cache survives, so fsync to a real disk adds time and proves nothing more here."""
    shm = Path("/dev/shm")
    if shm.is_dir():
        with tempfile.TemporaryDirectory(dir=shm, prefix="facilitator-crash-") as folder:
            yield Path(folder)
    else:
        yield tmp_path


def test_200_kills_lose_nothing_acknowledged_and_at_most_a_second_of_speaking(
    work: Path,
) -> None:
    summary = h.run_kills(work, SUITE_KILLS, seed=16)
    assert summary.kills == SUITE_KILLS
    assert summary.migration_kills >= 8 and summary.export_kills >= 8
    assert summary.acked_changes > SUITE_KILLS  # the kills land all along the meetings


def test_the_check_catches_a_lost_acknowledged_change(work: Path) -> None:
    """The harness is not vacuous: a file missing an acknowledged change fails the check."""
    session_id = h.make_template(work / "template.db")
    ops = [("floor", "A"), ("clock",), ("action", "action-2"), ("tick", 0.5)]
    states = h.reference(work / "template.db", work, session_id, ops)
    replay = h.Replayer.open(work / "template.db", session_id)  # only two of the changes
    for op in ops[:2]:
        replay.apply(op)
    replay.store.close()
    with pytest.raises(AssertionError):
        h.check_after_kill(work / "template.db", states, acked=3, count=len(ops))


def test_the_check_catches_speaking_time_beyond_the_second(work: Path) -> None:
    session_id = h.make_template(work / "template.db")
    ops = [("floor", "A"), ("clock",), ("tick", 0.5), ("tick", 0.9), ("tick", 0.9)]
    states = h.reference(work / "template.db", work, session_id, ops)
    replay = h.Replayer.open(work / "template.db", session_id)
    for op in ops:
        replay.apply(op)  # the file holds 2.3 s, as if acknowledged at 0.5 s
    replay.store.close()
    with pytest.raises(AssertionError):
        h.check_after_kill(work / "template.db", states, acked=2, count=len(ops))


def test_a_kill_during_an_export_leaves_the_old_file_or_the_whole_new_one(work: Path) -> None:
    session_id = h.make_template(work / "template.db")
    rng = random.Random(3)
    outcomes = {h.kill_during_export(work / "template.db", work, session_id, rng)[:3]
                for _ in range(10)}  # fmt: skip
    assert outcomes <= {"old", "new"}
