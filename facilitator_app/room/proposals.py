"""The queue of what participants proposed, waiting for the facilitator's decision.

A proposal keeps its author (name, team, guest or not), the validated values it would write,
a one-line summary for the console, and what the checkers said when it was sent. The queue is
bounded: per device and in total, so a device cannot fill the facilitator's memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from facilitator_app.errors import UserError
from facilitator_app.model import Lane

MAX_PENDING_PER_DEVICE = 40
MAX_PROPOSALS = 5000


class ProposalKind(StrEnum):
    OBSERVATION = "observation"  # what the author's team saw at the current event
    EVENT = "event"  # a missing timeline event
    LINK = "link"  # this event led to that one (incident flow)
    FACTOR = "factor"  # a contributing factor (own team or the interaction)
    PARKED = "parked"  # an idea for the parking lot
    ACTION = "action"  # an action item
    GUEST = "guest"  # add a guest to the roster (then their votes count)
    VOTES = "votes"  # a device's dots, held when direct counting is off
    POLL = "poll"  # a device's closing-poll answers, held when direct counting is off


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


@dataclass
class Proposal:
    id: int
    kind: ProposalKind
    author: str  # the name the device joined with
    lane: Lane
    guest: bool
    author_token: str
    attendee_id: int | None
    values: dict[str, Any]  # validated values the edit will use (editable before accepting)
    summary: str  # one line for the console queue
    received_at: datetime
    status: ProposalStatus = ProposalStatus.PENDING
    hidden: bool = False  # a factor written privately, not revealed yet
    blame_findings: int = 0  # phrases the language checker flagged when it was sent
    verdict: str = ""  # actions: "specific" or "vague" when it was sent
    entity_id: int | None = None  # what accepting created (event, factor, item, ...)
    decided_at: datetime | None = None

    def as_json(self, *, team_name: str) -> dict[str, Any]:
        """What the author's device sees of its own proposal."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "summary": self.summary,
            "status": self.status.value,
            "hidden": self.hidden,
            "team": team_name,
        }


@dataclass
class ProposalQueue:
    items: list[Proposal] = field(default_factory=list)
    _next_id: int = 1

    def add(self, proposal_factory: Any) -> Proposal:
        """`proposal_factory(id)` builds the proposal once the id is known."""
        proposal: Proposal = proposal_factory(self._next_id)
        pending_from_device = sum(
            1
            for p in self.items
            if p.author_token == proposal.author_token and p.status is ProposalStatus.PENDING
        )
        if pending_from_device >= MAX_PENDING_PER_DEVICE:
            raise UserError(
                f"you have {MAX_PENDING_PER_DEVICE} proposals waiting: "
                "let the facilitator catch up first",
                field="proposal",
            )
        if len(self.items) >= MAX_PROPOSALS:
            raise UserError("the room's queue is full", field="proposal")
        self._next_id += 1
        self.items.append(proposal)
        return proposal

    def get(self, proposal_id: int) -> Proposal:
        found = next((p for p in self.items if p.id == proposal_id), None)
        if found is None:
            raise UserError(f"there is no proposal {proposal_id}", field="proposal")
        return found

    def pending(self, *, include_hidden: bool = False) -> list[Proposal]:
        return [
            p
            for p in self.items
            if p.status is ProposalStatus.PENDING and (include_hidden or not p.hidden)
        ]

    def of_device(self, token: str) -> list[Proposal]:
        return [p for p in self.items if p.author_token == token]

    def held(self, kind: ProposalKind, token: str) -> Proposal | None:
        """The pending held ballot (votes or poll) of one device, if any."""
        return next(
            (
                p
                for p in self.items
                if p.kind is kind and p.author_token == token and p.status is ProposalStatus.PENDING
            ),
            None,
        )
