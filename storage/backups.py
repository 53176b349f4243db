"""Rolling backups of the database, and restoring one.

Each time the app opens a database it keeps a copy, made through SQLite's backup API (a
consistent snapshot even with a WAL), in a `<name>.backups` folder beside it (for the default
database, that is the user data directory); the newest `KEEP` copies stay. A copy is written
under a temporary name and renamed, so a crash never leaves a half copy that looks whole.

Restoring moves the current file (and its -wal, -shm) aside under a timestamped name, never
deleting it, and copies the chosen backup into its place; the app must not be running (the
database lock is held meanwhile).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app.errors import StorageError
from storage.db_path import check_database_path
from storage.lock import DatabaseLock
from storage.schema import APPLICATION_ID

KEEP = 5


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def list_backups(db_path: Path) -> list[Path]:
    """The backups of `db_path`, newest first."""
    real = check_database_path(db_path).path
    folder = backup_folder(real)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{real.stem}-*.db"), key=lambda p: p.name, reverse=True)


def take_backup(conn: sqlite3.Connection, db_path: Path, keep: int = KEEP) -> Path:
    """Copy the open database into its backups folder; drop all but the newest `keep`."""
    folder = backup_folder(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}.db"
    partial = folder / f".{target.name}.partial"
    dest = sqlite3.connect(partial)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.replace(partial, target)
    for old in sorted(folder.glob(f"{db_path.stem}-*.db"), key=lambda p: p.name)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def _check_backup(backup: Path) -> None:
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
            app = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(f"is not a usable backup ({exc})", file=str(backup)) from None
    if ok != ("ok",) or app != APPLICATION_ID:
        raise StorageError("is not a sound Facilitator backup", file=str(backup))


def restore_backup(db_path: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Put `backup` (default: the newest) in place of the database; returns the backup used and
    where the replaced file was moved (None when there was none)."""
    from storage.opening import _move_aside

    real = check_database_path(db_path).path
    if backup is None:
        found = list_backups(real)
        if not found:
            raise StorageError("there is no backup of this database yet", file=str(real))
        backup = found[0]
    if not backup.is_file():
        raise StorageError("there is no such backup", file=str(backup))
    _check_backup(backup)
    lock = DatabaseLock(real)
    lock.acquire()  # refused while the app has the database open
    try:
        moved = Path(_move_aside(real, "replaced")) if real.exists() else None
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        dest = sqlite3.connect(real)
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
    finally:
        lock.release()
    return backup, moved
