"""The room's state and the small helpers its request handlers and views share.

`Room` (room.py) adds the operations; `requests.py` and `views.py` read and update this state
through `RoomState`, so neither needs the class that calls them (no import circle).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from facilitator_app.errors import UserError
from facilitator_app.room.access import CodeGate, new_secret
from facilitator_app.room.limits import MAX_TEXT_CHARS
from facilitator_app.room.participants import Participant, Participants
from facilitator_app.room.proposals import Proposal, ProposalKind, ProposalQueue
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Workspace

if TYPE_CHECKING:
    from facilitator_app.language import BlameChecker

Outbox = Callable[[str | None, dict[str, Any]], None]  # (device token or None: all, message)
RoomListener = Callable[[], None]

_TEXT_FIELDS = ("saw", "description", "text", "note", "owner", "lead", "test", "actor")


class Refused(UserError):
    """A request the room turns down; logged for the facilitator in one line."""


@dataclass(frozen=True)
class Refusal:
    at: datetime
    who: str
    reason: str

    @property
    def line(self) -> str:
        return f"{self.at:%H:%M:%S} refused {self.who}: {self.reason}"


class RoomState:
    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = now_utc,
    ) -> None:
        self.workspace = workspace
        self.secret = new_secret()
        self.gate = CodeGate(clock)
        self.participants = Participants()
        self.queue = ProposalQueue()
        self.refusals: deque[Refusal] = deque(maxlen=1000)
        self.voting_open = True
        self.count_directly = True
        self.private_factors = False
        self.ready_id = 0  # 0: no "ready?" check out
        self.ready_question = ""
        self.closed = False
        self._now = now
        self._listeners: list[RoomListener] = []
        self._outbox: Outbox | None = None
        self._wake: Callable[[], None] = lambda: None
        self._public_dirty = True
        self._dirty_devices: set[str] = set()
        self._last_public = ""
        self._last_device: dict[str, str] = {}
        self._checker: BlameChecker | None = None
        self.build_checker_here = True  # False once the server builds it on another thread

    @property
    def code(self) -> str:
        return self.gate.code

    def pending(self) -> list[Proposal]:
        """The console's queue: oldest first; privately written factors stay out until revealed."""
        return self.queue.pending()

    def phase_key(self) -> str | None:
        phase = self.workspace.meeting.status().current_phase
        return phase.key if phase else None

    def _send(self, token: str | None, message: dict[str, Any]) -> None:
        if self._outbox is not None:
            self._outbox(token, message)

    def _changed(self, *, all_devices: bool = True, devices: bool = True) -> None:
        self._public_dirty = True
        if devices and all_devices:
            self._dirty_devices.update(p.token for p in self.participants)
        for listener in list(self._listeners):
            listener()
        self._wake()

    def _too_long(self, message: Mapping[str, Any]) -> None:
        for name in _TEXT_FIELDS:
            value = message.get(name)
            if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
                raise UserError(f"longer than {MAX_TEXT_CHARS} characters", field=name)

    def team_names(self) -> list[str]:
        return [t.name for t in self.workspace.session.teams]

    def set_checker(self, checker: BlameChecker) -> None:
        """The language checker for this session's team names, built off this thread (it takes
        a second or two); until it arrives, texts are taken without findings."""
        self._checker = checker

    def _today(self) -> date:
        return self._now().date()

    def _enqueue(
        self,
        participant: Participant,
        kind: ProposalKind,
        values: dict[str, Any],
        summary: str,
        *,
        hidden: bool = False,
    ) -> Proposal:
        proposal = self.queue.add(
            lambda pid: Proposal(
                pid,
                kind,
                participant.name,
                participant.lane,
                participant.guest,
                participant.token,
                participant.attendee_id,
                values,
                summary,
                self._now(),
                hidden=hidden,
            )
        )
        self._dirty_devices.add(participant.token)
        self._changed(all_devices=kind is ProposalKind.FACTOR)
        return proposal
