"""Two real browsers (headless Chromium, separate profiles) join the demo session as team A and
team B, each add an observation and spend their dots; the facilitator accepts one observation
and both pages show it; the database holds nothing the facilitator did not accept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator_app.model import Lane
from storage import SqliteStore
from tests.helpers.browser import chromium, require_chromium
from tests.helpers.room_server import ServedRoom, served_room

pytestmark = pytest.mark.browser
PATIENCE = 20


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedRoom]:
    require_chromium()
    with served_room(tmp_path) as s:
        yield s


def wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, PATIENCE).until(condition)


def text_of(driver: Any, element_id: str) -> str:
    return str(driver.find_element("id", element_id).text)


def click(driver: Any, element: Any) -> None:
    """Scroll it to the middle first (the page's bar stays on top while scrolling), then click
    as a person would."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def join(driver: Any, served: ServedRoom, name: str) -> None:
    driver.get(served.running.qr_url)  # the scanned link: the code comes with it
    wait(driver, lambda d: d.find_elements("css selector", ".person"))
    person = next(p for p in driver.find_elements("css selector", ".person") if p.text == name)
    click(driver, person)
    wait(driver, lambda d: d.find_element("id", "room").is_displayed())


def send_observation(driver: Any, text: str) -> None:
    wait(driver, lambda d: d.find_element("id", "form-observation").is_displayed())
    driver.find_element("id", "obs-saw").send_keys(text)
    click(driver, driver.find_element("css selector", "#form-observation input[value='no']"))
    click(driver, driver.find_element("css selector", "#form-observation button[type=submit]"))
    result = "#form-observation .result"
    wait(driver, lambda d: d.find_element("css selector", result).text not in ("", "Sending…"))
    assert "Sent" in driver.find_element("css selector", result).text


def spend_dots(driver: Any, presses: int) -> None:
    wait(driver, lambda d: d.find_element("id", "form-votes").is_displayed())
    for _ in range(presses):
        left_before = text_of(driver, "dots-left")
        wait(driver, lambda d: d.find_elements("css selector", ".vote button.dot")[1].is_enabled())
        click(driver, driver.find_elements("css selector", ".vote button.dot")[1])  # "+", factor 1
        wait(driver, lambda d, before=left_before: text_of(d, "dots-left") != before)


def test_two_teams_join_observe_and_vote_from_their_own_browsers(served: ServedRoom) -> None:
    served.to_phase("timeline")
    a_text = '<b>Payments</b> saw only 502s & "timeouts"'
    b_text = "Edge saw the canary region stay green"
    with chromium(390, 844) as phone, chromium(1280, 800) as laptop:
        join(phone, served, "Amara Diallo")
        join(laptop, served, "Keiko Tanaka")
        wait(laptop, lambda d: "2 of 6 joined" in text_of(d, "counts"))
        send_observation(phone, a_text)
        send_observation(laptop, b_text)

        pending = served.call(lambda room: [(p.id, p.author, p.lane) for p in room.pending()])
        assert [(author, lane) for _, author, lane in pending] == [
            ("Amara Diallo", Lane.A),
            ("Keiko Tanaka", Lane.B),
        ]
        served.call(lambda room: room.accept(pending[0][0]))
        for driver in (phone, laptop):
            wait(driver, lambda d: a_text in text_of(d, "additions"))
            wait(driver, lambda d: a_text in text_of(d, "event-observations"))
        # the markup typed was shown as text, not made into an element
        assert not phone.find_elements("css selector", "#additions b")
        wait(phone, lambda d: "on the screen" in text_of(d, "mine"))
        wait(laptop, lambda d: "waiting for the facilitator" in text_of(d, "mine"))

        served.to_phase("factors")
        spend_dots(phone, 2)
        spend_dots(laptop, 3)
        wait(phone, lambda d: "votes in: 2 of 6" in text_of(d, "counts"))
        wait(laptop, lambda d: "0 of 3 dots left" in text_of(d, "dots-left"))

    def votes(room: Any) -> tuple[int, dict[int, int]]:
        factor = room.workspace.session.factors[0]
        return factor.votes, dict(factor.dots)

    total, dots = served.call(votes)
    assert dots[served.member("Amara Diallo")] == 2 and dots[served.member("Keiko Tanaka")] == 3
    served.stop()
    store = SqliteStore.open(served.db_path)
    try:
        (session,) = [store.load_session(s.id) for s in store.list_sessions()]
    finally:
        store.close()
    everything = str(session)
    assert a_text in everything  # accepted
    assert b_text not in everything  # still waiting in the queue: not in the database
    assert session.factors[0].votes == total


def test_the_page_reconnects_by_itself_after_a_dropped_connection(served: ServedRoom) -> None:
    from facilitator_app.timeline.walk import next_event

    served.to_phase("timeline")
    server = served.running.server
    with chromium(390, 844) as phone:
        join(phone, served, "Jonas Berg")
        wait(phone, lambda d: d.find_element("id", "event-text").text)
        assert server.loop is not None
        # a network blip: the server side drops every socket (the page is not told why)
        server.loop.call_soon_threadsafe(lambda: [d.post(None) for d in list(server.devices)])
        moved = served.call(lambda room: next_event(room.workspace))
        assert moved is not None
        wait(phone, lambda d: d.find_element("id", "event-text").text == moved.description)
        assert phone.find_element("id", "room").is_displayed()
    assert served.call(lambda room: len(room.participants)) == 1  # the same device, no rejoin
