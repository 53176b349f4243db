"""One process per database, enforced with an OS file lock.

`flock` is released by the kernel when its holder dies, so a `kill -9` never leaves a stale lock;
the pid written into the file only serves the message shown to the second process.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from facilitator_app.errors import StorageError


class DatabaseLock:
    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            who = f" (process {holder})" if holder else ""
            raise StorageError(
                f"the database is already open in another Facilitator{who}; "
                "close it there first, or use --db for another database",
                file=str(self.path.with_name(self.path.name.removesuffix(".lock"))),
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def _read_pid(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode(errors="replace").strip()
    except OSError:
        return ""
