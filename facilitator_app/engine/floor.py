"""Who has the floor: one value type for the six speaking states (DESIGN.md §2)."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.model import Attendee, HolderKind, Lane, SpeakingInterval
from facilitator_app.speaking_totals import team_lane


@dataclass(frozen=True)
class Floor:
    """The floor holder. An attendee carries their team's lane, so their time counts to it."""

    kind: HolderKind
    lane: Lane | None = None
    attendee_id: int | None = None

    @staticmethod
    def team(lane: Lane) -> Floor:
        return Floor(HolderKind.TEAM, lane)

    @staticmethod
    def attendee(attendee: Attendee) -> Floor:
        """An attendee with no team (the facilitator, a guest) counts as the facilitator."""
        if attendee.lane is None:
            return FACILITATOR
        return Floor(HolderKind.ATTENDEE, attendee.lane, attendee.id)

    @staticmethod
    def of(interval: SpeakingInterval) -> Floor:
        return Floor(interval.holder, interval.lane, interval.attendee_id)

    @property
    def team_lane(self) -> Lane | None:
        """The team this floor counts to, if any."""
        return team_lane(self.kind, self.lane)

    @property
    def is_nobody(self) -> bool:
        return self.kind is HolderKind.NOBODY


NOBODY = Floor(HolderKind.NOBODY)
FACILITATOR = Floor(HolderKind.FACILITATOR)
CROSSTALK = Floor(HolderKind.CROSSTALK)


def toggled_team(current: Floor, lane: Lane) -> Floor:
    """Pressing a team's key: that team gets the floor; pressed again, nobody has it.

    An attendee of that team holding the floor counts as "that team" for the toggle only when
    the team itself holds it; pressing `1` while an A attendee speaks hands it to team A.
    """
    if current.kind is HolderKind.TEAM and current.lane is lane:
        return NOBODY
    return Floor.team(lane)
