"""What keeps a session safe beyond SQLite's own guarantees, mixed into `SqliteStore`.

Read-only databases, records damaged by another tool (named, not fatal), checksums per session
revision (storage/checksums.py), rolling backups (storage/backups.py), and the meeting's writes
that wait in memory while the disk is full (storage/pending_writes.py). Kept apart from the
repository's mapping of rows so that each module has one job.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from facilitator_app.errors import StorageError
from facilitator_app.model import Session
from storage import meeting_rows
from storage.opening import OpenedDatabase
from storage.pending_writes import PendingWrites, is_out_of_space


class Safekeeping:
    """Needs what `SqliteStore` has: the opened database, its connection and path, `atomic()`
    and `_read_session()`."""

    opened: OpenedDatabase
    conn: sqlite3.Connection
    damage: list[str]  # records read with bytes that were not UTF-8, checksum mismatches
    pending: PendingWrites  # meeting writes waiting for disk space
    _touched: set[int]  # sessions read or written: sealed at close
    checksum_failures: set[int]

    @property
    def path(self) -> Path:
        return self.opened.path

    def atomic(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _read_session(self, session_id: int) -> Session:
        raise NotImplementedError

    def _init_safekeeping(self) -> None:
        self.damage = []
        self.pending = PendingWrites()
        self._touched = set()
        self.checksum_failures = set()

    @property
    def read_only(self) -> bool:
        return self.opened.read_only

    def require_writable(self) -> None:
        if self.opened.read_only:
            raise StorageError(
                "the database is open read-only; nothing can be saved", file=str(self.path)
            )

    def _name_damage(self, sql: str, rows: list[sqlite3.Row]) -> None:
        """Say which records held text that was not UTF-8 (shown with U+FFFD instead)."""
        table = sql.split(" FROM ", 1)[-1].split()[0] if " FROM " in sql else "?"
        for row in rows:
            columns = list(row.keys())  # a Row iterates over its values, not its keys
            bad = [k for k in columns if isinstance(row[k], str) and "\ufffd" in row[k]]
            if bad:
                ident = row["id"] if "id" in columns else "?"
                note = (
                    f"{table} {ident}: {', '.join(bad)} held bytes that are not UTF-8 "
                    "(damaged; shown as \ufffd)"
                )
                if note not in self.damage:
                    self.damage.append(note)

    def _verify(self, session_id: int, session: Session, stored: str) -> None:
        from storage.checksums import comparable, mismatch_notice, session_checksum

        if comparable(stored) and session_checksum(session) != stored:
            self.checksum_failures.add(session_id)
            note = mismatch_notice(session_id, session.title)
            if note not in self.damage:
                self.damage.append(note)

    @property
    def moved_aside(self) -> bool:
        return self.opened.moved_aside

    def newest_backup(self) -> Path | None:
        from storage.backups import list_backups

        found = list_backups(self.path)
        return found[0] if found else None

    def take_rolling_backup(self) -> Path | None:
        """A copy in the backups folder (the last few opens are kept); None when read-only, or
        when this database is not sound (a damaged copy must not push the good ones out)."""
        if self.read_only or self.moved_aside or self.checksum_failures:
            return None
        from storage.backups import take_backup

        try:
            return take_backup(self.conn, self.path)
        except (OSError, sqlite3.Error) as exc:
            self.damage.append(f"could not keep a backup copy ({exc}); the database is fine")
            return None

    def seal_checksums(self) -> int:
        """Write the checksum of every session this store read or changed whose checksum is
        stale; returns how many were written. Called when the store closes."""
        if self.read_only or self.opened.lock is None or not self._touched:
            return 0  # read-only, or a second reader without the lock: never writes
        from storage.checksums import comparable, session_checksum

        sealed = 0
        for session_id in sorted(self._touched):
            row = self.conn.execute(
                "SELECT checksum FROM session WHERE id = ?", (session_id,)
            ).fetchone()
            if row is None or session_id in self.checksum_failures:
                continue
            if row[0] is not None and comparable(row[0]):
                continue  # sealed by this version and unchanged since
            digest = session_checksum(self._read_session(session_id))
            with self.atomic():
                self.conn.execute(
                    "UPDATE session SET checksum = ? WHERE id = ?", (digest, session_id)
                )
            sealed += 1
        return sealed

    def _meeting_write(self, write: Callable[[Any], None]) -> None:
        """The meeting's own writes never fail for lack of space: they wait in memory (see
        pending_writes) and the clock goes on; waiting writes land first, in order. On a
        read-only database they are only kept in memory: the meeting runs, nothing is saved."""
        if self.read_only:
            self.pending.record(self.conn, write)
            return
        try:
            with meeting_rows.transaction(self.conn, self.path):
                self.pending.replay(self.conn)
                write(self.conn)
        except StorageError as exc:
            if not is_out_of_space(exc):
                raise
            self.pending.record(self.conn, write)
            return
        self.pending.clear()

    def retry_pending(self) -> bool:
        """Try to save what waits for space; True when nothing waits any more."""
        if not self.pending:
            return True
        if self.read_only:
            return False
        try:
            with meeting_rows.transaction(self.conn, self.path):
                self.pending.replay(self.conn)
        except StorageError as exc:
            if is_out_of_space(exc):
                return False
            raise
        self.pending.clear()
        return True

    @property
    def storage_warning(self) -> str | None:
        """What a banner shows while meeting changes wait for disk space; None otherwise."""
        if not self.pending:
            return None
        if self.read_only:
            return "The database is open read-only: the meeting runs, but nothing is saved."
        return self.pending.notice()
