"""The issue's "done means", against the real app: two headless browsers join the demo session
as team A and team B through the app's own switch, each add an observation and spend dots; the
facilitator accepts team A's observation with Enter in the console's queue; the shared screen
shows it and the vote counts; the database holds nothing the facilitator did not accept.

The app runs in this process (offscreen Qt, the room's real server on 127.0.0.1). Every wait
spins Qt's event loop, because the devices' requests are handled on the GUI thread.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from facilitator_app.app import start_room
from storage import SqliteStore
from tests.helpers.browser import chromium, require_chromium
from tests.helpers.room_ui import demo_store, open_demo
from tests.ui.live import press
from ui.app import AppController
from ui.room import dialogs
from ui.room.overlays import RoomOverlays
from ui.room.queue_page import RoomPage

pytestmark = [pytest.mark.browser, pytest.mark.gui]
PATIENCE_MS = 20_000  # only so that a broken page fails the test instead of hanging it
SHOTS = os.environ.get("ROOM_E2E_SHOTS", "")  # a folder to keep the screenshots in, if set


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppController]:
    require_chromium()
    monkeypatch.setattr(
        dialogs.StartRoomDialog, "ask", classmethod(lambda cls, parent=None: ("127.0.0.1", 0))
    )
    with demo_store(tmp_path / "e2e.db") as (store, session_id):
        controller = AppController(open_demo(store, session_id), room_starter=start_room)
        with qtbot.waitActive(controller.console):
            controller.show()
        controller.shared.resize(1280, 720)
        yield controller
        controller.room_switch.stop()
        controller.close_session()
        for window in (controller.shared, controller.console):
            window.hide()
            window.deleteLater()


def until(qtbot: QtBot, condition: Callable[[], object]) -> None:
    """Wait for a browser-side condition while the GUI thread keeps serving the room."""

    def check() -> bool:
        try:
            return bool(condition())
        except Exception:  # an element not there yet
            return False

    qtbot.waitUntil(check, timeout=PATIENCE_MS)


def text_of(driver: Any, element_id: str) -> str:
    return str(driver.find_element("id", element_id).text)


def click(driver: Any, element: Any) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def join(qtbot: QtBot, driver: Any, url: str, name: str) -> None:
    driver.get(url)  # the scanned link: the code comes with it
    until(
        qtbot, lambda: any(p.text == name for p in driver.find_elements("css selector", ".person"))
    )
    person = next(p for p in driver.find_elements("css selector", ".person") if p.text == name)
    click(driver, person)
    until(qtbot, lambda: driver.find_element("id", "room").is_displayed())


def send_observation(qtbot: QtBot, driver: Any, text: str) -> None:
    until(qtbot, lambda: driver.find_element("id", "form-observation").is_displayed())
    driver.find_element("id", "obs-saw").send_keys(text)
    click(driver, driver.find_element("css selector", "#form-observation input[value='no']"))
    click(driver, driver.find_element("css selector", "#form-observation button[type=submit]"))
    result = "#form-observation .result"
    until(qtbot, lambda: "Sent" in driver.find_element("css selector", result).text)


def spend_dots(qtbot: QtBot, driver: Any, presses: int) -> None:
    until(qtbot, lambda: driver.find_element("id", "form-votes").is_displayed())
    for _ in range(presses):
        before = text_of(driver, "dots-left")
        until(
            qtbot, lambda: driver.find_elements("css selector", ".vote button.dot")[1].is_enabled()
        )
        click(driver, driver.find_elements("css selector", ".vote button.dot")[1])
        until(qtbot, lambda b=before: text_of(driver, "dots-left") != b)


def keep(path: Path) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / path.name)


def test_two_browsers_join_the_app_and_the_accepted_observation_reaches_the_shared_screen(
    app: AppController, qtbot: QtBot, tmp_path: Path
) -> None:
    press(app.console, "Ctrl+J")  # Let the room join… (the dialog answers loopback)
    running = app.room_switch.running
    assert running is not None
    engine = app.workspace.meeting
    engine.start()
    engine.request_phase_change(+1, confirmed=True)  # framing -> timeline walk
    a_text = "Payments saw 429s turn into 403s"
    b_text = "Edge saw the canary region stay green"
    with chromium(390, 844) as phone, chromium(1280, 800) as laptop:
        join(qtbot, phone, running.qr_url, "Amara Diallo")
        join(qtbot, laptop, running.qr_url, "Keiko Tanaka")
        join_screen = RoomOverlays.of(app.shared)
        assert join_screen is not None
        until(qtbot, lambda: join_screen.join.counts.text().startswith("2 of "))
        send_observation(qtbot, phone, a_text)
        send_observation(qtbot, laptop, b_text)
        phone.save_screenshot(str(tmp_path / "e2e-phone-timeline.png"))
        keep(tmp_path / "e2e-phone-timeline.png")

        page = app.console.show_page("Room")
        assert isinstance(page, RoomPage)
        until(qtbot, lambda: page.queue.topLevelItemCount() == 2)
        rows = [page.queue.topLevelItem(i).text(0) for i in range(2)]
        assert rows[0].startswith("Amara Diallo") and rows[1].startswith("Keiko Tanaka")
        press(app.console, "J")  # the join screen goes: the room sees the walk
        page.queue.setCurrentItem(page.queue.topLevelItem(0))
        page.queue.setFocus()
        press(page.queue, "Return")  # accept Amara's observation

        walk = app.shared.current_view()
        lane_a = walk.observations[app.workspace.session.teams[0].lane]  # type: ignore[union-attr]
        assert a_text in lane_a.saw.text()
        shot = tmp_path / "e2e-shared-accepted-1280x720.png"
        app.shared.grab().save(str(shot))
        keep(shot)
        until(qtbot, lambda: a_text in text_of(laptop, "event-observations"))

        engine.request_phase_change(+1, confirmed=True)  # -> contributing factors
        spend_dots(qtbot, phone, 2)
        spend_dots(qtbot, laptop, 3)
        view = app.shared.current_view()
        summary = view.summary.text()  # type: ignore[union-attr]
        shot = tmp_path / "e2e-shared-votes-1280x720.png"
        app.shared.grab().save(str(shot))
        keep(shot)
        laptop.save_screenshot(str(tmp_path / "e2e-laptop-votes.png"))
        keep(tmp_path / "e2e-laptop-votes.png")
    factor = app.workspace.session.factors[0]
    amara = next(a for a in app.workspace.session.attendees if a.name == "Amara Diallo")
    keiko = next(a for a in app.workspace.session.attendees if a.name == "Keiko Tanaka")
    assert factor.dots.get(amara.id or 0) == 2 and factor.dots.get(keiko.id or 0) == 3
    assert "votes cast" in summary

    # The database (read by a second connection) holds the accepted observation, not the other.
    reader = SqliteStore.open(app.workspace.store.path, lock=False)  # type: ignore[attr-defined]
    try:
        stored = str(reader.load_session(app.workspace.session_id))
    finally:
        reader.close()
    assert a_text in stored
    assert b_text not in stored
