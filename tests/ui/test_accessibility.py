"""Keyboard and screen-reader access to the console: every control has an accessible name, Tab
follows reading order on every page, and the countdown says WRAP UP and OVER in words to
assistive technology (an alert when the level changes), not only in colour."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from facilitator_app.demo import load_demo_session
from facilitator_app.engine import SystemClock
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.ui.accessibility import interactive, unnamed
from tests.ui.live import Live
from tests.ui.tab_order import out_of_order, tab_chain
from ui.app import AppController
from ui.widgets.countdown import CountdownWidget

pytestmark = pytest.mark.gui


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path) -> Iterator[AppController]:
    store = SqliteStore.open(tmp_path / "a11y.db")
    session = load_demo_session()
    store.create_session(session)
    controller = AppController(open_workspace(store, session, SystemClock()))
    controller.console.resize(1280, 800)
    controller.console.show()
    qtbot.waitExposed(controller.console)
    yield controller
    controller.close_session()
    for window in (controller.shared, controller.console):
        window.hide()
        window.deleteLater()
    store.close()


def _pages(app: AppController, qtbot: QtBot) -> Iterator[tuple[str, object]]:
    tabs = app.console.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(1)
        yield tabs.tabText(index).replace("&", ""), tabs.currentWidget()


def test_every_console_control_has_an_accessible_name(app, qtbot) -> None:
    problems = []
    seen = 0
    for title, _page in _pages(app, qtbot):
        seen += len(list(interactive(app.console, focusable=False)))
        problems += [f"{title}: {p}" for p in unnamed(app.console)]
    assert seen > 100  # the walk really saw the pages' controls
    assert problems == []


def test_tab_follows_reading_order_on_every_page(app, qtbot) -> None:
    problems = []
    for title, page in _pages(app, qtbot):
        problems += [f"{title}: {p}" for p in out_of_order(page)]  # type: ignore[arg-type]
    assert problems == []


def test_the_roster_table_is_read_row_by_row_before_its_remove_button(app, qtbot) -> None:
    page = app.console.show_page("Setup")
    chain = tab_chain(page)  # type: ignore[arg-type]
    names = [w.accessibleName() for w in chain]
    first = names.index("Dana Okafor: team")
    assert names[first : first + 4] == [
        "Dana Okafor: team",
        "Dana Okafor: role",
        "Dana Okafor: present",
        "Dana Okafor: remote",
    ]
    assert chain[-1].text() == "&Remove selected"  # type: ignore[attr-defined]


def test_the_countdown_announces_wrap_up_and_over_in_words(live: Live, qtbot, monkeypatch) -> None:
    alerts: list[str] = []

    def record(event: object) -> None:
        if event.type() is QAccessible.Event.Alert:  # type: ignore[attr-defined]
            alerts.append(event.object().accessibleName())  # type: ignore[attr-defined]

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    countdown = CountdownWidget(live.bridge)
    qtbot.addWidget(countdown)
    countdown.refresh()
    assert countdown.accessibleName() == "Phase clock: NOT STARTED"
    live.engine.start()
    live.run(240)
    countdown.timers.next_frame()
    assert countdown.accessibleName() == "Phase clock: running"
    assert "01:00 left in this phase" in countdown.accessibleDescription()
    live.run(31)
    countdown.timers.next_frame()
    assert countdown.accessibleName() == "Phase clock: WRAP UP"
    live.run(60)
    countdown.timers.next_frame()
    assert countdown.accessibleName().startswith("Phase clock: OVER +0:")
    assert alerts[0] == "Phase clock: WRAP UP" and alerts[1].startswith("Phase clock: OVER")
    assert len(alerts) == 2  # an alert when the level changes, not every second
