"""The organisation's archive: a shared folder of session JSON files, one per review.

`publish` writes a review to `<folder>/<uuid>.json` atomically (a temporary file renamed over
the old one), and only when it is not older than the file already there, so a newer revision
replaces an older one and never the other way round. The tool only writes files: the folder
can be a network share, a synced folder or a git repository.

`read_archive` reads every `*.json` in the folder. A file that is not a session JSON we can
read (not JSON, another format, a newer version of the format, a bad value) is reported by name
with the reason and skipped; the report goes on. Files are read one at a time and each is
capped in size, so a stray huge file cannot exhaust memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app import session_json
from facilitator_app.atomic_write import write_atomically
from facilitator_app.errors import UserError
from facilitator_app.model import Session

MAX_FILE_BYTES = 32 * 1024 * 1024
_OLDEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class ArchiveRead:
    sessions: list[Session] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "<file>: <reason>", one per bad file
    files: int = 0


def archive_path(folder: Path, session: Session) -> Path:
    return folder / f"{session.uuid}.json"


def _revision_on_disk(path: Path) -> datetime | None:
    """The `revised_at` of the file already published, if it is one we can read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data["session"]["revised_at"]
        return datetime.fromisoformat(text) if text else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def publish(session: Session, folder: Path) -> tuple[Path, bool]:
    """Write the review into the archive; False when a newer revision is already there."""
    if not folder.is_dir():
        raise UserError("is not a folder (create it, or mount the share, first)", file=str(folder))
    target = archive_path(folder, session)
    there = _revision_on_disk(target) if target.exists() else None
    if there is not None and there > (session.revised_at or _OLDEST):
        return target, False
    write_atomically(target, session_json.dumps(session).encode("utf-8"))
    return target, True


def read_archive(folder: Path) -> ArchiveRead:
    if not folder.is_dir():
        raise UserError("is not a folder", file=str(folder), field="--archive")
    result = ArchiveRead()
    for path in sorted(folder.glob("*.json")):
        if not path.is_file():
            continue
        result.files += 1
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise UserError(f"larger than {MAX_FILE_BYTES // 2**20} MB", file=str(path))
            text = path.read_text(encoding="utf-8-sig")
            result.sessions.append(session_json.loads(text, file=path.name))
        except UserError as exc:  # its message names the file already
            result.problems.append(exc.message if exc.file else f"{path.name}: {exc.message}")
        except (OSError, UnicodeDecodeError) as exc:
            result.problems.append(f"{path.name}: cannot read it ({exc})")
    return result
