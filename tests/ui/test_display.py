"""The shared screen's look on keys: scale (Ctrl+= / Ctrl+- / Ctrl+0) shown briefly and saved
with the session, the theme (Ctrl+Shift+T) saved as a setting and followed by the console, and
the optional last-seconds bell (off by default, Ctrl+Shift+B)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator_app.engine import SystemClock
from facilitator_app.engine.cue import cue_second
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.helpers.sessions import rich_session
from tests.ui.live import Live, press
from ui import theme
from ui.app import AppController
from ui.shared.display import Display, apply_console_theme

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore.open(tmp_path / "display.db")
    store.create_session(rich_session())
    yield store
    store.close()
    apply_console_theme(theme.set_theme(theme.DEFAULT_THEME))


def _open(store: SqliteStore, qtbot: QtBot) -> AppController:
    session_id = store.list_sessions()[0].id
    app = AppController(open_workspace(store, store.load_session(session_id), SystemClock()))
    app.shared.resize(1280, 720)
    app.shared.show()
    qtbot.waitExposed(app.shared)
    return app


def _corner(app: AppController) -> str:
    """The colour the room sees in the shared screen's top-left corner."""
    QApplication.processEvents()
    return app.shared.grab().toImage().pixelColor(1, 1).name().upper()


def _close(app: AppController) -> None:
    app.close_session()
    for window in (app.shared, app.console):
        window.hide()
        window.deleteLater()


def test_ctrl_plus_minus_zero_scale_the_shared_screen_and_the_scale_is_kept(store, qtbot) -> None:
    app = _open(store, qtbot)
    title_px = app.shared.title.font().pixelSize()
    press(app.shared, "Ctrl+=")
    assert app.shared.scale() == pytest.approx(1.1)
    assert app.shared.title.font().pixelSize() > title_px
    assert (
        Display.of(app.bridge).toast.isVisible()
        and Display.of(app.bridge).toast.text() == "Scale 110 %"
    )
    press(app.shared, "Ctrl+=")
    _close(app)

    again = _open(store, qtbot)  # the session opens again at the scale it was left
    assert again.shared.scale() == pytest.approx(1.25)
    press(again.console, "Ctrl+-")
    assert again.shared.scale() == pytest.approx(1.1)
    press(again.console, "Ctrl+0")
    assert again.shared.scale() == 1.0 and Display.of(again.bridge).toast.text() == "Scale 100 %"
    _close(again)


def test_the_theme_key_switches_both_windows_and_is_remembered(store, qtbot) -> None:
    app = _open(store, qtbot)
    assert _corner(app) == theme.themes()["projector-light"].background
    press(app.console, "Ctrl+Shift+T")
    dark = theme.themes()["dark"]
    assert theme.current() is dark
    assert _corner(app) == dark.background
    assert app.console.palette().color(QPalette.ColorRole.Window).name().upper() == dark.surface
    assert "3px solid palette(highlight)" in QApplication.instance().styleSheet()  # focus ring
    assert app.console.palette().color(QPalette.ColorRole.Highlight).name().upper() == dark.focus
    assert Display.of(app.bridge).toast.text() == "Theme: Dark"
    _close(app)
    theme.set_theme(theme.DEFAULT_THEME)
    again = _open(store, qtbot)
    assert theme.current().key == "dark"
    _close(again)


def test_the_bell_rings_once_a_second_in_the_last_ten_seconds_only_when_turned_on(
    live: Live, monkeypatch
) -> None:
    rings: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: rings.append(1)))
    engine = live.engine
    engine.toggle_clock()
    budget = engine.status().phase.budget  # type: ignore[union-attr]
    live.run(budget - 12)
    assert cue_second(engine.status()) is None
    live.run(2.5)
    assert cue_second(engine.status()) == 10
    live.run(5)
    assert cue_second(engine.status()) == 5
    live.run(6)
    assert cue_second(engine.status()) is None  # over: the bell stops
    engine.toggle_clock()
    assert cue_second(engine.status()) is None


def test_the_bell_is_off_by_default_and_its_key_turns_it_on_and_off(store, qtbot, monkeypatch):
    rings: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: rings.append(1)))
    seconds = iter([10, 10, 9, None, 10, 9, 9, 8])
    monkeypatch.setattr("ui.shared.display.cue_second", lambda status: next(seconds))
    app = _open(store, qtbot)
    display = Display.of(app.bridge)
    for _ in range(4):
        display.tick()
    assert rings == []  # off by default
    press(app.console, "Ctrl+Shift+B")
    assert display.cue_on and store.get_setting("last-seconds-cue") == "on"
    for _ in range(4):
        display.tick()
    assert len(rings) == 3  # 10, 9, 8: once a second
    press(app.console, "Ctrl+Shift+B")
    assert not display.cue_on
    _close(app)
