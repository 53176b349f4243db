"""The files of an export (a Slack workspace export) from a zip or a folder, read with care.

An export is read in memory, member by member, and only the members the import needs (the
workspace's `users.json` and `channels.json`, one channel's day files): nothing is ever extracted
to disk. A zip is refused whole, before anything is read, when a member's name climbs out
(`../`) or is absolute, when it holds too many members, or when the members we would read declare
more bytes than the cap; and while reading, a member that inflates past what it declared, or past
the cap, stops the read (a zip bomb lies in its header, so the actual bytes are counted too).
"""

from __future__ import annotations

import io
import lzma
import stat
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.problems import TimelineImportError, file_error

# What zipfile raises on a damaged archive besides BadZipFile (found by fuzzing flipped bytes):
# a version it cannot read, a negative seek from a bad offset, a name that is not UTF-8, a
# truncated structure.
_DAMAGED_ZIP: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    NotImplementedError,
    ValueError,  # also UnicodeDecodeError
    EOFError,
    struct.error,
    OverflowError,
)
# And, reading a member: damaged compressed data, an encrypted member, a read error.
_DAMAGED_MEMBER: tuple[type[Exception], ...] = (
    *_DAMAGED_ZIP,
    zlib.error,
    lzma.LZMAError,
    OSError,
    RuntimeError,
)

MAX_MEMBERS = 100_000
_CHUNK = 256 * 1024
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP = b"PK\x05\x06"


class ExportFiles(Protocol):
    """A read-only view of an export's files by their '/'-separated names."""

    file: str  # what the user named (for messages)

    def names(self) -> Sequence[str]: ...

    def read_all(self, names: Sequence[str]) -> dict[str, bytes]: ...


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC) or data.startswith(EMPTY_ZIP)


def _safe_name(raw: str, file: str) -> str:
    name = raw.replace("\\", "/")
    if not name:  # a damaged directory entry (zipfile's own is_dir() fails on it)
        raise file_error(file, "the zip holds a member without a name: not a readable zip")
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in path.parts:
        raise file_error(
            file, f"the zip holds a member that points outside it ({raw[:80]!r}); refused"
        )
    return name


@dataclass
class ZipExport:
    """An export zip, opened from a path or from bytes; the central directory is checked first."""

    file: str
    archive: zipfile.ZipFile
    limits: Limits
    _infos: dict[str, zipfile.ZipInfo]

    @classmethod
    def open(cls, source: Path | bytes, file: str, limits: Limits) -> ZipExport:
        handle: BinaryIO
        try:
            if isinstance(source, bytes):
                handle = io.BytesIO(source)
            else:
                if not stat.S_ISREG(source.stat().st_mode):
                    raise file_error(file, "is not a regular file (a device or a pipe?)")
                handle = source.open("rb")
            archive = zipfile.ZipFile(handle)
        except OSError as exc:
            raise file_error(file, f"cannot read the file: {exc.strerror or exc}") from None
        except _DAMAGED_ZIP as exc:  # a damaged directory: zipfile raises many kinds
            raise file_error(file, f"not a readable zip: {exc}") from None
        try:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise file_error(
                    file, f"the zip holds more than {MAX_MEMBERS:,} members (the limit); refused"
                )
            by_name: dict[str, zipfile.ZipInfo] = {}
            for info in infos:
                name = _safe_name(info.filename, file)
                if not info.is_dir():
                    by_name[name] = info
        except TimelineImportError:
            archive.close()
            raise
        return cls(file, archive, limits, by_name)

    def names(self) -> Sequence[str]:
        return list(self._infos)

    def read_all(self, names: Sequence[str]) -> dict[str, bytes]:
        infos = [self._infos[n] for n in names]
        declared = sum(i.file_size for i in infos)
        if declared > self.limits.max_bytes:
            raise file_error(
                self.file,
                f"the files to read would unpack to {declared / 2**20:.1f} MB, more than "
                f"{self.limits.describe_bytes()} (the limit); refused",
            )
        budget = self.limits.max_bytes
        result: dict[str, bytes] = {}
        for name, info in zip(names, infos, strict=True):
            data = self._read_member(name, info, budget)
            budget -= len(data)
            result[name] = data
        return result

    def _read_member(self, name: str, info: zipfile.ZipInfo, budget: int) -> bytes:
        cap = min(info.file_size, budget)
        parts: list[bytes] = []
        size = 0
        try:
            with self.archive.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > cap:
                        raise file_error(
                            self.file,
                            f"{name} unpacks to more than it declares or than "
                            f"{self.limits.describe_bytes()} (the limit); refused",
                        )
                    parts.append(chunk)
        except _DAMAGED_MEMBER as exc:
            raise file_error(self.file, f"{name} cannot be unpacked: {exc}") from None
        return b"".join(parts)

    def close(self) -> None:
        self.archive.close()


@dataclass
class FolderExport:
    """An unzipped export: the folder's top-level files and its channel folders' day files."""

    file: str
    root: Path
    limits: Limits

    def names(self) -> Sequence[str]:
        found: list[str] = []
        try:
            for entry in sorted(self.root.iterdir()):
                if entry.is_file():
                    found.append(entry.name)
                elif entry.is_dir() and not entry.is_symlink():
                    found.extend(
                        f"{entry.name}/{child.name}"
                        for child in sorted(entry.iterdir())
                        if child.suffix == ".json"
                    )
                if len(found) > MAX_MEMBERS:
                    raise file_error(
                        self.file, f"more than {MAX_MEMBERS:,} files (the limit); refused"
                    )
        except OSError as exc:
            raise file_error(self.file, f"cannot read the folder: {exc.strerror or exc}") from None
        return found

    def read_all(self, names: Sequence[str]) -> dict[str, bytes]:
        budget = self.limits.max_bytes
        result: dict[str, bytes] = {}
        for name in names:
            path = self.root / _safe_name(name, self.file)
            try:
                if not stat.S_ISREG(path.stat().st_mode):
                    raise file_error(self.file, f"{name} is not a regular file; refused")
                with path.open("rb") as handle:
                    data = handle.read(budget + 1)
            except OSError as exc:
                raise file_error(self.file, f"cannot read {name}: {exc.strerror or exc}") from None
            if len(data) > budget:
                raise file_error(
                    self.file,
                    f"the files to read are larger than {self.limits.describe_bytes()} "
                    "(the limit); refused",
                )
            budget -= len(data)
            result[name] = data
        return result


def open_export(source: Path | bytes, file: str, limits: Limits) -> ExportFiles:
    """A folder, a zip on disk or zip bytes, as an export."""
    if isinstance(source, Path) and source.is_dir():
        return FolderExport(file, source, limits)
    return ZipExport.open(source, file, limits)
