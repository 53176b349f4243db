"""Snapshots of the engine's state, for exact undo/redo and for writing only what an action changed.

An action changes at most the tail of the speaking intervals (from the running one on) plus a few
scalars. A snapshot copies that tail and the scalars; restoring one puts them back, and the diff
between two snapshots is the one transaction the store writes. Because undo restores "the state
as if the action never happened", a mistaken switch undone later gives the time since to the
previous holder, and the intervals keep tiling the meeting time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator_app.engine.floor import Floor
from facilitator_app.engine.status import ClockState
from facilitator_app.model import Phase, SessionState, SpeakingInterval
from facilitator_app.store import IntervalWrite, MeetingClockRecord, MeetingWrite, PhaseClockRecord

PhaseMark = tuple[Phase, datetime | None, datetime | None]


def copy_interval(interval: SpeakingInterval) -> SpeakingInterval:
    return dataclasses.replace(interval)


def interval_fields(s: SpeakingInterval) -> tuple[object, ...]:
    return (s.holder, s.lane, s.attendee_id, s.started_at, s.ended_at, s.seconds)


@dataclass(frozen=True)
class Snapshot:
    tail_from: int  # index into session.speaking where `tail` starts
    tail: tuple[SpeakingInterval, ...]  # private copies
    open_at: int | None  # index into `tail` of the running interval
    open_mono: float
    state: ClockState
    holder: Floor
    phase_id: int | None
    phase_entered: float
    run_start: float
    phase_clocks: Mapping[int, PhaseClockRecord]
    phase_marks: tuple[PhaseMark, ...]
    session_state: SessionState

    @property
    def open_id(self) -> int | None:
        return None if self.open_at is None else self.tail[self.open_at].id


def clock_record(
    state: ClockState, holder: Floor, phase_id: int | None, phase_entered: float
) -> MeetingClockRecord:
    return MeetingClockRecord(
        state=state.value,
        phase_id=phase_id,
        phase_entered_elapsed=phase_entered,
        holder=holder.kind,
        lane=holder.lane,
        attendee_id=holder.attendee_id,
        open_interval_id=None,
    )


def diff_write(
    before: Snapshot,
    live: Sequence[SpeakingInterval],
    open_interval: SpeakingInterval | None,
    open_seconds: float,
    after: Snapshot,
) -> MeetingWrite:
    """The rows that turn the stored `before` state into the live `after` state.

    `live` is the live tail (same start index as `before`); the running interval is written with
    a checkpoint end (`open_seconds` so far), so a crash right after still keeps its time.
    """
    old = {s.id: s for s in before.tail if s.id is not None}
    live_ids = {s.id for s in live if s.id is not None}
    deletes = [i for i in old if i not in live_ids]
    writes: list[IntervalWrite] = []
    for s in live:
        previous = old.get(s.id) if s.id is not None else None
        if s is open_interval:
            unchanged = (
                previous is not None
                and s.id == before.open_id
                and interval_fields(previous) == interval_fields(s)
            )
            if not unchanged:
                end = s.started_at + timedelta(seconds=open_seconds)
                writes.append(IntervalWrite(s, end, open_seconds))
        elif (
            previous is None
            or s.id == before.open_id
            or interval_fields(previous) != interval_fields(s)
        ):
            writes.append(IntervalWrite(s, s.ended_at, s.seconds))
    clocks = [c for key, c in after.phase_clocks.items() if before.phase_clocks.get(key) != c]
    before_marks = {id(p): (start, end) for p, start, end in before.phase_marks}
    phases = [
        p
        for p, start, end in after.phase_marks
        if before_marks.get(id(p)) != (start, end) and p.id is not None
    ]
    return MeetingWrite(
        clock=clock_record(after.state, after.holder, after.phase_id, after.phase_entered),
        open_interval=open_interval,
        intervals=writes,
        delete_interval_ids=deletes,
        phase_clocks=clocks,
        phases=phases,
        session_state=after.session_state if after.session_state != before.session_state else None,
    )
