"""Disk full mid-meeting (issue 16): the meeting goes on, nothing is lost once space returns.

The database is capped with `PRAGMA max_page_count` at its current size, then the facilitator
keeps switching the floor and the clock keeps ticking: the writes that no longer fit wait in
memory, a warning says so, the clock never stops, every tick retries, and when the cap is
lifted everything lands, in order, as if the disk had never been full.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator_app.engine import ClockState
from facilitator_app.errors import StorageError
from facilitator_app.model import ActionItem, ActionKind, Lane
from tests.helpers.meeting import Meeting, open_meeting, run


def disk(m: Meeting, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(m.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def disk_totals(m: Meeting) -> dict[str, float]:
    totals: dict[str, float] = {}
    for holder, lane, seconds in disk(
        m, "SELECT holder, lane, coalesce(seconds, 0) FROM speaking_interval"
    ):
        key = f"team_{lane.lower()}" if lane else holder
        totals[key] = totals.get(key, 0.0) + seconds
    return totals


def fill_the_disk(m: Meeting) -> int:
    """Cap the file at its size, then switch the floor until a write no longer fits."""
    conn = m.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    for i in range(2000):
        m.engine.toggle_team(Lane.B if i % 2 else Lane.A)
        run(m, 0.5)
        if m.store.pending:
            return i
    pytest.fail("the capped database never filled up")


def test_the_meeting_goes_on_while_the_disk_is_full_and_nothing_is_lost(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    m.engine.toggle_team(Lane.A)
    m.engine.start()
    run(m, 2)
    fill_the_disk(m)
    assert m.store.storage_warning is not None and "disk is full" in m.store.storage_warning
    on_disk_when_full = len(disk(m, "SELECT id FROM speaking_interval"))
    elapsed_when_full = m.engine.elapsed()
    for i in range(30):  # a minute of meeting with the disk full
        m.engine.toggle_team(Lane.A if i % 2 else Lane.B)
        run(m, 2.0)
        assert m.engine.state is ClockState.RUNNING  # the clock never stops
    assert m.engine.elapsed() == pytest.approx(elapsed_when_full + 60)
    assert m.store.pending.changes > 30  # switches and checkpoints, kept in memory
    assert not m.store.retry_pending()  # still full: retried, still waiting
    assert len(disk(m, "SELECT id FROM speaking_interval")) == on_disk_when_full
    with pytest.raises(StorageError):  # an edit that needs space is refused, not half-saved
        m.workspace.add(ActionItem(ActionKind.TEAM, "Add a retry budget " * 100, owner="Ana"))

    m.store.conn.execute("PRAGMA max_page_count = 1073741823")  # space returns
    run(m, 0.5)  # the next checkpoint retries
    assert not m.store.pending and m.store.storage_warning is None
    assert len(disk(m, "SELECT id FROM speaking_interval")) == len(m.workspace.session.speaking)
    memory = m.engine.totals()
    on_disk = disk_totals(m)
    assert on_disk["team_a"] == pytest.approx(memory.team_a, abs=1e-6)
    assert on_disk["team_b"] == pytest.approx(memory.team_b, abs=1e-6)
    assert disk(m, "SELECT state, holder, lane FROM meeting_clock") == [
        ("running", "team", m.engine.holder.lane.value if m.engine.holder.lane else None)
    ]

    crashed = m.reopen()  # and it survives a crash right after
    assert crashed.engine.totals().team_a == pytest.approx(memory.team_a, abs=1.0)
    assert crashed.engine.totals().team_b == pytest.approx(memory.team_b, abs=1.0)


def test_a_crash_while_the_disk_is_full_keeps_everything_written_before(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    m.engine.toggle_team(Lane.A)
    m.engine.start()
    run(m, 3)
    fill_the_disk(m)
    before = disk(m, "SELECT id, holder, lane, seconds FROM speaking_interval ORDER BY id")
    run(m, 5)
    crashed = m.reopen()  # the waiting writes die with the process; the file is sound
    conn = sqlite3.connect(m.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute(
            "SELECT id, holder, lane, seconds FROM speaking_interval ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    assert [r[:3] for r in rows][: len(before)] == [r[:3] for r in before]
    assert crashed.engine.state is ClockState.RUNNING


def test_ids_handed_out_by_a_failed_attempt_are_never_given_twice(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from facilitator_app.model import HolderKind, SpeakingInterval
    from facilitator_app.store import IntervalWrite
    from storage import meeting_rows
    from storage.pending_writes import PendingWrites

    m = open_meeting(tmp_path)
    conn = m.store.conn
    highest = conn.execute("SELECT coalesce(max(id), 0) FROM speaking_interval").fetchone()[0]
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    stale = SpeakingInterval(HolderKind.NOBODY, at, id=highest + 1)  # from a rolled-back INSERT
    new = SpeakingInterval(HolderKind.FACILITATOR, at)
    pending = PendingWrites()

    def write(c: object) -> None:
        for interval in (stale, new):
            meeting_rows._write_interval(c, m.session_id, IntervalWrite(interval, None, 0.0))  # type: ignore[arg-type]

    pending.record(conn, write)
    assert new.id is not None and new.id != stale.id
    with meeting_rows.transaction(conn, m.path):
        pending.replay(conn)
    ids = [r[0] for r in disk(m, "SELECT id FROM speaking_interval ORDER BY id")]
    assert stale.id in ids and new.id in ids
