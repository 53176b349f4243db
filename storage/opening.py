"""Opening a database safely: never overwrite, never half-migrate, one process at a time.

- Not SQLite, another application's SQLite, or failing `quick_check`: the file and its `-wal`
  and `-shm` are moved aside under a timestamped name and a fresh database is created; the
  caller gets a notice saying where the old file went.
- A newer schema than ours: refused, and the file is not touched (the header is read as bytes,
  before any connection could write a WAL or change a page).
- Before any migration, a copy through SQLite's backup API.
- The path is checked first (`db_path`): the real file behind links, never a folder or device.
- A folder or file we cannot write is opened read-only, with a notice; writes are refused.
- Text that is not UTF-8 (written by another tool) is read with the bad bytes replaced, and
  the damaged records are named instead of the whole read failing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app.errors import StorageError
from storage import migrations, schema
from storage.db_path import check_database_path
from storage.lock import DatabaseLock
from storage.schema import APPLICATION_ID

SQLITE_MAGIC = b"SQLite format 3\x00"


class LenientText:
    """A text factory: UTF-8, with bytes that are not replaced by U+FFFD and counted.

    sqlite3's default raises `OperationalError: Could not decode to UTF-8` and the whole read
    fails; this reads the rest and lets the caller say which record was damaged.
    """

    def __init__(self) -> None:
        self.damaged = 0

    def __call__(self, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.damaged += 1
            return data.decode("utf-8", errors="replace")


@dataclass
class OpenedDatabase:
    conn: sqlite3.Connection
    path: Path
    lock: DatabaseLock | None
    notices: list[str] = field(default_factory=list)
    read_only: bool = False
    text: LenientText = field(default_factory=LenientText)
    moved_aside: bool = False  # the file was unusable: moved aside, a fresh one started

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()
        if self.lock is not None:
            self.lock.release()


@dataclass(frozen=True)
class _Header:
    is_sqlite: bool
    user_version: int = 0
    application_id: int = 0


def _read_header(path: Path) -> _Header | None:
    """None for a missing or empty file (a fresh database)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except FileNotFoundError:
        return None
    if not head:
        return None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return _Header(is_sqlite=False)
    return _Header(
        is_sqlite=True,
        user_version=int.from_bytes(head[60:64], "big", signed=True),
        application_id=int.from_bytes(head[68:72], "big", signed=True),
    )


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _move_aside(path: Path, why: str) -> str:
    target = path.with_name(f"{path.name}.{why}-{_timestamp()}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{why}-{_timestamp()}-{n}")
        n += 1
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return str(target)


def _connect(path: Path, *, durable: bool = True) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=5.0, check_same_thread=False)
    conn.text_factory = LenientText()
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    # Before the switch to WAL, which writes the file: a throw-away one is not flushed either.
    conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'OFF'}")
    conn.execute("PRAGMA journal_mode = WAL")
    return conn


@dataclass(frozen=True)
class _Inspection:
    """What a read-only connection sees: the header values with the WAL applied, and health."""

    application_id: int
    user_version: int
    tables: int
    problem: str | None


def _inspect(path: Path) -> _Inspection:
    """Look inside through a read-only connection, which also reads a WAL left by a crash.

    The raw header alone is not enough: after a `kill -9` our `application_id` and
    `user_version` may still sit in the `-wal` file, not yet checkpointed into the main file.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=5.0)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return _Inspection(0, 0, 0, str(exc))
    problem = None if row is not None and row[0] == "ok" else _first_complaint(row)
    return _Inspection(application_id, user_version, tables, problem)


def _first_complaint(row: tuple[object, ...] | None) -> str:
    """quick_check's report can run to hundreds of lines; the notice needs one."""
    lines = [ln for ln in str(row[0] if row else "").splitlines() if not ln.startswith("***")]
    first = lines[0] if lines else "no answer from quick_check"
    return first if len(first) <= 120 else first[:119] + "…"


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    target = path.with_name(f"{path.name}.backup-v{version}-{_timestamp()}")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def open_database(path: Path, *, lock: bool = True, durable: bool = True) -> OpenedDatabase:
    """Open (creating or migrating) the database at `path`, or raise StorageError.

    `durable=False` (a throw-away database, like the demo's while it is written) skips the
    flushes to disk that make a commit survive a power cut: each costs milliseconds, up to
    tens of them on a busy disk."""
    checked = check_database_path(path)
    path = checked.path
    if not checked.writable:
        return _open_read_only(path, checked.why_read_only)
    db_lock = DatabaseLock(path) if lock else None
    if db_lock is not None:
        try:
            db_lock.acquire()
        except PermissionError:
            return _open_read_only(path, f"the folder {path.parent} is not writable")
        except OSError as exc:
            raise StorageError(
                f"cannot lock the database ({exc.strerror or exc})", file=str(path)
            ) from None
    try:
        try:
            notices = _prepare_file(path)
        except OSError as exc:
            raise StorageError(
                f"cannot use the file ({exc.strerror or exc}); it was not changed",
                file=str(path),
            ) from None
        moved_aside = bool(notices)  # _prepare_file only speaks when it moved the file
        conn = _connect(path, durable=durable)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if 0 < version < schema.SCHEMA_VERSION:
            backup = _backup(conn, path, version)
            notices.append(f"Backed up the database to {backup} before upgrading it.")
        try:
            migrations.migrate(conn)  # sqlite-utils' Migrations, one transaction a step
        except sqlite3.Error as exc:
            conn.close()
            raise StorageError(f"could not set up the database: {exc}", file=str(path)) from exc
        opened = OpenedDatabase(conn=conn, path=path, lock=db_lock, notices=notices)
        opened.text = conn.text_factory
        opened.moved_aside = moved_aside
        return opened
    except BaseException:
        if db_lock is not None:
            db_lock.release()
        raise


