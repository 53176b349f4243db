"""The meeting engine's rows: its clock, per-phase budgets, and the hot-path interval writes.

A floor switch is on the path from a key press to the projector, so it is written with a few
fixed SQL statements (sqlite3 keeps them prepared) in one transaction, never through sqlite-utils'
per-row insert; the once-a-second checkpoint is a single UPDATE.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from facilitator_app.errors import StorageError
from facilitator_app.model import HolderKind
from facilitator_app.store import (
    IntervalWrite,
    MeetingClockRecord,
    MeetingRecord,
    MeetingWrite,
    PhaseClockRecord,
)
from facilitator_app.timeutil import now_utc
from storage.mapping import iso, lane_or_none

INSERT_INTERVAL = (
    "INSERT INTO speaking_interval (session_id, holder, lane, attendee_id, started_at, ended_at,"
    " seconds) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
UPSERT_INTERVAL = (
    "INSERT INTO speaking_interval (id, session_id, holder, lane, attendee_id, started_at,"
    " ended_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
    " holder = excluded.holder, lane = excluded.lane, attendee_id = excluded.attendee_id,"
    " started_at = excluded.started_at, ended_at = excluded.ended_at, seconds = excluded.seconds"
)
CHECKPOINT = "UPDATE speaking_interval SET ended_at = ?, seconds = ? WHERE id = ?"
UPSERT_CLOCK = (
    "INSERT INTO meeting_clock (session_id, state, phase_id, phase_entered_elapsed, holder, lane,"
    " attendee_id, open_interval_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT(session_id) DO UPDATE SET state = excluded.state,"
    " phase_id = excluded.phase_id, phase_entered_elapsed = excluded.phase_entered_elapsed,"
    " holder = excluded.holder, lane = excluded.lane, attendee_id = excluded.attendee_id,"
    " open_interval_id = excluded.open_interval_id"
)
UPSERT_PHASE_CLOCK = (
    "INSERT INTO meeting_phase_clock (phase_id, session_id, scale, nudge_seconds, spent_seconds)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT(phase_id) DO UPDATE SET scale = excluded.scale,"
    " nudge_seconds = excluded.nudge_seconds, spent_seconds = excluded.spent_seconds"
)


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back whole on any error."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StorageError(f"could not write: {exc}", file=str(path)) from exc
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            raise StorageError(f"could not write: {exc}", file=str(path)) from exc
        raise


def load_meeting(conn: sqlite3.Connection, session_id: int) -> MeetingRecord:
    row = conn.execute("SELECT * FROM meeting_clock WHERE session_id = ?", (session_id,)).fetchone()
    clock = None
    if row is not None:
        clock = MeetingClockRecord(
            state=row["state"],
            phase_id=row["phase_id"],
            phase_entered_elapsed=float(row["phase_entered_elapsed"]),
            holder=HolderKind(row["holder"]),
            lane=lane_or_none(row["lane"]),
            attendee_id=row["attendee_id"],
            open_interval_id=row["open_interval_id"],
        )
    phases = {
        r["phase_id"]: PhaseClockRecord(
            r["phase_id"], r["scale"], float(r["nudge_seconds"]), float(r["spent_seconds"])
        )
        for r in conn.execute(
            "SELECT * FROM meeting_phase_clock WHERE session_id = ?", (session_id,)
        )
    }
    return MeetingRecord(clock, phases)


def _write_interval(conn: sqlite3.Connection, session_id: int, item: IntervalWrite) -> None:
    s = item.interval
    values = (
        s.holder.value,
        s.lane.value if s.lane else None,
        s.attendee_id,
        iso(s.started_at),
        iso(item.ended_at),
        item.seconds,
    )
    if s.id is None:
        cursor = conn.execute(INSERT_INTERVAL, (session_id, *values))
        s.id = int(cursor.lastrowid or 0)
    else:
        conn.execute(UPSERT_INTERVAL, (s.id, session_id, *values))


def write_meeting(conn: sqlite3.Connection, session_id: int, write: MeetingWrite) -> None:
    """Apply one engine action; the caller holds the transaction."""
    if write.delete_interval_ids:
        conn.executemany(
            "DELETE FROM speaking_interval WHERE id = ?", [(i,) for i in write.delete_interval_ids]
        )
    for item in write.intervals:
        _write_interval(conn, session_id, item)
    c = write.clock
    open_id = write.open_interval.id if write.open_interval is not None else None
    conn.execute(
        UPSERT_CLOCK,
        (
            session_id,
            c.state,
            c.phase_id,
            c.phase_entered_elapsed,
            c.holder.value,
            c.lane.value if c.lane else None,
            c.attendee_id,
            open_id,
        ),
    )
    for p in write.phase_clocks:
        conn.execute(
            UPSERT_PHASE_CLOCK, (p.phase_id, session_id, p.scale, p.nudge_seconds, p.spent_seconds)
        )
    for phase in write.phases:
        conn.execute(
            "UPDATE phase SET started_at = ?, ended_at = ? WHERE id = ?",
            (iso(phase.started_at), iso(phase.ended_at), phase.id),
        )
    if write.session_state is not None:
        conn.execute(
            "UPDATE session SET state = ?, updated_at = ? WHERE id = ?",
            (write.session_state.value, iso(now_utc()), session_id),
        )


def checkpoint_interval(
    conn: sqlite3.Connection, interval_id: int, ended_at: datetime, seconds: float
) -> None:
    conn.execute(CHECKPOINT, (iso(ended_at), seconds, interval_id))
