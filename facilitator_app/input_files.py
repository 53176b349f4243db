"""Reading a file (or standard input) a command was given, with a size cap applied while reading.

`/dev/zero`, a FIFO that never closes or a 30 GB log must not grow the process until the kernel
kills it: the cap stops the read at `limit + 1` bytes, not after. Only a regular file is opened
(a device, a FIFO, a socket or a folder is refused before it is read); standard input is read
only when the user passes `-`. Every refusal is a one-line UserError naming the file.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from facilitator_app.errors import UserError

DEFAULT_LIMIT = 64 * 1024 * 1024
STDIN_NAME = "<stdin>"
_CHUNK = 1024 * 1024


def describe_bytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


def _too_big(name: str, limit: int) -> UserError:
    return UserError(
        f"the input is larger than {describe_bytes(limit)} (the limit); nothing was read in",
        file=name,
    )


def read_capped(stream: BinaryIO, name: str, limit: int = DEFAULT_LIMIT) -> bytes:
    """At most `limit` bytes of `stream`, or UserError as soon as there is one byte more."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_big(name, limit)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_input(
    path: Path | str, *, limit: int = DEFAULT_LIMIT, stdin: BinaryIO | None = None
) -> bytes:
    """The bytes of `path` (or of standard input for `-`), within `limit`."""
    name = str(path)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return read_capped(stream, STDIN_NAME, limit)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise hang before fstat says what
        # it is. O_NOCTTY: a terminal device never becomes our controlling terminal.
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UserError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserError(
                f"is {_kind(info.st_mode)}, not a file; pass - to read standard input",
                file=name,
            )
        if info.st_size > limit:
            raise _too_big(name, limit)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            return read_capped(handle, name, limit)  # the file may grow while it is read
    except OSError as exc:
        raise UserError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    finally:
        if fd >= 0:
            os.close(fd)


def decode_utf8(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark allowed), or UserError naming the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            file=name,
            line=line,
        ) from None


def read_text_stream(stream: TextIO, name: str = STDIN_NAME, limit: int = DEFAULT_LIMIT) -> str:
    """A text stream (standard input) read whole within `limit`: through its bytes when it has
    them (so a bad byte is named), else as characters."""
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        return decode_utf8(read_capped(raw, name, limit), name)
    text = stream.read(limit + 1)
    if len(text) > limit:
        raise _too_big(name, limit)
    return text
