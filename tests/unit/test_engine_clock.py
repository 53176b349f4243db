"""The meeting clock and phases as the facilitator drives them (manual clock, real store)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from facilitator_app.engine import ClockState, HintKind, Level, MeetingSettings
from facilitator_app.engine.timebox import PhaseState
from facilitator_app.model import Lane, SessionState
from tests.helpers.meeting import new_session, open_meeting, run


def test_clock_starts_pauses_and_resumes(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    assert e.status().clock is ClockState.IDLE
    assert e.toggle_clock()
    run(m, 10)
    assert e.toggle_clock()  # pause
    m.clock.advance(60)
    assert e.elapsed() == pytest.approx(10)
    assert e.status().meeting.digits == "74:50"
    assert e.toggle_clock()  # resume
    run(m, 5)
    status = e.status()
    assert status.clock is ClockState.RUNNING
    assert status.elapsed == pytest.approx(15)
    assert m.workspace.session.state is SessionState.LIVE


def test_first_phase_starts_with_the_clock(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    m.engine.start()
    run(m, 30)
    status = m.engine.status()
    assert status.phase_index == 0
    assert status.current_phase is not None and status.current_phase.key == "framing"
    assert status.phase is not None and status.phase.digits == "04:30"
    assert m.workspace.session.phases[0].started_at == m.clock.wall() - timedelta(seconds=30)


def test_long_meetings_show_minutes_past_sixty(tmp_path: Path) -> None:
    m = open_meeting(tmp_path, new_session(timebox=120))
    m.engine.start()
    assert m.engine.status().meeting.digits == "120:00"


def test_phase_change_by_a_plain_key_needs_a_second_press(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    assert not e.request_phase_change(+1, confirmed=False)
    hint = e.status().hint(HintKind.CONFIRM_PHASE)
    assert hint is not None and "Timeline walk" in hint.text
    assert e.status().phase_index == 0
    m.clock.advance(1)
    assert e.request_phase_change(+1, confirmed=False)
    assert e.status().phase_index == 1


def test_a_second_press_too_late_only_arms_again(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    e.request_phase_change(+1, confirmed=False)
    m.clock.advance(e.settings.confirm_seconds + 0.5)
    assert not e.request_phase_change(+1, confirmed=False)
    assert e.status().phase_index == 0


def test_phases_move_on_and_back_and_keep_their_actuals(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    run(m, 200)
    e.next_phase()
    run(m, 100)
    e.previous_phase()
    run(m, 20)
    views = e.status().phases
    assert views[0].spent == pytest.approx(220)
    assert views[1].spent == pytest.approx(100)
    assert views[0].state is PhaseState.CURRENT
    assert not e.previous_phase()  # nothing before the first phase


def test_phase_change_needs_a_running_or_paused_clock(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    assert not m.engine.next_phase()


def test_an_overrun_shrinks_later_phases_and_shows_over(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    run(m, 5 * 60 + 130, step=5)  # framing: 5 min planned, 2:10 over
    status = e.status()
    assert status.phase is not None
    assert status.phase.level is Level.OVER
    assert status.phase.label == "OVER +2:10"
    later = [p.budget for p in status.phases[1:]]
    assert sum(later) == pytest.approx(70 * 60 - 130)  # the rest shrank by the overrun
    assert later[0] / later[3] == pytest.approx(35 / 5)  # ... in proportion to the plan
    # On time overall: the finish is still the end of the time-box.
    assert status.projected_over == pytest.approx(0)


def test_projected_finish_moves_once_later_phases_cannot_shrink(tmp_path: Path) -> None:
    m = open_meeting(tmp_path, settings=MeetingSettings(min_scale=0.9))
    e = m.engine
    e.start()
    run(m, 15 * 60, step=30)  # framing 10 min over; later phases may give up only 7 min
    status = e.status()
    assert status.projected_over == pytest.approx(10 * 60 - 0.1 * 70 * 60)
    assert status.projected_finish == m.clock.wall() + timedelta(seconds=0.9 * 70 * 60)


def test_projected_finish_moves_with_a_pause(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    e.pause()
    before = e.status().projected_finish
    m.clock.advance(120)
    assert e.status().projected_finish == before + timedelta(seconds=120)


def test_nudges_change_the_current_phase_and_the_rest_adapts(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    assert e.nudge(+1)
    status = e.status()
    assert status.phases[0].budget == 360
    assert sum(p.budget for p in status.phases[1:]) == pytest.approx(70 * 60 - 60)
    assert e.nudge(-1) and e.nudge(-1)
    assert e.status().phases[0].budget == 240
    m.workspace.undo()
    assert e.status().phases[0].budget == 300


def test_nudge_cannot_make_a_budget_negative(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    for _ in range(7):
        e.nudge(-1)
    assert e.status().phases[0].budget == 0
    assert not e.nudge(-1)


def test_end_meeting_closes_everything(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    e.toggle_team(Lane.A)
    run(m, 10)
    assert e.end_meeting()
    m.clock.advance(100)
    status = e.status()
    assert status.clock is ClockState.ENDED
    assert status.elapsed == pytest.approx(10)
    assert all(p.state is PhaseState.DONE for p in status.phases)
    assert m.workspace.session.state is SessionState.ENDED
    assert not e.toggle_clock() and not e.toggle_team(Lane.B)


def test_clock_not_started_hint_after_a_floor_key(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    assert e.status().hint(HintKind.CLOCK_NOT_STARTED) is None
    e.toggle_team(Lane.A)
    assert e.status().hint(HintKind.CLOCK_NOT_STARTED) is not None
    m.clock.advance(5)
    assert e.totals().team_a == 0  # no time counts before the clock runs
    e.start()
    assert e.status().hint(HintKind.CLOCK_NOT_STARTED) is None
    run(m, 3)
    assert e.totals().team_a == pytest.approx(3)  # the remembered holder has the floor


def test_nobody_has_the_floor_hint(tmp_path: Path) -> None:
    m = open_meeting(tmp_path, settings=MeetingSettings(nobody_hint_seconds=20))
    e = m.engine
    e.start()
    run(m, 19.5)
    assert e.status().hint(HintKind.NOBODY_HAS_FLOOR) is None
    run(m, 1)
    hint = e.status().hint(HintKind.NOBODY_HAS_FLOOR)
    assert hint is not None and "0:20" in hint.text
    e.toggle_team(Lane.B)
    assert e.status().hint(HintKind.NOBODY_HAS_FLOOR) is None
