"""The meeting widgets: what they say, how big the digits are, and when they repaint."""

from __future__ import annotations

from datetime import UTC

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator_app.engine import CROSSTALK, FACILITATOR, MeetingSettings
from facilitator_app.model import Lane
from tests.ui.live import Live
from ui.meeting.timers import REPAINT_RUNNING_MS, REPAINT_STOPPED_MS, MeetingTimers
from ui.widgets.balance_bar import BalanceBar, balance_layout
from ui.widgets.countdown import CountdownWidget
from ui.widgets.meeting_text import balance_text, clock_text, phase_cells
from ui.widgets.phase_strip import PhaseStrip, cell_rects
from ui.widgets.speaker_totals import SpeakerTotals, totals_rows

pytestmark = pytest.mark.gui


def screen_with(
    live: Live, qtbot, width: int, height: int
) -> tuple[
    QWidget,
    CountdownWidget,
    BalanceBar,
]:
    window = QWidget()
    qtbot.addWidget(window)
    countdown = CountdownWidget(live.bridge, window)
    balance = BalanceBar(live.bridge, window)
    layout = QVBoxLayout(window)
    layout.addWidget(countdown)
    layout.addWidget(balance)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window, countdown, balance


def test_countdown_digits_are_a_tenth_of_the_screen_at_720p(live: Live, qtbot) -> None:
    window, countdown, _ = screen_with(live, qtbot, 1280, 720)
    assert countdown.digits_rect().height() >= 0.10 * window.height()
    window.resize(1920, 1080)
    assert countdown.digits_rect().height() >= 0.10 * 1080


def test_countdown_words_follow_the_phase(live: Live) -> None:
    e = live.engine
    text = clock_text(e.status(), UTC)
    assert (text.digits, text.badge) == ("05:00", "NOT STARTED")
    assert text.detail == "Meeting 75:00 left · finish 10:15"
    e.start()
    live.run(240)
    text = clock_text(e.status(), UTC)
    assert (text.digits, text.badge, text.running) == ("01:00", "", True)
    live.run(31)
    assert clock_text(e.status(), UTC).badge == "WRAP UP"
    live.run(60)
    text = clock_text(e.status(), UTC)
    assert (text.digits, text.badge) == ("+00:31", "OVER +0:31")
    e.pause()
    assert clock_text(e.status(), UTC).badge == "PAUSED · OVER +0:31"


def test_projected_finish_shows_how_late(tmp_path, qapp) -> None:
    from tests.helpers.meeting import open_meeting, run

    m = open_meeting(tmp_path, settings=MeetingSettings(min_scale=1.0))
    m.engine.start()
    run(m, 15 * 60, step=30)  # 10 min over in framing; nothing else may shrink
    assert clock_text(m.engine.status(), UTC).detail.endswith("finish 10:25 (+10 min)")


def test_balance_names_the_teams_and_who_speaks(live: Live) -> None:
    e = live.engine
    session = live.meeting.workspace.session
    text = balance_text(e.status(), session, "nobody")
    assert (text.a.name, text.a.percent, text.b.percent) == ("Payments", "—", "—")
    e.start()
    e.toggle_team(Lane.A)
    live.run(30)
    e.toggle_team(Lane.B)
    live.run(10)
    text = balance_text(e.status(), session, "Edge")
    assert (text.a.percent, text.b.percent) == ("75 %", "25 %")
    assert (text.a.speaking, text.b.speaking) == (False, True)
    e.set_floor(FACILITATOR)
    assert balance_text(e.status(), session, "").other_holder == "Facilitator speaking"
    e.set_floor(CROSSTALK)
    assert balance_text(e.status(), session, "").other_holder == "Crosstalk"


def test_balance_layout_splits_at_the_share_and_marks_fair() -> None:
    geo = balance_layout(1000, 40, 60, 0.75, 2 / 3)
    assert geo.a.width() == 750 and geo.b.left() == 750 and geo.b.width() == 250
    assert geo.fair_x == pytest.approx(666.67, abs=0.01)
    assert geo.bar.top() == 40


def test_widgets_repaint_only_when_what_they_show_changes(live: Live, qtbot) -> None:
    window, _, balance = screen_with(live, qtbot, 1280, 720)
    qtbot.waitUntil(lambda: balance.paints > 0)
    live.engine.start()
    qtbot.wait(1)
    before = balance.paints
    for _ in range(10):
        balance.refresh()  # timer frames with nothing new to show
    qtbot.wait(1)
    assert balance.paints == before
    live.engine.toggle_team(Lane.A)
    qtbot.waitUntil(lambda: balance.paints > before)
    assert window.isVisible()


def test_timers_run_only_as_needed(live: Live) -> None:
    timers = MeetingTimers.of(live.bridge)
    assert not timers.checkpoint.isActive()
    assert timers.repaint.interval() == REPAINT_STOPPED_MS
    live.engine.start()
    assert timers.checkpoint.isActive()
    assert timers.repaint.interval() == REPAINT_RUNNING_MS
    live.engine.pause()
    assert not timers.checkpoint.isActive()
    live.engine.resume()
    live.engine.end_meeting()
    assert not timers.repaint.isActive() and not timers.checkpoint.isActive()


def test_the_checkpoint_timer_writes_the_running_interval(live: Live, qtbot) -> None:
    timers = MeetingTimers.of(live.bridge)
    live.engine.start()
    live.engine.toggle_team(Lane.A)
    live.meeting.clock.advance(2.5)
    timers.checkpoint.timeout.emit()
    row = live.meeting.store.conn.execute(
        "SELECT seconds FROM speaking_interval WHERE holder = 'team'"
    ).fetchone()
    assert row[0] == pytest.approx(2.5)


def test_phase_strip_cells(live: Live) -> None:
    e = live.engine
    e.start()
    live.run(400)
    cells = phase_cells(e.status())
    assert [c.title for c in cells][:2] == ["Framing", "Timeline walk"]
    assert (cells[0].spent, cells[0].budget, cells[0].over) == ("6:40", "5:00", True)
    assert cells[1].spent == ""
    assert all(c.weight >= 0.1 for c in cells)
    rects = cell_rects(1000, 50, cells)
    assert rects[-1].right() == pytest.approx(1000)


def test_phase_strip_paints(live: Live, qtbot) -> None:
    strip = PhaseStrip(live.bridge)
    qtbot.addWidget(strip)
    strip.resize(900, 60)
    assert not strip.grab().isNull()


def test_per_person_totals(live: Live, qtbot) -> None:
    e = live.engine
    session = live.meeting.workspace.session
    ana = session.attendees[0]
    e.start()
    e.give_floor_to(ana)
    live.run(20)
    e.toggle_team(Lane.A)
    live.run(10)
    rows = totals_rows(session, e.totals())
    labels = [(r.label.strip(), round(r.seconds, 3)) for r in rows]
    assert labels[:4] == [
        ("Payments", 30),
        ("Ana", 20),
        ("Ben", 0),
        ("(the team, no one named)", 10),
    ]
    table = SpeakerTotals(live.bridge)
    qtbot.addWidget(table)
    table.show()
    table.refresh()
    caro_row = next(i for i, r in enumerate(table.rows()) if r.label.strip() == "Caro")
    table.cellDoubleClicked.emit(caro_row, 0)
    assert e.holder.attendee_id == session.attendees[2].id
