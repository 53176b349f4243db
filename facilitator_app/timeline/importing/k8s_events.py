"""Kubernetes events (`kubectl get events -o json`: a `List` of core/v1 `Event`s) as rows.

An event's time is `firstTimestamp`, else `eventTime` (events.k8s.io's micro-time, set by newer
reporters), else `metadata.creationTimestamp`; an event seen `count` > 1 times says so with its
`lastTimestamp`. The text is "REASON Kind/name: message" with the namespace; the actor is the
reporting component. Warning events are tagged `warning`; the lane is `--team`, or
`--team-value` on the namespace.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.mapping import MISSING, FieldMapping
from facilitator_app.timeline.importing.problems import RowProblem
from facilitator_app.timeline.importing.sources import Item, json_list_items, shaped_record


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _when(event: dict[str, Any]) -> Any:
    for value in (
        event.get("firstTimestamp"),
        event.get("eventTime"),
        _get(event.get("metadata"), "creationTimestamp"),
    ):
        if value not in (None, ""):
            return value
    return MISSING


def _description(event: dict[str, Any]) -> str:
    involved = event.get("involvedObject") or event.get("regarding")
    kind, name = _text(_get(involved, "kind")), _text(_get(involved, "name"))
    namespace = _text(_get(involved, "namespace")) or _text(
        _get(event.get("metadata"), "namespace")
    )
    reason = _text(event.get("reason"))
    message = _text(event.get("message")) or _text(event.get("note"))
    subject = "/".join(p for p in (kind, name) if p)
    where = f" in {namespace}" if namespace else ""
    head = " ".join(p for p in (reason, f"{subject}{where}".strip()) if p)
    text = f"{head}: {message}" if head and message else head or message
    count = event.get("count")
    if isinstance(count, int) and not isinstance(count, bool) and count > 1:
        last = _text(event.get("lastTimestamp"))
        text += f" ({count} times" + (f", last at {last})" if last else ")")
    return text


def _namespace(event: dict[str, Any]) -> str:
    return _text(_get(event.get("metadata"), "namespace")) or _text(
        _get(event.get("involvedObject") or event.get("regarding"), "namespace")
    )


def k8s_event_records(
    text: str, file: str, mapping: FieldMapping, limits: Limits, notices: list[str]
) -> Iterator[Item]:
    for line, event in json_list_items(text, file, "items"):
        if not isinstance(event, dict):
            yield RowProblem(line, None, "must be a JSON object ({...})")
            continue
        when = _when(event)
        if when is MISSING:
            yield RowProblem(
                line,
                "firstTimestamp",
                "is missing (and so are eventTime and metadata.creationTimestamp)",
            )
            continue
        namespace = _namespace(event)
        source = event.get("source")
        actor = (
            _text(event.get("reportingComponent"))
            or _text(_get(source, "component"))
            or _text(event.get("reportingController"))
        )
        kind = event.get("type")
        yield shaped_record(
            line,
            {
                "timestamp": when,
                "team": namespace if namespace in mapping.team_values else MISSING,
                "actor": actor[:120],
                "event": _description(event),
                "tags": "warning" if isinstance(kind, str) and kind == "Warning" else "",
            },
        )
