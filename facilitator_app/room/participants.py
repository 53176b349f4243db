"""The devices in the room: who joined, for which team, one device per attendee.

A participant joins by picking a name from the roster (a present team member) or typing one as a
guest with a team. A second device for the same attendee (or the same guest name and team)
replaces the first: the first device's token stops working and it is told why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from facilitator_app.errors import UserError
from facilitator_app.model import Attendee, Lane, Session
from facilitator_app.room.access import new_token


@dataclass
class Participant:
    token: str
    name: str
    lane: Lane
    attendee_id: int | None  # None: a guest the facilitator has not added to the roster
    guest: bool
    client: str  # the address it joined from (for the refusal log)
    joined_at: datetime
    ready_for: int | None = None  # the "ready?" check it answered
    connected: bool = False

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two devices "the same attendee"."""
        if self.attendee_id is not None:
            return ("attendee", self.attendee_id)
        return ("guest", self.name.casefold(), self.lane)

    def label(self, session: Session) -> str:
        """ "Amara Diallo (Payments)", "Sam (Edge, guest)"."""
        team = session.team(self.lane).name
        return (
            f"{self.name} ({team}, guest)" if self.attendee_id is None else f"{self.name} ({team})"
        )


def joinable(session: Session) -> list[Attendee]:
    """Roster names a device may pick: present attendees on one of the two teams."""
    return [a for a in session.attendees if a.present and a.lane is not None and a.id is not None]


@dataclass
class Participants:
    by_token: dict[str, Participant] = field(default_factory=dict)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(list(self.by_token.values()))

    def __len__(self) -> int:
        return len(self.by_token)

    def get(self, token: str) -> Participant | None:
        return self.by_token.get(token)

    def add(self, participant: Participant) -> Participant | None:
        """Add a device; returns the device it replaces (same attendee), if any."""
        old = next((p for p in self.by_token.values() if p.key == participant.key), None)
        if old is not None:
            del self.by_token[old.token]
        self.by_token[participant.token] = participant
        return old

    def remove(self, token: str) -> Participant | None:
        return self.by_token.pop(token, None)


def make_participant(
    session: Session,
    *,
    attendee_id: int | None,
    guest_name: str,
    lane: str | None,
    client: str,
    now: datetime,
) -> Participant:
    """A new device from a join request (roster pick or guest), validated against the roster."""
    if attendee_id is not None:
        attendee = next((a for a in joinable(session) if a.id == attendee_id), None)
        if attendee is None or attendee.lane is None:
            raise UserError("that name is not on the roster of either team", field="attendee")
        if lane not in (None, "", attendee.lane.value):
            team = session.team(attendee.lane).name
            raise UserError(f"{attendee.name} is on {team} in the roster", field="team")
        return Participant(
            new_token(), attendee.name, attendee.lane, attendee.id, False, client, now
        )
    name = Attendee(guest_name).name  # the model's own check (empty, length)
    if lane not in ("A", "B"):
        raise UserError("pick one of the two teams", field="team")
    taken = next((a for a in session.attendees if a.name.casefold() == name.casefold()), None)
    if taken is not None:
        raise UserError(f"{taken.name} is on the roster: pick the name from the list", field="name")
    return Participant(new_token(), name, Lane(lane), None, True, client, now)
