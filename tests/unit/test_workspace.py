"""The workspace: every edit is on disk when the call returns, undoable exactly, and announced."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from facilitator_app.errors import StorageError, UserError, ValidationError
from facilitator_app.model import (
    ActionItem,
    ActionStatus,
    Attendee,
    ContributingFactor,
    FactorOwner,
    HolderKind,
    Lane,
    Note,
    ParkedIdea,
    ParkedOutcome,
    Role,
    Session,
    SessionState,
    SpeakingInterval,
    TimelineEvent,
    two_teams,
)
from facilitator_app.workspace import Part, ScreenMode, Workspace
from storage import SqliteStore
from tests.helpers.sessions import at, rich_session, snapshot


class Recorder:
    """Collects what each notification said changed."""

    def __init__(self) -> None:
        self.calls: list[frozenset[Part]] = []

    def __call__(self, parts: frozenset[Part]) -> None:
        self.calls.append(parts)

    def take(self) -> list[set[Part]]:
        calls, self.calls = self.calls, []
        return [set(c) for c in calls]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ws.db"


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    store = SqliteStore.open(db_path)
    session_id = store.create_session(rich_session())
    ws = Workspace(store, store.load_session(session_id))
    yield ws
    store.close()


@pytest.fixture
def heard(workspace: Workspace) -> Recorder:
    recorder = Recorder()
    workspace.subscribe(recorder)
    return recorder


def on_disk(ws: Workspace) -> dict[str, Any]:
    """What a restart would show: read through a second connection (no lock, no cache)."""
    reader = SqliteStore.open(ws.store.path, lock=False)  # type: ignore[attr-defined]
    try:
        return snapshot(reader.load_session(ws.session_id))
    finally:
        reader.close()


def assert_saved(ws: Workspace) -> None:
    assert on_disk(ws) == snapshot(ws.session)


def check_undo_redo(ws: Workspace, before: dict[str, Any]) -> None:
    """After an edit: undo restores `before` exactly (memory and disk), redo the edit again."""
    after = snapshot(ws.session)
    assert after != before
    assert on_disk(ws) == after
    assert ws.undo() is not None
    assert snapshot(ws.session) == before and on_disk(ws) == before
    assert ws.redo() is not None
    assert snapshot(ws.session) == after and on_disk(ws) == after


# ---- session fields and teams -------------------------------------------------------------


def test_session_fields_persist_at_once_and_undo_exactly(
    workspace: Workspace, heard: Recorder
) -> None:
    before = snapshot(workspace.session)
    workspace.set_session_fields(
        "Edit session",
        title="  Renamed outage ",
        timebox_minutes=60,
        state=SessionState.ENDED,
        incident_end=None,
    )
    assert workspace.session.title == "Renamed outage"  # normalised like the model does
    assert heard.take() == [{Part.SESSION}]
    check_undo_redo(workspace, before)
    assert heard.take() == [{Part.SESSION}, {Part.SESSION}]
    assert workspace.undo_stack.undo_text() == "Edit session"


def test_a_time_keeps_its_offset_through_edit_and_undo(workspace: Workspace) -> None:
    start = workspace.session.incident_start
    assert start is not None
    later = start + timedelta(minutes=3)
    workspace.set_session_fields(incident_start=later)
    assert on_disk(workspace)["incident_start"] == later.isoformat()
    workspace.undo()
    assert on_disk(workspace)["incident_start"] == "2026-11-10T19:25:00+05:30"


def test_team_name_and_colour_persist_and_undo(workspace: Workspace, heard: Recorder) -> None:
    before = snapshot(workspace.session)
    workspace.set_team(Lane.B, name="Edge & CDN", colour="#009E73")
    assert heard.take() == [{Part.TEAMS}]
    assert workspace.session.team(Lane.B).name == "Edge & CDN"
    check_undo_redo(workspace, before)
    assert workspace.session.teams[0].name == "Payments"


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda ws: ws.set_session_fields(timebox_minutes=2), "timebox"),
        (lambda ws: ws.set_session_fields(title="   "), "title"),
        (lambda ws: ws.set_session_fields(state="paused"), "state"),
        (lambda ws: ws.set_session_fields(incident_end=at(1, 0)), "incident_end"),
        (lambda ws: ws.set_session_fields(scheduled_start=at(1, 0).replace(tzinfo=None)), None),
        (lambda ws: ws.set_team(Lane.B, name="PAYMENTS"), "team.name"),
        (lambda ws: ws.set_team(Lane.A, colour="blue"), "team.colour"),
        (lambda ws: ws.update(ws.session.attendees[1], role="boss"), "attendee.role"),
        (lambda ws: ws.update(ws.session.events[0], occurred_at=at(1).replace(tzinfo=None)), None),
        (lambda ws: ws.update(ws.session.actions[0], status="closed"), "status"),
        (lambda ws: ws.update(ws.session.factors[0], votes=-1), "factor.votes"),
    ],
)
def test_invalid_values_are_refused_and_change_nothing(
    workspace: Workspace, heard: Recorder, edit: Any, field: str | None
) -> None:
    before = snapshot(workspace.session)
    with pytest.raises(ValidationError) as info:
        edit(workspace)
    if field is not None:
        assert info.value.field == field
    assert snapshot(workspace.session) == before
    assert on_disk(workspace) == before
    assert not workspace.undo_stack.can_undo()
    assert heard.take() == []


def test_unknown_session_fields_are_a_bug_not_a_user_error(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="not session fields"):
        workspace.set_session_fields(colour="red")


def test_edits_that_change_nothing_record_nothing(workspace: Workspace, heard: Recorder) -> None:
    workspace.set_session_fields(title=workspace.session.title)
    workspace.set_team(Lane.A, name="Payments")
    workspace.update(workspace.session.attendees[0], name="Dana Ortiz")
    assert not workspace.undo_stack.can_undo()
    assert heard.take() == []


# ---- entities -----------------------------------------------------------------------------


def new_entities(ws: Workspace) -> list[tuple[Any, Part]]:
    s = ws.session
    return [
        (Attendee("Late Joiner", Role.ON_CALL, Lane.A, remote=True), Part.ROSTER),
        (TimelineEvent(at(14, 3), Lane.B, "edge", "Cache purge", seq=7), Part.TIMELINE),
        (SpeakingInterval(HolderKind.TEAM, at(14, 20), lane=Lane.B), Part.SPEAKING),
        (ContributingFactor("No canary", FactorOwner.B, 1, [s.events[0].id]), Part.FACTORS),  # type: ignore[list-item]
        (ActionItem("process", "Shared on-call channel by 2026-12-01"), Part.ACTIONS),  # type: ignore[arg-type]
        (Note("Ask about freeze", "factors", s.events[1].id), Part.NOTES),
        (ParkedIdea("Chaos drill", s.events[2].id), Part.PARKED),
    ]


def test_adding_each_kind_of_entity_persists_and_undoes(
    workspace: Workspace, heard: Recorder
) -> None:
    for entity, part in new_entities(workspace):
        before = snapshot(workspace.session)
        workspace.add(entity)
        assert entity.id is not None
        assert heard.take() == [{part}]
        check_undo_redo(workspace, before)
        assert heard.take() == [{part}, {part}]


def test_removing_each_kind_of_entity_persists_and_undoes_in_place(
    workspace: Workspace, heard: Recorder
) -> None:
    s = workspace.session
    for entity, part in [
        (s.attendees[2], Part.ROSTER),
        (s.phases[3], Part.PHASES),
        (s.speaking[0], Part.SPEAKING),
        (s.factors[1], Part.FACTORS),
        (s.actions[3], Part.ACTIONS),
        (s.notes[0], Part.NOTES),
        (s.parked[2], Part.PARKED),
    ]:
        before = snapshot(workspace.session)
        workspace.remove(entity)
        assert heard.take() == [{part}]
        check_undo_redo(workspace, before)
        workspace.undo()
        assert snapshot(workspace.session) == before  # back in its old place, same id
        heard.take()


def test_updating_each_kind_of_entity_persists_and_undoes(workspace: Workspace) -> None:
    s = workspace.session
    edits: list[tuple[Any, dict[str, Any]]] = [
        (s.attendees[1], {"name": "Kai L.", "lane": Lane.B, "present": False}),
        (s.phases[1], {"planned_minutes": 30.0, "ended_at": at(15, 40)}),
        (s.events[1], {"description": "Paged again", "tags": ["pager"], "lane": Lane.B}),
        (s.speaking[-1], {"ended_at": at(14, 11), "seconds": 60.0}),
        (s.factors[2], {"votes": 8, "owner": FactorOwner.A}),
        (s.actions[1], {"status": ActionStatus.DONE, "due": date(2027, 1, 5), "lead": "Li"}),
        (s.notes[1], {"text": "Freeze calendar is in Confluence"}),
        (s.parked[0], {"outcome": ParkedOutcome.ACTION, "action_id": s.actions[0].id}),
    ]
    for entity, values in edits:
        before = snapshot(workspace.session)
        workspace.update(entity, **values)
        for name, value in values.items():
            assert getattr(entity, name) == value
        check_undo_redo(workspace, before)


def test_removing_an_event_and_undoing_keeps_what_pointed_at_it(workspace: Workspace) -> None:
    # The database clears a note's or parked idea's link when its event goes; undo must bring
    # the links back on disk as well as on screen.
    s = workspace.session
    target = next(e for e in s.events if e.actor == "edge on-call")
    linked = [n for n in s.notes if n.event_id == target.id]
    linked += [p for p in s.parked if p.event_id == target.id]
    assert len(linked) == 2
    before = snapshot(s)
    workspace.remove(target)
    assert on_disk(workspace) == snapshot(s)  # memory and disk agree while it is gone
    check_undo_redo(workspace, before)
    workspace.undo()
    assert all(item.event_id == target.id for item in linked)


def test_removing_an_attendee_or_action_and_undoing_keeps_references(workspace: Workspace) -> None:
    s = workspace.session
    for entity in (s.attendees[4], s.actions[1]):  # Li Wei spoke; the joint item was parked
        before = snapshot(s)
        workspace.remove(entity)
        assert on_disk(workspace) == snapshot(s)
        check_undo_redo(workspace, before)
        workspace.undo()
        assert on_disk(workspace) == before


def test_removing_the_current_event_clears_it(workspace: Workspace, heard: Recorder) -> None:
    first = workspace.session.sorted_events()[0]
    assert workspace.current_event_id == first.id
    workspace.remove(first)
    assert workspace.current_event_id is None
    # the note and the parked idea that pointed at it lost their link too
    assert heard.take() == [{Part.TIMELINE, Part.CURRENT_EVENT, Part.NOTES, Part.PARKED}]


def test_view_state_is_announced_but_not_undoable(workspace: Workspace, heard: Recorder) -> None:
    second = workspace.session.sorted_events()[1]
    workspace.set_current_event(second.id)
    workspace.set_current_event(second.id)
    workspace.set_screen_mode(ScreenMode.BLANK)
    workspace.set_screen_mode(ScreenMode.BLANK)
    assert heard.take() == [{Part.CURRENT_EVENT}, {Part.SCREEN}]
    assert workspace.screen_mode is ScreenMode.BLANK
    assert not workspace.undo_stack.can_undo()


def test_undo_and_redo_walk_a_sequence_of_edits(workspace: Workspace) -> None:
    states = [snapshot(workspace.session)]
    workspace.set_session_fields(title="One")
    states.append(snapshot(workspace.session))
    workspace.add(Attendee("Two", Role.OTHER))
    states.append(snapshot(workspace.session))
    workspace.set_team(Lane.A, name="Three")
    states.append(snapshot(workspace.session))
    for expected in reversed(states[:-1]):
        workspace.undo()
        assert on_disk(workspace) == expected
    assert workspace.undo() is None
    for expected in states[1:]:
        workspace.redo()
        assert on_disk(workspace) == expected
    assert workspace.redo() is None
    workspace.undo()
    workspace.set_session_fields(severity="SEV3")  # a new edit drops the redo branch
    assert not workspace.undo_stack.can_redo()


def test_undo_texts_name_the_edit(workspace: Workspace) -> None:
    attendee = Attendee("Robin", Role.OTHER)
    workspace.add(attendee, "Add Robin")
    assert workspace.undo_stack.undo_text() == "Add Robin"
    workspace.update(attendee, role=Role.LEAD)
    assert workspace.undo_stack.undo_text() == "Edit attendee"
    assert workspace.undo() == "Edit attendee"
    assert workspace.undo_stack.redo_text() == "Edit attendee"


def test_a_session_must_be_stored_before_it_is_opened(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="stored"):
        Workspace(workspace.store, Session("Unsaved", two_teams("A", "B")))


# ---- a failing disk -----------------------------------------------------------------------


class FailingStore:
    """Wraps a store; every write raises StorageError (disk full) once `failing` is set."""

    def __init__(self, inner: SqliteStore) -> None:
        self.inner = inner
        self.failing = False

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.inner, name)
        writes = {"save", "delete", "save_session_fields", "save_team", "save_poll"}
        if name in writes and self.failing:

            def refuse(*args: object, **kwargs: object) -> None:
                raise StorageError("could not write: database or disk is full")

            return refuse
        return attribute


def test_a_write_that_fails_changes_nothing_on_screen(workspace: Workspace) -> None:
    failing = FailingStore(workspace.store)  # type: ignore[arg-type]
    workspace.store = failing  # type: ignore[assignment]
    failing.failing = True
    heard = Recorder()
    workspace.subscribe(heard)
    s = workspace.session
    before = snapshot(s)
    for edit in [
        lambda: workspace.set_session_fields(title="Lost"),
        lambda: workspace.set_team(Lane.A, name="Lost"),
        lambda: workspace.add(Attendee("Lost", Role.OTHER)),
        lambda: workspace.remove(s.attendees[0]),
        lambda: workspace.update(s.events[0], description="Lost"),
        lambda: workspace.update(s.actions[0], status=ActionStatus.DONE),
    ]:
        with pytest.raises(UserError, match="disk is full"):
            edit()
        assert snapshot(s) == before
    assert not workspace.undo_stack.can_undo()
    assert heard.take() == []
    failing.failing = False
    assert on_disk(workspace) == before
