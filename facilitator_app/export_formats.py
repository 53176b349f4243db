"""The export formats by name (`facilitator export --format NAME`, the console's export dialog).

Each exporter turns a session into the bytes of one file. Heavy machinery (templates, charts,
PDF) is imported inside the exporter, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from facilitator_app.model import Session


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    label: str
    render: Callable[[Session], bytes]


def _session_json(session: Session) -> bytes:
    from facilitator_app import session_json

    return session_json.dumps(session).encode("utf-8")


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("json", ".json", "Session JSON (backup, hand-over)", _session_json),
}
