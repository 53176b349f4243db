"""The console's banner while meeting changes wait for disk space (issue 16, disk full)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator_app.engine import SystemClock
from facilitator_app.model import Lane
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.helpers.sessions import rich_session
from ui.app import AppController
from ui.storage_banner import install

SIZE = tuple(int(v) for v in os.environ.get("FACILITATOR_SHOT_SIZE", "1280x720").split("x"))


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path) -> Iterator[AppController]:
    store = SqliteStore.open(tmp_path / "banner.db")
    session_id = store.create_session(rich_session())
    controller = AppController(
        open_workspace(
            store,
            store.load_session(session_id),
            SystemClock(),
        )
    )
    controller.console.resize(*SIZE)
    with qtbot.waitActive(controller.console):
        controller.show()
    if not hasattr(controller, "storage_banner"):
        install(controller)  # a deferred hook: runs after the first paint in the app
    yield controller
    for window in (controller.shared, controller.console):
        window.hide()
        window.deleteLater()
    store.close()


def test_the_banner_shows_while_the_disk_is_full_and_goes_once_saved(
    app: AppController,
) -> None:
    store = app.workspace.store
    engine = app.workspace.meeting
    banner = app.storage_banner  # type: ignore[attr-defined]
    engine.toggle_team(Lane.A)
    engine.start()
    banner.refresh()
    assert banner.isHidden()
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    for i in range(3000):
        engine.toggle_team(Lane.B if i % 2 else Lane.A)
        if store.pending:
            break
    assert store.pending
    banner.refresh()
    assert banner.isVisible() and "disk is full" in banner.text()
    folder = os.environ.get("FACILITATOR_SHOTS")
    if folder:
        app.console.grab().save(os.path.join(folder, f"disk-full-banner-{SIZE[0]}x{SIZE[1]}.png"))
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    engine.pause()  # the next write saves everything that waited, first and in order
    banner.refresh()
    assert banner.isHidden() and not store.pending
