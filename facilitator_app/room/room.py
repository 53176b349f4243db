"""The room: participants, the join code, the proposal queue and the facilitator's switches.

Single-threaded by design: every method runs on the thread that owns the workspace (the GUI
thread in the app). The server adapter never calls it directly; it submits calls through
`RoomBridge` (bridge.py) and receives what to push through the outbox. See `__init__.py`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import facilitator_app.room.accept as accept
import facilitator_app.room.requests as requests
import facilitator_app.room.views as views
from facilitator_app.errors import UserError
from facilitator_app.model import ActionItem, Lane
from facilitator_app.room.access import CodeResult
from facilitator_app.room.limits import MAX_DEVICES
from facilitator_app.room.participants import Participant, make_participant
from facilitator_app.room.proposals import (
    Proposal,
    ProposalKind,
    ProposalStatus,
)
from facilitator_app.room.state import Outbox, Refusal, Refused, RoomListener, RoomState
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Part, Workspace

log = logging.getLogger("facilitator.room")


# What the devices show (views.py); other changes (the floor, notes, the screen mode) push nothing.
_SHOWN = frozenset(
    {
        Part.SESSION,
        Part.TEAMS,
        Part.ROSTER,
        Part.PHASES,
        Part.TIMELINE,
        Part.CURRENT_EVENT,
        Part.CLOCK,
        Part.FACTORS,
        Part.PARKED,
        Part.POLL,
    }
)


class Room(RoomState):
    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = now_utc,
    ) -> None:
        super().__init__(workspace, clock=clock, now=now)
        workspace.subscribe(self._on_workspace_change)

    # ---- the console side (owner thread) ------------------------------------------------

    def subscribe(self, listener: RoomListener) -> None:
        """Called (on the owner thread) after the queue, counts, participants or log change."""
        self._listeners.append(listener)

    def accept(self, proposal_id: int, **edits: Any) -> Proposal:
        """Accept (optionally with edited values): one undoable edit attributed to its author."""
        proposal = self._pending(proposal_id)
        unknown = set(edits) - set(proposal.values)
        if unknown:
            raise UserError(f"not a field of this proposal: {sorted(unknown)}", field="edit")
        original = proposal.values
        proposal.values = {**original, **edits}
        try:
            proposal.entity_id = accept.apply(self.workspace, proposal)
        except Exception:
            proposal.values = original
            raise
        if proposal.kind is ProposalKind.GUEST and proposal.entity_id is not None:
            self._admit(proposal)
        self._decide(proposal, ProposalStatus.ACCEPTED)
        return proposal

    def dismiss(self, proposal_id: int) -> Proposal:
        proposal = self._pending(proposal_id)
        self._decide(proposal, ProposalStatus.DISMISSED)
        return proposal

    def counts(self) -> views.RoomCounts:
        return views.counts(self)

    def not_voted(self) -> list[str]:
        """Voters with no dot yet, by name (for the console only, never the shared screen)."""
        from facilitator_app import voting

        return [
            s.attendee.name
            for s in voting.voter_statuses(self.workspace.session)
            if not s.has_voted
        ]

    def not_ready(self) -> list[str]:
        if not self.ready_id:
            return []
        return [p.name for p in self.participants if p.ready_for != self.ready_id]

    def set_voting_open(self, open_: bool) -> None:
        self.voting_open = open_
        self._changed()

    def set_count_directly(self, on: bool) -> None:
        """Off: dots and poll answers wait in the queue as one ballot per device."""
        self.count_directly = on
        self._changed()

    def set_private_factors(self, on: bool) -> None:
        """On: factors are written privately; `reveal_factors` shows them all at once."""
        self.private_factors = on
        if not on:
            self.reveal_factors()
        self._changed()

    def reveal_factors(self) -> int:
        hidden = [p for p in self.queue.items if p.hidden]
        for p in hidden:
            p.hidden = False
        self.private_factors = False
        self._changed(all_devices=True)
        return len(hidden)

    def ask_ready(self, question: str = "Ready to move on?") -> int:
        self.ready_id += 1
        self.ready_question = question.strip()[:200] or "Ready to move on?"
        self._changed()
        return self.ready_id

    def clear_ready(self) -> None:
        self.ready_id = 0
        self.ready_question = ""
        self._changed()

    def new_code(self) -> str:
        code = self.gate.renew()
        self._changed(devices=False)
        return code

    def refusal_lines(self) -> list[str]:
        return [r.line for r in self.refusals]

    def close(self) -> None:
        """Nothing is accepted from devices after this (the server stops alongside)."""
        self.closed = True
        self.workspace.unsubscribe(self._on_workspace_change)

    # ---- the devices' side (owner thread, called through the bridge) ---------------------

    def refuse(self, who: str, reason: str) -> Refused:
        """Log a refusal in one line and return the error to raise."""
        entry = Refusal(self._now(), who, reason)
        self.refusals.append(entry)
        log.warning(entry.line)
        for listener in list(self._listeners):
            listener()
        return Refused(reason)

    def check_code(self, client: str, code: str) -> dict[str, Any]:
        """The roster for the join page, once the code is right (wrong tries count)."""
        self._open_for(client)
        result = self.gate.check(client, code if isinstance(code, str) else "")
        if result is not CodeResult.OK:
            reasons = {
                CodeResult.WRONG: "wrong join code",
                CodeResult.CLIENT_LOCKED: "too many wrong codes from this device: wait",
                CodeResult.CODE_LOCKED: "the join code is locked: ask for a new one",
            }
            raise self.refuse(client, reasons[result])
        return views.roster_json(self)

    def join(
        self,
        client: str,
        code: str,
        *,
        attendee_id: int | None = None,
        name: str = "",
        lane: str | None = None,
    ) -> dict[str, Any]:
        """A device joins: returns its token. A second device for the same attendee replaces
        the first (told "replaced" and disconnected)."""
        self.check_code(client, code)
        if len(self.participants) >= MAX_DEVICES:
            raise self.refuse(client, "the room is full")
        try:
            participant = make_participant(
                self.workspace.session,
                attendee_id=attendee_id if isinstance(attendee_id, int) else None,
                guest_name=name if isinstance(name, str) else "",
                lane=lane if isinstance(lane, str) else None,
                client=client,
                now=self._now(),
            )
        except UserError as exc:
            raise self.refuse(client, f"join: {exc.message}") from None
        old = self.participants.add(participant)
        if old is not None:
            self._send(old.token, {"type": "bye", "reason": "replaced"})
            self._last_device.pop(old.token, None)
        if participant.guest:
            self._propose_guest(participant)
        self._changed()
        return {"token": participant.token, "replaced": old is not None}

    def hello(self, token: str) -> list[dict[str, Any]]:
        """A (re)connected device: everything it needs to draw, in order."""
        participant = self._device(token, "hello")
        participant.connected = True
        self._last_device.pop(token, None)
        return [views.public_state(self), views.device_state(self, participant)]

    def disconnect(self, token: str) -> None:
        participant = self.participants.get(token)
        if participant is not None:
            participant.connected = False
            self._last_device.pop(token, None)

    def handle(self, token: str, message: Mapping[str, Any]) -> dict[str, Any]:
        """One request from a device; the reply says what happened (and what the checkers said)."""
        participant = self._device(token, "request")
        try:
            return requests.dispatch(self, participant, message)
        except UserError as exc:
            raise self.refuse(participant.name + " @" + participant.client, exc.message) from None

    # ---- pushing --------------------------------------------------------------------------

    def attach(self, outbox: Outbox, wake: Callable[[], None]) -> None:
        """The server's outbox (thread-safe) and the owner thread's wake-up (see bridge.py)."""
        self._outbox = outbox
        self._wake = wake

    def flush(self) -> None:
        """Push what changed since the last flush: the public state to every device if it
        changed, and each changed device's own state to it."""
        if self._outbox is None or self.closed:
            return
        if self._public_dirty:
            self._public_dirty = False
            state = views.public_state(self)
            key = _dedupe_key(state)
            if key != self._last_public:
                self._last_public = key
                self._send(None, state)
        dirty, self._dirty_devices = self._dirty_devices, set()
        for token in dirty:
            participant = self.participants.get(token)
            if participant is None or not participant.connected:
                continue
            state = views.device_state(self, participant)
            key = json.dumps(state, sort_keys=True)
            if self._last_device.get(token) != key:
                self._last_device[token] = key
                self._send(token, state)

    # ---- internals ----------------------------------------------------------------------

    def _on_workspace_change(self, parts: frozenset[Part]) -> None:
        if not parts & _SHOWN:
            return  # a floor switch, a note: nothing the devices show
        self._public_dirty = True
        if parts & {Part.FACTORS, Part.POLL, Part.ROSTER, Part.SESSION, Part.PHASES, Part.CLOCK}:
            self._dirty_devices.update(p.token for p in self.participants)
        self._wake()

    def _open_for(self, client: str) -> None:
        if self.closed:
            raise self.refuse(client, "the room is closed")

    def _device(self, token: object, what: str) -> Participant:
        if self.closed:
            raise self.refuse("a device", f"{what} after the room closed")
        participant = self.participants.get(token) if isinstance(token, str) else None
        if participant is None:
            raise self.refuse("a device", f"{what} with an unknown or replaced device token")
        return participant

    def _pending(self, proposal_id: int) -> Proposal:
        proposal = self.queue.get(proposal_id)
        if proposal.status is not ProposalStatus.PENDING:
            raise UserError(f"this proposal was already {proposal.status.value}", field="proposal")
        return proposal

    def _decide(self, proposal: Proposal, status: ProposalStatus) -> None:
        proposal.status = status
        proposal.decided_at = self._now()
        self._dirty_devices.add(proposal.author_token)
        self._changed(all_devices=False)

    def _propose_guest(self, participant: Participant) -> None:
        """One roster proposal per guest: a guest's second device takes over the waiting one."""
        for waiting in self.queue.pending():
            same = waiting.values.get("name", "").casefold() == participant.name.casefold()
            if waiting.kind is ProposalKind.GUEST and same and waiting.lane is participant.lane:
                waiting.author_token = participant.token
                return
        self._enqueue(
            participant,
            ProposalKind.GUEST,
            {"name": participant.name},
            f"add guest {participant.name} to the roster (then their votes count)",
        )

    def _admit(self, proposal: Proposal) -> None:
        participant = self.participants.get(proposal.author_token)
        if participant is not None:
            participant.attendee_id = proposal.entity_id
            participant.guest = True
            self._dirty_devices.add(participant.token)


def _dedupe_key(state: dict[str, Any]) -> str:
    """The public state without the running countdown: a push only when something else changed
    (the page counts down by itself between pushes)."""
    stable = {k: v for k, v in state.items() if k != "phase_left"}
    if state.get("clock") != "running":
        stable["phase_left"] = state.get("phase_left")
    return json.dumps(stable, sort_keys=True, default=str)


__all__ = ["ActionItem", "Lane", "Refusal", "Refused", "Room"]
