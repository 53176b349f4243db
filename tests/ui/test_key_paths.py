"""Every key that changes the meeting, pressed through the real dispatcher on the real shell,
leaves the core's invariants intact: one divergence point, totals that are the sum of the stored
intervals, and an undo that restores exactly what was there before the key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator_app import session_json
from facilitator_app.demo import load_demo_session
from facilitator_app.engine import ClockState
from facilitator_app.model import Tag
from facilitator_app.speaking_totals import speaking_totals
from tests.helpers.meeting import Meeting, open_meeting, run
from tests.ui.live import press
from ui.app import AppController
from ui.hotkeys.table import HOTKEYS, combination, has_modifier

pytestmark = pytest.mark.gui

# Keys that open a dialog, another session or move windows: not the meeting's state.
WINDOW_ACTIONS = {
    "screen.full",
    "screen.next_monitor",
    "screen.swap",
    "screen.show",
    "screen.one_monitor",
    "screen.guide",
    "export",
    "session.new",
    "session.open",
    "quit",
    "help.cheatsheet",
    "settings",
    "edit.undo",
    "edit.redo",
    "room.toggle",  # asks where the room's server listens (tests/ui/test_room_ui.py)
}
MEETING_KEYS = [h for h in HOTKEYS if h.keys and h.action not in WINDOW_ACTIONS]


@pytest.fixture
def demo(tmp_path: Path, qtbot) -> Iterator[tuple[Meeting, AppController]]:
    meeting = open_meeting(tmp_path, load_demo_session())
    app = AppController(meeting.workspace)
    for window in (app.console, app.shared):
        qtbot.addWidget(window)
    app.console.show()
    app.shared.show()
    yield meeting, app
    app.close_session()
    meeting.store.close()


def divergence_points(meeting: Meeting) -> list[int | None]:
    events = meeting.workspace.session.events
    return [e.id for e in events if Tag.DIVERGENCE.value in e.tags]


def state(meeting: Meeting) -> dict[str, Any]:
    """Everything a key may change: the session as exported, and the engine's live state."""
    e = meeting.engine
    return {
        "session": session_json.session_to_dict(meeting.workspace.session, now=e.clock.wall()),
        "clock": (e.state, e.holder, e.phase_index()),
        "current_event": meeting.workspace.current_event_id,
        "screen": meeting.workspace.screen_mode,
    }


def check_invariants(meeting: Meeting) -> None:
    assert len(divergence_points(meeting)) <= 1
    status = meeting.engine.status()
    assert status.totals.total == pytest.approx(status.elapsed, abs=1e-6)
    if meeting.engine.state is not ClockState.RUNNING:
        stored = meeting.store.load_session(meeting.session_id).speaking
        from_file = speaking_totals(stored)
        shown = meeting.engine.totals()
        for bucket in ("team_a", "team_b", "facilitator", "crosstalk", "nobody"):
            assert getattr(shown, bucket) == pytest.approx(getattr(from_file, bucket)), bucket


def test_d_pagedown_d_leaves_one_divergence_point(demo) -> None:
    meeting, app = demo
    assert len(divergence_points(meeting)) == 1  # the demo's own
    press(app.shared, "D")
    first = meeting.workspace.current_event_id
    assert divergence_points(meeting) == [first]
    press(app.shared, "PgDown")
    second = meeting.workspace.current_event_id
    assert second != first
    press(app.console, "D")
    assert divergence_points(meeting) == [second]
    press(app.console, "Ctrl+Z")
    assert divergence_points(meeting) == [first]


def test_the_event_details_checkbox_keeps_one_divergence_point(demo) -> None:
    meeting, app = demo
    page = app.console.show_page("Timeline")
    assert page is not None
    from ui.timeline.detail import EventDetailPanel

    panel = page.findChild(EventDetailPanel)
    assert panel is not None
    press(app.console, "PgDown")
    box = panel.tag_boxes[Tag.DIVERGENCE.value]
    box.click()
    assert divergence_points(meeting) == [meeting.workspace.current_event_id]
    panel.free_tags.setText("divergence point")
    press(app.console, "PgDown")
    panel.refresh()
    panel.free_tags.setText("divergence point")
    panel.commit_free_tags()
    assert divergence_points(meeting) == [meeting.workspace.current_event_id]


@pytest.mark.parametrize("hotkey", MEETING_KEYS, ids=lambda h: h.action)
def test_every_meeting_key_keeps_the_invariants_and_undoes_exactly(demo, hotkey) -> None:
    meeting, app = demo
    press(app.console, "Space")  # the clock runs
    press(app.console, "1")
    run(meeting, 40)
    key = hotkey.keys[0]
    stack = meeting.workspace.undo_stack
    before, steps = state(meeting), stack.steps
    press(app.console, key)
    combined = combination(key)
    assert combined is not None
    if hotkey.action.startswith("phase.") and not has_modifier(combined):
        press(app.console, key)  # a plain phase key asks for a second press
    check_invariants(meeting)
    after = state(meeting)
    if stack.steps > steps:  # the key made an undo step: undo puts back exactly that
        press(app.console, "Ctrl+Z")
        assert state(meeting) == before
        check_invariants(meeting)
        press(app.console, "Ctrl+Shift+Z")
        assert state(meeting) == after
    check_invariants(meeting)


def test_a_run_of_every_meeting_key_keeps_the_invariants(demo) -> None:
    meeting, app = demo
    for round_ in range(3):
        for hotkey in MEETING_KEYS:
            for window in (app.console, app.shared):
                press(window, hotkey.keys[-1])
                run(meeting, 1.5 + round_)
                check_invariants(meeting)
