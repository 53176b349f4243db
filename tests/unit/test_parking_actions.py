"""The parking lot, action items with their status history, the follow-up view, the poll."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from facilitator_app import closing_poll, session_json
from facilitator_app.actions.items import add_action, created_at, set_status
from facilitator_app.errors import UserError, ValidationError
from facilitator_app.follow_up import follow_up
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    ParkedOutcome,
    Session,
    StatusChange,
    two_teams,
)
from facilitator_app.parking import drop_idea, idea_to_action, open_ideas, park_idea, reopen_idea
from facilitator_app.undo import Command, UndoStack
from facilitator_app.workspace import Part, Workspace
from tests.helpers.actions_workspace import by_name, stored_workspace

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with stored_workspace(tmp_path) as workspace:
        yield workspace


def test_k_parks_the_idea_with_the_event_on_screen(ws: Workspace) -> None:
    changed: list[frozenset[Part]] = []
    ws.subscribe(changed.append)
    event = ws.session.sorted_events()[1]
    ws.set_current_event(event.id)
    idea = park_idea(ws, "Shared on-call channel")
    assert (idea.text, idea.event_id, idea.outcome) == (
        "Shared on-call channel",
        event.id,
        ParkedOutcome.PARKED,
    )
    assert Part.PARKED in changed[-1]
    blank = park_idea(ws)  # one keypress, worded later
    assert blank.text == f"Idea raised at: {event.description}"
    assert [p.text for p in ws.store.load_session(ws.session_id).parked] == [
        "Shared on-call channel",
        blank.text,
    ]
    ws.undo()
    assert open_ideas(ws) == [idea]


def test_a_parked_idea_becomes_an_action_item_in_one_undo_step(ws: Workspace) -> None:
    idea = park_idea(ws, "Joint runbook for failover")
    item = idea_to_action(ws, idea, kind=ActionKind.JOINT, now=NOW)
    assert (item.kind, item.description, idea.outcome, idea.action_id) == (
        ActionKind.JOINT,
        "Joint runbook for failover",
        ParkedOutcome.ACTION,
        item.id,
    )
    stored = ws.store.load_session(ws.session_id)
    assert stored.parked[0].action_id == stored.actions[0].id
    assert ws.undo_stack.undo_text() == "Turn parked idea into action item"
    ws.undo()
    assert (ws.session.actions, idea.outcome, idea.action_id) == ([], ParkedOutcome.PARKED, None)
    assert ws.store.load_session(ws.session_id).actions == []
    ws.redo()
    assert ws.session.actions == [item] and idea.action_id == item.id
    with pytest.raises(UserError, match="already action"):
        idea_to_action(ws, idea)


def test_a_parked_idea_can_be_dropped_and_put_back(ws: Workspace) -> None:
    idea = park_idea(ws, "Rewrite the edge in Rust")
    drop_idea(ws, idea)
    assert open_ideas(ws) == [] and idea.outcome is ParkedOutcome.DROPPED
    reopen_idea(ws, idea)
    assert open_ideas(ws) == [idea]


def test_status_changes_are_recorded_with_their_date_and_undone(ws: Workspace) -> None:
    item = add_action(ws, ActionItem(ActionKind.TEAM, "Add a 5xx alert", owner="Ana"), now=NOW)
    later = NOW + timedelta(days=3)
    set_status(ws, item, ActionStatus.IN_PROGRESS, now=later)
    assert [(h.status, h.changed_at) for h in item.history] == [
        (ActionStatus.OPEN, NOW),
        (ActionStatus.IN_PROGRESS, later),
    ]
    assert created_at(item) == NOW
    stored = ws.store.load_session(ws.session_id).actions[0]
    assert [h.status for h in stored.history] == [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]
    ws.undo()
    assert item.status is ActionStatus.OPEN and len(item.history) == 1
    assert len(ws.store.load_session(ws.session_id).actions[0].history) == 1


def test_follow_up_lists_open_items_across_sessions_flagging_what_needs_care(
    ws: Workspace,
) -> None:
    today = date(2026, 12, 20)
    overdue = add_action(
        ws, ActionItem(ActionKind.TEAM, "Overdue", owner="Ana", due=date(2026, 12, 1)), now=NOW
    )
    stalled = add_action(
        ws, ActionItem(ActionKind.TEAM, "Stalled", owner="Eve", due=date(2027, 1, 31)), now=NOW
    )
    fresh = add_action(
        ws, ActionItem(ActionKind.JOINT, "No lead yet", due=date(2027, 1, 31)), now=NOW
    )
    set_status(ws, fresh, ActionStatus.IN_PROGRESS, now=datetime(2026, 12, 18, tzinfo=UTC))
    done = add_action(ws, ActionItem(ActionKind.TEAM, "Done", owner="Ben"), now=NOW)
    set_status(ws, done, ActionStatus.DONE, now=NOW)
    other = Session("Another incident", two_teams("Search", "Billing"))
    other.actions.append(
        ActionItem(ActionKind.PROCESS, "Weekly sync", owner="Kim", due=date(2027, 2, 1))
    )
    other.actions[0].history = [
        StatusChange(ActionStatus.OPEN, today_at := datetime(2026, 12, 19, tzinfo=UTC))
    ]
    ws.store.create_session(other)

    rows = follow_up(ws.store.all_action_items(), today=today)
    assert [r.item.description for r in rows] == [
        "Overdue",
        "Stalled",
        "No lead yet",
        "Weekly sync",
    ]
    by_text = {r.item.description: r for r in rows}
    assert by_text["Overdue"].flags() == ["OVERDUE", "STALLED 30 d"]
    assert by_text["Stalled"].flags() == ["STALLED 30 d"]
    assert by_text["No lead yet"].flags() == ["NO LEAD"]
    assert by_text["Weekly sync"].session_title == "Another incident"
    assert by_text["Weekly sync"].last_change == today_at
    assert stalled.id is not None and overdue.id is not None
    assert not follow_up(ws.store.all_action_items(), today=today, stalled_days=31)[0].stalled
    everything = follow_up(ws.store.all_action_items(), today=today, include_closed=True)
    assert "Done" in [r.item.description for r in everything]


def test_the_closing_poll_takes_answers_per_attendee_and_counts(ws: Workspace) -> None:
    ana, eve = by_name(ws.session, "Ana"), by_name(ws.session, "Eve")
    closing_poll.record_answer(ws, ana, learned=True, again=True)
    closing_poll.record_answer(ws, eve, learned=True, again=False)
    closing_poll.bump(ws, "learned_no")  # a show of hands on the call
    poll = ws.session.poll
    assert (poll.learned_yes, poll.learned_no, poll.again_yes, poll.again_no) == (2, 1, 1, 1)
    closing_poll.record_answer(ws, eve, again=True)  # Eve changes her mind
    assert (ws.session.poll.again_yes, ws.session.poll.again_no) == (2, 0)
    with pytest.raises(ValidationError):
        closing_poll.set_counts(ws, learned_yes=1)  # below the two named answers
    summary = closing_poll.summary(ws.session)
    assert [a.name for a in summary.not_answered] == ["Ben", "Cleo", "Dev", "Finn"]

    stored = ws.store.load_session(ws.session_id)
    assert stored.poll == ws.session.poll
    again = session_json.loads(session_json.dumps(stored))
    assert (again.poll.learned_yes, again.poll.again_yes, len(again.poll.answers)) == (2, 2, 2)
    ws.undo()
    assert (ws.session.poll.again_yes, ws.session.poll.again_no) == (1, 1)
    assert ws.store.load_session(ws.session_id).poll == ws.session.poll


def test_an_undo_group_is_one_step_and_rolls_back_when_it_fails() -> None:
    stack, log = UndoStack(), []
    with stack.group("two things"):
        stack.push(Command("a", lambda: log.append("a"), lambda: log.append("-a")))
        stack.push(Command("b", lambda: log.append("b"), lambda: log.append("-b")))
    assert stack.undo_text() == "two things"
    stack.undo()
    assert log == ["a", "b", "-b", "-a"]
    log.clear()
    with pytest.raises(RuntimeError), stack.group("fails"):
        stack.push(Command("c", lambda: log.append("c"), lambda: log.append("-c")))
        raise RuntimeError
    assert log == ["c", "-c"] and not stack.can_undo()
    assert stack.redo_text() == "two things"  # a failed group records nothing


def test_the_follow_up_default_is_the_same_in_the_command_line() -> None:
    from facilitator_app.follow_up import DEFAULT_STALLED_DAYS
    from facilitator_app.subcommands import actions

    assert actions.DEFAULT_STALLED_DAYS == DEFAULT_STALLED_DAYS
