"""The built-in demo session (a fictional two-team incident), used by `--demo` and by tests."""

from __future__ import annotations

from facilitator_app import session_json
from facilitator_app.model import Session
from facilitator_app.paths import read_resource_text

DEMO_RESOURCE = "demo_session.json"


def load_demo_session() -> Session:
    """A fresh, unsaved copy of the demo session."""
    return session_json.loads(read_resource_text(DEMO_RESOURCE), file=DEMO_RESOURCE)
