"""Timeline import (DESIGN.md §8): CSV, JSON, JSONL, a mapped JSONL log, a Slack channel (a day
file, or a whole export zip or folder), PagerDuty log entries, Kubernetes events.

`parse_timeline(data, file=..., teams=..., options=ImportOptions(...))` reads a whole file and
returns an `ImportResult` (the events, in file order, without ids) or raises
`TimelineImportError` listing every bad row by line, column and reason. It never writes: adding
the events is one transaction in the store (`SessionStore.import_events`, or
`Workspace.import_events` for an undoable import in the app).
"""

from facilitator_app.timeline.importing.limits import DEFAULT_LIMITS, Limits
from facilitator_app.timeline.importing.mapping import COLUMNS, REQUIRED, FieldMapping
from facilitator_app.timeline.importing.parse import (
    FORMAT_NAMES,
    Duplicate,
    ImportOptions,
    ImportResult,
    default_window,
    detect_format,
    parse_timeline,
)
from facilitator_app.timeline.importing.problems import RowProblem, TimelineImportError
from facilitator_app.timeline.importing.times import resolve_zone

__all__ = [
    "COLUMNS",
    "DEFAULT_LIMITS",
    "FORMAT_NAMES",
    "REQUIRED",
    "Duplicate",
    "FieldMapping",
    "ImportOptions",
    "ImportResult",
    "Limits",
    "RowProblem",
    "TimelineImportError",
    "default_window",
    "detect_format",
    "parse_timeline",
    "resolve_zone",
]
