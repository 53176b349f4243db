"""The export formats by name (`facilitator export --format NAME`, the console's export dialog).

Each exporter turns a session into the bytes of one file, optionally reporting progress
(fraction done, what it is doing) for the dialog. Heavy machinery (templates, charts, PDF) is
imported inside the exporter, never at start-up. `PRE_READ_FORMATS` are the pre-read's formats
(`facilitator pre-read`); the quarterly report spans sessions and lives in `facilitator_app.report`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from facilitator_app.model import Session

Progress = Callable[[float, str], None]


class Renderer(Protocol):
    def __call__(self, session: Session, progress: Progress | None = None) -> bytes: ...


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    label: str
    render: Renderer
    slow: bool = False  # draws charts or lays out pages: the dialog shows progress


def _session_json(session: Session, progress: Progress | None = None) -> bytes:
    from facilitator_app import session_json

    return session_json.dumps(session).encode("utf-8")


def _notes(fmt: str) -> Renderer:
    def render(session: Session, progress: Progress | None = None) -> bytes:
        from facilitator_app.exports.notes import build_notes
        from facilitator_app.exports.render import render_document

        return render_document(build_notes(session), fmt, progress)

    return render


def _pre_read(fmt: str) -> Renderer:
    def render(session: Session, progress: Progress | None = None) -> bytes:
        from facilitator_app.exports.preread import build_pre_read
        from facilitator_app.exports.render import render_document

        return render_document(build_pre_read(session), fmt, progress)

    return render


def _actions_csv(session: Session, progress: Progress | None = None) -> bytes:
    from facilitator_app.exports import actions_csv

    return actions_csv.render(session)


def _actions_json(session: Session, progress: Progress | None = None) -> bytes:
    from facilitator_app.exports import actions_json

    return actions_json.render(session)


def _ics(session: Session, progress: Progress | None = None) -> bytes:
    from facilitator_app.exports import ics

    return ics.render(session)


FORMATS: dict[str, ExportFormat] = {
    "md": ExportFormat("md", ".md", "Meeting notes (Markdown)", _notes("md")),
    "html": ExportFormat(
        "html", ".html", "Meeting notes (HTML, with charts)", _notes("html"), slow=True
    ),
    "pdf": ExportFormat(
        "pdf", ".pdf", "Meeting notes (PDF, with charts)", _notes("pdf"), slow=True
    ),
    "json": ExportFormat("json", ".json", "Session JSON (backup, hand-over)", _session_json),
    "actions-csv": ExportFormat(
        "actions-csv", ".csv", "Action items (CSV for a tracker)", _actions_csv
    ),
    "actions-json": ExportFormat("actions-json", ".json", "Action items (JSON)", _actions_json),
    "ics": ExportFormat("ics", ".ics", "Due dates and next retro (calendar)", _ics),
}

PRE_READ_FORMATS: dict[str, ExportFormat] = {
    "md": ExportFormat("md", ".md", "Pre-read (Markdown)", _pre_read("md")),
    "html": ExportFormat("html", ".html", "Pre-read (HTML)", _pre_read("html")),
    "pdf": ExportFormat("pdf", ".pdf", "Pre-read (PDF)", _pre_read("pdf"), slow=True),
}
