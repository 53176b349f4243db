"""What the About box shows and copies for a bug report: versions and where the data is."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from facilitator_app import __version__
from facilitator_app.store import SessionStore


def about_facts(
    store: SessionStore, *, qt_version: str, pyside_version: str
) -> list[tuple[str, str]]:
    """(label, value) rows, in the order a bug report wants them."""
    frozen = getattr(sys, "frozen", False)
    return [
        ("Version", __version__ + (" (bundle)" if frozen else "")),
        ("Database", str(store.path)),
        ("Data folder", str(Path(store.path).parent)),
        ("Schema version", str(store.schema_version)),
        ("Qt", f"{qt_version} (PySide6 {pyside_version})"),
        ("Python", platform.python_version()),
        ("System", f"{platform.system()} {platform.release()} {platform.machine()}"),
    ]


def as_text(facts: list[tuple[str, str]]) -> str:
    """Plain text for the clipboard: one "label: value" a line."""
    return "Postmortem Facilitator\n" + "".join(f"{label}: {value}\n" for label, value in facts)