def _open_read_only(path: Path, why: str) -> OpenedDatabase:
    """Nothing can be written, so nothing is moved aside, locked or migrated: read or refuse."""
    if not path.exists():
        raise StorageError(f"{why}, so no database can be created there", file=str(path))
    header = _read_header(path)
    if header is None or not header.is_sqlite:
        raise StorageError(f"is not a SQLite database (and {why})", file=str(path))
    base = path.as_uri() + "?mode=ro"
    conn: sqlite3.Connection | None = None
    # A WAL database needs its -shm; in a folder we cannot write, read it as immutable.
    for uri in (base, base + "&immutable=1"):
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=5.0, check_same_thread=False)
            conn.text_factory = LenientText()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            break
        except sqlite3.Error:
            if conn is not None:
                conn.close()
            conn = None
    if conn is None:
        raise StorageError(f"cannot be read ({why})", file=str(path))
    if application_id not in (0, APPLICATION_ID):
        conn.close()
        raise StorageError(f"belongs to another application (and {why})", file=str(path))
    if version != schema.SCHEMA_VERSION:
        conn.close()
        if version > schema.SCHEMA_VERSION:
            raise _newer_schema(path, version)
        raise StorageError(
            f"needs upgrading to this version, but {why}: copy it somewhere writable",
            file=str(path),
        )
    opened = OpenedDatabase(
        conn=conn,
        path=path,
        lock=None,
        notices=[f"Opened {path} read-only: {why}. Nothing you change will be saved."],
        read_only=True,
    )
    opened.text = conn.text_factory
    return opened


def _newer_schema(path: Path, version: int) -> StorageError:
    return StorageError(
        f"the database has schema version {version}, newer than this "
        f"Facilitator's version {schema.SCHEMA_VERSION}; upgrade the app to open it "
        "(the file was not changed)",
        file=str(path),
    )


def _prepare_file(path: Path) -> list[str]:
    """Refuse a newer schema; move aside anything that is not a sound database of ours."""
    header = _read_header(path)
    if header is None:
        return []
    reason = None
    if not header.is_sqlite:
        reason = ("not-sqlite", "is not a SQLite database")
    elif header.application_id not in (0, APPLICATION_ID):
        reason = ("foreign", "belongs to another application")
    elif header.application_id == APPLICATION_ID and header.user_version > schema.SCHEMA_VERSION:
        # Refused from the raw bytes, before any connection could create a -wal or -shm.
        raise _newer_schema(path, header.user_version)
    else:
        seen = _inspect(path)
        if seen.problem is None and seen.tables and seen.application_id != APPLICATION_ID:
            reason = ("foreign", "belongs to another application")
        elif seen.problem is None and seen.user_version > schema.SCHEMA_VERSION:
            raise _newer_schema(path, seen.user_version)
        elif seen.problem is not None:
            reason = ("corrupt", f"failed its integrity check ({seen.problem})")
    if reason is None:
        return []
    moved = _move_aside(path, reason[0])
    return [
        f"{path} {reason[1]}: moved it to {moved} and started a fresh database. "
        "`facilitator restore-backup` puts back an earlier copy."
    ]
