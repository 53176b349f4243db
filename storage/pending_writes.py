"""When the disk is full mid-meeting, the meeting goes on: its writes wait in memory and land,
in order, as soon as there is space again.

The engine writes every floor switch and a checkpoint twice a second. Refusing those writes
would stop the clock (the engine keeps memory and disk equal by undoing a change it could not
write), so a write that fails for lack of space (SQLITE_FULL, or an I/O error as ENOSPC shows in
the WAL) is not refused: it is replayed against a recorder that keeps its statements, with
the ids an INSERT would have given made explicit, and the engine carries on. Every later
write first replays the queue in the same transaction, so the file never holds a later change
without the earlier ones; once a replay commits, nothing waits any more.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storage.meeting_rows import INSERT_INTERVAL, UPSERT_INTERVAL

SQLITE_IOERR = 10
SQLITE_FULL = 13
Statement = tuple[str, tuple[Any, ...]]


def is_out_of_space(exc: BaseException) -> bool:
    """SQLITE_FULL, or an I/O error (how ENOSPC shows when the WAL cannot grow)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, sqlite3.OperationalError):
            code = getattr(cause, "sqlite_errorcode", 0) & 0xFF
            return code in (SQLITE_FULL, SQLITE_IOERR) or "full" in str(cause)
        cause = cause.__cause__
    return False


@dataclass
class _Cursor:
    lastrowid: int


@dataclass
class Recorder:
    """Stands in for the connection: keeps statements instead of running them."""

    next_id: Callable[[], int]
    note_id: Callable[[int], None]
    statements: list[Statement] = field(default_factory=list)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        values = tuple(params)
        if sql == INSERT_INTERVAL:  # the id an INSERT would give, made explicit
            new_id = self.next_id()
            self.statements.append((UPSERT_INTERVAL, (new_id, *values)))
            return _Cursor(new_id)
        if sql == UPSERT_INTERVAL:  # an id the failed attempt handed out: never given twice
            self.note_id(int(values[0]))
        self.statements.append((sql, values))
        return _Cursor(0)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        for row in rows:
            self.execute(sql, row)


@dataclass
class PendingWrites:
    """The statements waiting for space, oldest first."""

    statements: list[Statement] = field(default_factory=list)
    changes: int = 0  # engine actions and checkpoints waiting
    _highest_id: int = 0

    def __bool__(self) -> bool:
        return bool(self.statements)

    def notice(self) -> str:
        return (
            f"The disk is full: {self.changes} meeting change(s) are kept in memory and will "
            "be saved as soon as there is space. The meeting clock keeps running; free some "
            "disk space."
        )

    def record(self, conn: sqlite3.Connection, write: Callable[[Any], None]) -> None:
        """Run `write` against a recorder and queue what it would have done."""
        floor = conn.execute("SELECT coalesce(max(id), 0) FROM speaking_interval").fetchone()[0]
        self._highest_id = max(self._highest_id, int(floor))

        def next_id() -> int:
            self._highest_id += 1
            return self._highest_id

        def note_id(used: int) -> None:
            self._highest_id = max(self._highest_id, used)

        recorder = Recorder(next_id, note_id)
        write(recorder)
        self.statements.extend(recorder.statements)
        self.changes += 1

    def replay(self, conn: sqlite3.Connection) -> None:
        """Run every waiting statement (inside the caller's transaction)."""
        for sql, params in self.statements:
            conn.execute(sql, params)

    def clear(self) -> None:
        self.statements.clear()
        self.changes = 0
