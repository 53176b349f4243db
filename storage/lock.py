"""One process per database, enforced with an OS file lock.

`flock` is released by the kernel when its holder dies, so a `kill -9` never leaves a stale lock;
the pid written into the file only serves the message shown to the second process.

The `.lock` file sits beside the real file (the caller resolves symbolic links). The database
file itself is flocked too, so the lock is keyed by its device and inode: any other name for the
same file (a bind mount, a path we failed to resolve) meets the same lock. flock and SQLite's
own fcntl locks are independent on Linux; the database file's descriptor is closed only after
the SQLite connection, so closing it never drops SQLite's locks.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from facilitator_app.errors import StorageError


class DatabaseLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None
        self._db_fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            raise self._refused(holder) from None
        try:
            self._db_fd = _lock_inode(self.db_path)
        except BlockingIOError:
            os.close(fd)
            raise self._refused("") from None
        except OSError:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def _refused(self, holder: str) -> StorageError:
        who = f" (process {holder})" if holder else ""
        return StorageError(
            f"the database is already open in another Facilitator{who}; "
            "close it there first, or use --db for another database",
            file=str(self.db_path),
        )

    def release(self) -> None:
        if self._db_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._db_fd, fcntl.LOCK_UN)
                os.close(self._db_fd)
            self._db_fd = None
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def _lock_inode(db_path: Path) -> int | None:
    """flock the database file itself (its device and inode); None when it does not exist yet."""
    try:
        fd = os.open(db_path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_pid(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode(errors="replace").strip()
    except OSError:
        return ""
