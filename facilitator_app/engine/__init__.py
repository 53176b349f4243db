"""The live meeting engine (DESIGN.md §2-3): meeting clock, adaptive phases, speaking tracker.

Qt-free and driven by an injected `Clock`, so every rule is tested without sleeping.
"""

from facilitator_app.engine.clock import Clock, ManualClock, SystemClock
from facilitator_app.engine.floor import CROSSTALK, FACILITATOR, NOBODY, Floor
from facilitator_app.engine.meeting import MeetingEngine
from facilitator_app.engine.settings import FairShare, MeetingSettings
from facilitator_app.engine.status import ClockState, Hint, HintKind, MeetingStatus
from facilitator_app.engine.timebox import Level, format_m_ss, format_mmss

__all__ = [
    "CROSSTALK",
    "FACILITATOR",
    "NOBODY",
    "Clock",
    "ClockState",
    "FairShare",
    "Floor",
    "Hint",
    "HintKind",
    "Level",
    "ManualClock",
    "MeetingEngine",
    "MeetingSettings",
    "MeetingStatus",
    "SystemClock",
    "format_m_ss",
    "format_mmss",
]
