"""Which file a `--db` path really names, checked before anything is created or locked.

The lock and SQLite's `-wal` both hang off the file's name, so two names for one file (a
symbolic link, a hard link) would give two writers two journals and lose a session after a
crash. The path is resolved to the real file; a file with other hard links is refused. Only a
regular file, or a path where one can be created, is accepted: a folder, `/`, an empty string, a
device (`/dev/null`) or a kernel file (`/proc/version`) is refused in one line, touching nothing.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from facilitator_app.errors import StorageError


@dataclass(frozen=True)
class DatabasePath:
    path: Path  # the real file: symbolic links resolved
    writable: bool  # False: open read-only (the folder or the file cannot be written)
    why_read_only: str = ""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse(typed: str, reason: str) -> StorageError:
    return StorageError(
        f"{reason}; give --db the path of a database file (or of one to create)",
        file=typed or "''",
    )


def _is_kernel_file(path: Path, info: os.stat_result) -> bool:
    """procfs and sysfs files claim to be empty regular files yet read as text."""
    if info.st_size != 0:
        return False
    try:
        with path.open("rb") as handle:
            return bool(handle.read(1))
    except OSError:
        return False


def check_database_path(typed: Path | str) -> DatabasePath:
    """The real file behind `typed`, and whether it can be written; StorageError otherwise."""
    text = os.fspath(typed)
    if not text.strip():
        raise _refuse(text, "the database path is empty")
    real = Path(os.path.realpath(text))
    if not real.name:
        raise _refuse(text, "is the root folder, not a database file")
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refuse(text, f"cannot be read ({exc.strerror or exc})") from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(text, f"is {_kind(info.st_mode)}, not a database file")
        if _is_kernel_file(real, info):
            raise _refuse(text, "is a kernel file, not a database file")
        if info.st_nlink > 1:
            raise StorageError(
                f"the database file has {info.st_nlink - 1} other hard link(s); two names for "
                "one database would each keep their own journal and lose changes after a "
                "crash. Open it by one name only: copy it (cp) to a new file and use that",
                file=text,
            )
    parent = real.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise _refuse(text, f"its folder cannot be created ({exc.strerror or exc})") from None
    elif not parent.is_dir():
        raise _refuse(text, f"{parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        if info is None:
            raise _refuse(text, f"the folder {parent} is read-only, so no database can be made")
        return DatabasePath(real, False, f"the folder {parent} is read-only")
    if info is not None and not os.access(real, os.W_OK):
        return DatabasePath(real, False, "the file is read-only")
    return DatabasePath(real, True)
