"""Both teams' events as ONE chronological timeline, never two parallel narratives.

Order is UTC time, then `seq` (order of arrival), so events with equal timestamps keep a stable
order: what was already in the session first, then each file in its own row order. Every event
keeps its team (lane); merging never changes an event, only where it sits.

Sources overlap (the pager's alert and the bot's echo of it in the incident channel): an
arriving event that looks like one already there from another source is flagged, for the
facilitator to merge or keep; nothing is dropped without being asked.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator_app.model import Lane, TimelineEvent
from facilitator_app.timeutil import to_utc


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


def merge(
    existing: Sequence[TimelineEvent], arriving: Sequence[TimelineEvent]
) -> list[TimelineEvent]:
    """Number `arriving` after `existing` and return both as one timeline."""
    assign_seq(existing, arriving)
    return merged([*existing, *arriving])


# ---- likely duplicates across sources ---------------------------------------------------------

DUPLICATE_WINDOW = timedelta(minutes=1)
DUPLICATE_SIMILARITY = 80.0  # rapidfuzz token-set ratio, 0..100
_MAX_CANDIDATES = 50  # per arriving event: a burst of events in one minute stays cheap


@dataclass(frozen=True)
class LikelyDuplicate:
    """An arriving event that looks like one already in the session from another source (the
    PagerDuty alert and its Slack echo): shown to the facilitator to merge or keep, never
    dropped on its own."""

    index: int  # into the arriving events
    existing: TimelineEvent
    similarity: float

    def describe(self, arriving: TimelineEvent, line: int | None = None) -> str:
        where = f"line {line}" if line is not None else "an event"
        origin = self.existing.imported_from or "typed in"
        return (
            f"{where} ({_short(arriving.description)!r}) looks like "
            f"{_short(self.existing.description)!r} from {origin} "
            f"({abs(_gap(arriving, self.existing)):.0f} s apart, {self.similarity:.0f}% alike)"
        )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _gap(a: TimelineEvent, b: TimelineEvent) -> float:
    return (to_utc(a.occurred_at) - to_utc(b.occurred_at)).total_seconds()


def _source(event: TimelineEvent) -> str:
    origin = event.imported_from
    return origin.split("/", 1)[0].rsplit(":", 1)[0] if origin else ""


def likely_duplicates(
    existing: Sequence[TimelineEvent], arriving: Sequence[TimelineEvent]
) -> list[LikelyDuplicate]:
    """Arriving events that match an existing event of another source: same team, times
    within a minute, similar words (at least two in common, rapidfuzz token-set ratio >= 80).

    Each existing event's words are prepared once; an arriving event is compared with at most
    `_MAX_CANDIDATES` events of its lane in its two-minute window, so the cost stays bounded."""
    from rapidfuzz import fuzz, utils  # only an import with events already in place needs it

    by_lane: dict[Lane, list[tuple[datetime, str, str, frozenset[str], TimelineEvent]]] = {}
    for event in existing:
        text = utils.default_process(event.description)
        by_lane.setdefault(event.lane, []).append(
            (to_utc(event.occurred_at), _source(event), text, frozenset(text.split()), event)
        )
    for prepared in by_lane.values():
        prepared.sort(key=lambda entry: entry[0])
    times = {lane: [entry[0] for entry in prepared] for lane, prepared in by_lane.items()}
    found: list[LikelyDuplicate] = []
    for index, event in enumerate(arriving):
        candidates = by_lane.get(event.lane)
        if not candidates:
            continue
        when = to_utc(event.occurred_at)
        start = bisect_left(times[event.lane], when - DUPLICATE_WINDOW)
        window = candidates[start : start + _MAX_CANDIDATES]
        if not window or window[0][0] > when + DUPLICATE_WINDOW:
            continue
        source = _source(event)
        text = utils.default_process(event.description)
        words = frozenset(text.split())
        best: LikelyDuplicate | None = None
        for other_when, other_source, other_text, other_words, other in window:
            if other_when > when + DUPLICATE_WINDOW:
                break
            if (source and other_source == source) or len(words & other_words) < 2:
                continue
            score = fuzz.token_set_ratio(text, other_text)
            if score >= DUPLICATE_SIMILARITY and (best is None or score > best.similarity):
                best = LikelyDuplicate(index, other, score)
        if best is not None:
            found.append(best)
    return found
