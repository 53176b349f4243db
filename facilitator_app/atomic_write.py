"""Write a file so that a failure leaves the previous file exactly as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from facilitator_app.errors import UserError


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, fsync it, then rename it into place."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.exists() and not path.is_file():
        # Renaming over a device or a pipe (say /dev/full) would replace it with a plain file.
        raise UserError("is not a regular file (a folder, device or pipe)", file=str(path))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UserError(f"cannot write there: {exc.strerror}", file=str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        _sync_directory(directory)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise UserError(f"could not write the file: {exc.strerror}", file=str(path)) from exc


def _sync_directory(directory: Path) -> None:
    """The rename itself reaches the disk only when the folder is synced (ext4, xfs)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
