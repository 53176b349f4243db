"""What start-up leaves until both windows have painted still happens, once, right after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator_app.cli import _add_demo_history, _demo_database
from facilitator_app.engine import SystemClock
from facilitator_app.session_choice import choose_session
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.ui.live import press
from ui.app import AppController

pytestmark = pytest.mark.gui


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[SqliteStore]:
    store = SqliteStore.open(_demo_database(tmp_path, history=False))
    yield store
    store.close()


def test_the_demo_writes_its_history_after_the_first_paint(qtbot, demo_store) -> None:  # type: ignore[no-untyped-def]
    workspace = open_workspace(demo_store, choose_session(demo_store, None), SystemClock())
    app = AppController(workspace, after_first_paint=lambda: _add_demo_history(demo_store))
    for window in (app.console, app.shared):
        qtbot.addWidget(window)
    assert len(demo_store.list_sessions()) == 1  # only the demo session while the windows build
    with qtbot.waitSignal(app.painted), qtbot.waitSignal(app.settled):
        app.show()
    assert len(demo_store.list_sessions()) >= 25  # the quarterly retro has its quarters
    assert choose_session(demo_store, None).id == 1  # and the demo session stays the one opened
    app.close_session()


def test_the_apps_keys_act_from_the_first_paint_on(qtbot, demo_store) -> None:  # type: ignore[no-untyped-def]
    """The key filter waits for the first paint (start-up cost), then every key works."""
    workspace = open_workspace(demo_store, choose_session(demo_store, None), SystemClock())
    app = AppController(workspace, keys_after_first_paint=True)
    for window in (app.console, app.shared):
        qtbot.addWidget(window)
    page = app.console.show_page("Meeting")
    assert page is not None
    engine = workspace.meeting
    before = engine.state
    press(page, "Space")
    assert engine.state is before  # not listening yet: the windows have not painted
    with qtbot.waitSignal(app.settled):
        app.show()
    press(page, "Space")
    assert engine.state is not before  # Space starts (or pauses) the clock
    app.close_session()


@pytest.mark.parametrize("demo", [True, False])
def test_only_the_demos_throw_away_database_skips_the_flush_to_disk(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo: bool
) -> None:
    """Every commit of a user's database reaches the disk; the demo's is deleted at exit."""
    from facilitator_app import app as app_module
    from ui import app as ui_app

    seen: list[int] = []

    def run_gui(workspace, **_options):  # type: ignore[no-untyped-def]
        seen.append(workspace.store.conn.execute("PRAGMA synchronous").fetchone()[0])
        return 0

    monkeypatch.setattr(ui_app, "run_gui", run_gui)
    path = _demo_database(tmp_path, history=False)
    assert app_module.run_app(path, session_id=None, smoke=True, demo=demo) == 0
    assert seen == [0 if demo else 2]  # OFF for the demo, FULL otherwise
