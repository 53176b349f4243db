"""The facilitator's preferences for the live meeting: thresholds, fair share, hints.

Stored as one JSON value in the app settings (they belong to the facilitator, not to a session).
A stored value that no longer validates falls back to the defaults rather than stopping a meeting.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from facilitator_app.engine.timebox import Thresholds
from facilitator_app.errors import ValidationError
from facilitator_app.store import SessionStore

SETTINGS_KEY = "meeting.settings"


class FairShare(StrEnum):
    """What a team's fair share of the two teams' speaking time is."""

    HALF = "half"  # half each, whatever the head-count
    HEADCOUNT = "headcount"  # in proportion to the present attendees of each team


# name -> (lowest, highest) allowed
_RANGES: dict[str, tuple[float, float]] = {
    "amber_minutes": (0, 60),
    "amber_fraction": (0, 0.5),
    "min_scale": (0, 1),
    "dominance_share": (0.5, 1),
    "dominance_window_minutes": (1, 120),
    "dominance_min_seconds": (0, 3600),
    "nobody_hint_seconds": (5, 3600),
    "reassign_seconds": (1, 600),
    "max_recovery_gap_minutes": (0, 24 * 60),
    "confirm_seconds": (0.5, 10),
}


@dataclass(frozen=True)
class MeetingSettings:
    amber_minutes: float = 5.0
    amber_fraction: float = 0.10
    min_scale: float = 0.5  # upcoming phases never shrink below this share of their plan
    fair_share: FairShare = FairShare.HALF
    dominance_share: float = 0.65  # with half each; kept as a margin over a head-count share
    dominance_window_minutes: float = 10.0
    dominance_min_seconds: float = 60.0  # team talk in the window before the cue may show
    nobody_hint_seconds: float = 30.0
    reassign_seconds: float = 30.0  # "the last N seconds were really team B's"
    max_recovery_gap_minutes: float = 15.0  # longer outages reopen paused, not running
    confirm_seconds: float = 3.0  # a plain key for a phase change must be pressed twice

    def __post_init__(self) -> None:
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            if not isinstance(value, int | float) or not low <= float(value) <= high:
                raise ValidationError(
                    f"must be a number from {low} to {high}", field=f"meeting.{name}"
                )
            object.__setattr__(self, name, float(value))
        try:
            object.__setattr__(self, "fair_share", FairShare(self.fair_share))
        except ValueError:
            raise ValidationError(
                "must be 'half' or 'headcount'", field="meeting.fair_share"
            ) from None

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(self.amber_minutes, self.amber_fraction)

    def to_json(self) -> str:
        data: dict[str, Any] = dataclasses.asdict(self)
        data["fair_share"] = self.fair_share.value
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> MeetingSettings:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValidationError(f"not JSON: {exc}", field="meeting") from None
        if not isinstance(data, dict):
            raise ValidationError("must be a JSON object", field="meeting")
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def load_settings(store: SessionStore) -> MeetingSettings:
    text = store.get_setting(SETTINGS_KEY)
    if not text:
        return MeetingSettings()
    try:
        return MeetingSettings.from_json(text)
    except ValidationError:
        return MeetingSettings()


def save_settings(store: SessionStore, settings: MeetingSettings) -> None:
    store.set_setting(SETTINGS_KEY, settings.to_json())
