"""The importer fixtures under tests/data/importers (see its README for the published formats)."""

from __future__ import annotations

import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
SLACK_EXPORT = DATA / "slack_export"
PAGERDUTY = DATA / "pagerduty_log_entries.json"
K8S_EVENTS = DATA / "k8s_events.json"
SLACK_TEAMS = [
    "U01DANA=Payments",
    "B01PD=Payments",
    "U02LEE=Edge Platform",
    "Alertmanager=Edge Platform",
]


def slack_zip(target: Path, extra: dict[str, bytes] | None = None) -> Path:
    """The Slack export folder as the zip Slack hands out (plus any extra members)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(SLACK_EXPORT.rglob("*.json")):
            archive.write(path, path.relative_to(SLACK_EXPORT).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target
