"""The closing poll (did you learn something? would you come to another review like this?).

Entered quickly either per attendee or as plain counts; per-attendee answers add to the counts,
so both ways can be mixed (named answers in the room, a show of hands on the call). Every change
is one undoable command that writes the poll at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.errors import UserError
from facilitator_app.model import (
    POLL_COUNTS,
    Attendee,
    ClosingPoll,
    PollAnswer,
    Session,
    answer_counts,
)
from facilitator_app.parts import Part
from facilitator_app.undo import Command
from facilitator_app.workspace import Workspace

UNCHANGED = object()


def _apply(workspace: Workspace, poll: ClosingPoll) -> None:
    workspace.session.poll = poll
    workspace.store.save_poll(workspace.session_id, poll)
    workspace.notify(Part.POLL)


def _push(workspace: Workspace, text: str, new: ClosingPoll) -> None:
    old = workspace.session.poll
    if new == old:
        return
    workspace.undo_stack.push(
        Command(text, lambda: _apply(workspace, new), lambda: _apply(workspace, old))
    )


def set_counts(workspace: Workspace, **counts: int) -> None:
    """Set some of the four counts (never below what per-attendee answers contribute)."""
    unknown = set(counts) - set(POLL_COUNTS)
    if unknown:
        raise ValueError(f"not poll counts: {sorted(unknown)}")
    poll = workspace.session.poll
    values = {name: counts.get(name, getattr(poll, name)) for name in POLL_COUNTS}
    _push(workspace, "Edit closing poll", ClosingPoll(**values, answers=dict(poll.answers)))


def bump(workspace: Workspace, count: str, delta: int = 1) -> None:
    """Add one to a count (a show of hands, one key per hand); -1 takes one back."""
    if count not in POLL_COUNTS:
        raise ValueError(f"not a poll count: {count}")
    value = getattr(workspace.session.poll, count) + delta
    if value < 0:
        raise UserError("cannot be negative", field=f"poll.{count}")
    set_counts(workspace, **{count: value})


def record_answer(
    workspace: Workspace,
    attendee_id: int,
    *,
    learned: object = UNCHANGED,
    again: object = UNCHANGED,
) -> None:
    """One attendee's answers (True, False, or None to clear); the counts follow."""
    attendee = workspace.session.attendee(attendee_id)
    if attendee is None:
        raise UserError("there is no such attendee", field="attendee")
    poll = workspace.session.poll
    old = poll.answers.get(attendee_id, PollAnswer())
    new = PollAnswer(
        old.learned if learned is UNCHANGED else _flag(learned),
        old.again if again is UNCHANGED else _flag(again),
    )
    if new == old:
        return
    before, after = answer_counts([old]), answer_counts([new])
    counts = {k: getattr(poll, k) - before[k] + after[k] for k in POLL_COUNTS}
    answers = dict(poll.answers)
    if new == PollAnswer():
        answers.pop(attendee_id, None)
    else:
        answers[attendee_id] = new
    _push(workspace, f"Poll answer from {attendee.name}", ClosingPoll(**counts, answers=answers))


def _flag(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise TypeError("an answer is True, False or None")


@dataclass(frozen=True)
class PollSummary:
    learned_yes: int
    learned_no: int
    again_yes: int
    again_no: int
    not_answered: list[Attendee]


def summary(session: Session) -> PollSummary:
    """The counts, and the present team members with no answer of their own recorded."""
    poll = session.poll
    waiting = [
        a
        for a in session.attendees
        if a.present and a.lane is not None and a.id not in poll.answers
    ]
    return PollSummary(poll.learned_yes, poll.learned_no, poll.again_yes, poll.again_no, waiting)
