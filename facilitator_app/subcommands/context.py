"""What a subcommand gets from the composition root: a way to open the store, the streams, and
(for `room-serve`) the room's server adapter."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from facilitator_app.store import SessionStore


@dataclass
class CommandContext:
    open_store: Callable[[], SessionStore]
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    # companion.start_room(workspace, host, port, wake) -> RunningRoom, wired by cli.py
    start_room: Callable[..., Any] | None = None
