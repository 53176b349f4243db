"""The time-box arithmetic a facilitator sees: MM:SS, WRAP UP / OVER labels, adaptive budgets."""

from __future__ import annotations

import pytest

from facilitator_app.engine.timebox import (
    Level,
    PhaseInput,
    PhaseState,
    Thresholds,
    countdown,
    format_m_ss,
    format_mmss,
    plan,
)

DEFAULT = Thresholds()


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00"), (59.9, "00:59"), (60, "01:00"), (5400, "90:00"), (7507, "125:07")],
)
def test_mmss_never_shows_hours(seconds: float, text: str) -> None:
    assert format_mmss(seconds) == text


def test_m_ss_label_has_no_leading_zero() -> None:
    assert format_m_ss(130) == "2:10"


def test_countdown_rounds_up_so_it_reads_zero_only_at_the_end() -> None:
    assert countdown(300, 299.2, DEFAULT).digits == "00:01"
    assert countdown(300, 300, DEFAULT).digits == "00:00"


def test_amber_at_five_minutes_for_a_long_meeting() -> None:
    # 75 min: 10 % is 7.5 min, 5 min comes later, so amber starts at 5:00 left.
    assert countdown(4500, 4500 - 301, DEFAULT).level is Level.NORMAL
    wrap = countdown(4500, 4500 - 300, DEFAULT)
    assert (wrap.level, wrap.label) == (Level.WRAP_UP, "WRAP UP")


def test_amber_at_ten_percent_for_a_short_phase() -> None:
    # 5 min: 5 min left would be at once; 10 % (30 s) comes later.
    assert countdown(300, 10, DEFAULT).level is Level.NORMAL
    assert countdown(300, 269, DEFAULT).level is Level.NORMAL
    assert countdown(300, 270, DEFAULT).level is Level.WRAP_UP


def test_over_counts_up_with_a_label_not_just_colour() -> None:
    over = countdown(300, 430, DEFAULT)
    assert over.level is Level.OVER
    assert over.digits == "+02:10"
    assert over.label == "OVER +2:10"
    assert over.remaining == -130


def test_thresholds_are_configurable() -> None:
    assert countdown(600, 300, Thresholds(amber_minutes=6, amber_fraction=0.6)).level is (
        Level.WRAP_UP
    )


def _phases(*minutes: float) -> list[PhaseInput]:
    return [PhaseInput(m * 60, None, 0, 0) for m in minutes]


def test_before_the_start_budgets_are_the_plan() -> None:
    result = plan(_phases(5, 35, 15, 15, 5), None, 75 * 60, 0)
    assert [p.budget for p in result.phases] == [300, 2100, 900, 900, 300]
    assert all(p.state is PhaseState.UPCOMING for p in result.phases)
    assert result.meeting_left == 75 * 60


def test_a_shorter_timebox_scales_the_plan_down() -> None:
    result = plan(_phases(5, 35, 15, 15, 5), None, 60 * 60, 0)
    assert result.phases[1].budget == pytest.approx(2100 * 0.8)


def test_an_overrun_shrinks_later_phases_in_proportion() -> None:
    phases = _phases(5, 35, 15, 15, 5)
    phases[0] = PhaseInput(300, 1.0, 0, 300)
    # The timeline walk (35 min planned) has run 45 min: 10 min over.
    phases[1] = PhaseInput(2100, 1.0, 0, 2700)
    result = plan(phases, 1, 4500, 3000)
    # 25 min left for 35 planned: each later phase gets 25/35 of its plan.
    scale = 1500 / 2100
    assert [round(p.budget) for p in result.phases[2:]] == [
        round(900 * scale),
        round(900 * scale),
        round(300 * scale),
    ]
    assert result.meeting_left == pytest.approx(1500)
    assert result.phases[0].state is PhaseState.DONE
    assert result.phases[1].state is PhaseState.CURRENT


def test_phases_never_shrink_below_the_floor_so_the_finish_moves() -> None:
    phases = _phases(5, 35, 15, 15, 5)
    phases[0] = PhaseInput(300, 1.0, 0, 300)
    phases[1] = PhaseInput(2100, 1.0, 0, 3900)  # 30 min over: only 5 min left for 35 planned
    result = plan(phases, 1, 4500, 4200, min_scale=0.5)
    assert result.upcoming_scale == 0.5
    assert result.meeting_left == pytest.approx(0.5 * 2100)  # past the time-box by 12.5 min


def test_time_left_in_the_current_phase_is_kept_for_it() -> None:
    phases = _phases(10, 10)
    phases[0] = PhaseInput(600, 1.0, 0, 120)
    result = plan(phases, 0, 1200, 120)
    assert result.phases[0].remaining == 480
    assert result.phases[1].budget == 600
    assert result.meeting_left == 1080
