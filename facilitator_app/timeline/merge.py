"""Both teams' events as ONE chronological timeline, never two parallel narratives.

Order is UTC time, then `seq` (order of arrival), so events with equal timestamps keep a stable
order: what was already in the session first, then each file in its own row order. Every event
keeps its team (lane); merging never changes an event, only where it sits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from facilitator_app.model import TimelineEvent


def next_seq(existing: Iterable[TimelineEvent]) -> int:
    return max((e.seq for e in existing), default=-1) + 1


def assign_seq(existing: Sequence[TimelineEvent], arriving: Sequence[TimelineEvent]) -> None:
    """Number the arriving events after every existing one, in their given order."""
    start = next_seq(existing)
    for offset, event in enumerate(arriving):
        event.seq = start + offset


def merged(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    """The one interleaved timeline: by UTC instant, ties by order of arrival."""
    return sorted(events, key=lambda e: e.sort_key)
