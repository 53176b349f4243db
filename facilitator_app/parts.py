"""What changed in the open session, so that a view repaints only what it shows.

Its own module so that the workspace and the meeting engine can both name the parts without
importing each other.
"""

from __future__ import annotations

from enum import StrEnum


class Part(StrEnum):
    SESSION = "session"
    TEAMS = "teams"
    ROSTER = "roster"
    PHASES = "phases"
    TIMELINE = "timeline"
    CURRENT_EVENT = "current_event"
    SPEAKING = "speaking"
    CLOCK = "clock"
    FACTORS = "factors"
    ACTIONS = "actions"
    NOTES = "notes"
    PARKED = "parked"
    POLL = "poll"
    SCREEN = "screen"
