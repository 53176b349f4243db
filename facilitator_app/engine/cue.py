"""The optional sound cue: one tick a second in the last seconds of a running phase.

A rule, so it lives here and is tested without Qt; the UI only rings the bell when the second
this returns changes.
"""

from __future__ import annotations

import math

from facilitator_app.engine.status import ClockState, MeetingStatus

CUE_SECONDS = 10


def cue_second(status: MeetingStatus, last: int = CUE_SECONDS) -> int | None:
    """Whole seconds left (last..1) while the clock runs in a phase's final seconds, else None."""
    if status.clock is not ClockState.RUNNING or status.phase is None:
        return None
    left = status.phase.remaining
    if 0 < left <= last:
        return math.ceil(left)
    return None
