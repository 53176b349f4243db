"""What a subcommand gets from the composition root: a way to open the store, the streams, and
(for `room-serve`) the room's server adapter."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from facilitator_app.errors import UserError
from facilitator_app.store import SessionStore


def _no_backups(*args: object) -> list[Path]:
    raise UserError("backups are not available here")


def _no_restore(backup: Path | None) -> tuple[Path, Path | None]:
    raise UserError("restoring a backup is not available here")


@dataclass
class CommandContext:
    open_store: Callable[[], SessionStore]
    # Wired by the composition root (storage/backups.py), for the database the command names:
    # the backups, newest first; and putting one back (returns it and where the old file went).
    list_backups: Callable[[], list[Path]] = _no_backups
    restore_backup: Callable[[Path | None], tuple[Path, Path | None]] = _no_restore
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    # companion.start_room(workspace, host, port, wake) -> RunningRoom, wired by cli.py
    start_room: Callable[..., Any] | None = None
