"""The app with the room's real server on 127.0.0.1: a device's request crosses from the server's
asyncio thread to the GUI thread (a queued Qt signal), lands in the console's queue, and closing
the session stops the server and drops the device's connection."""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pytestqt.qtbot import QtBot

from facilitator_app.app import start_room
from facilitator_app.model import Session, two_teams
from tests.helpers.room_ui import demo_store, open_demo
from tests.ui.live import press
from ui.app import AppController
from ui.room import dialogs
from ui.room.queue_page import RoomPage

pytestmark = pytest.mark.gui
PATIENCE = 10.0  # only so that a broken server fails the test instead of hanging it


async def device(url: str, code: str, attendee_id: int, event_id: int, out: dict[str, Any]):
    """Join, say hello, propose an observation, then wait until the server hangs up."""
    async with aiohttp.ClientSession() as http:
        async with http.post(
            url + "api/join", json={"code": code, "attendee_id": attendee_id}
        ) as r:
            token = (await r.json())["token"]
        ws = await http.ws_connect(url + "ws")
        await ws.send_json({"type": "hello", "token": token})
        request = {"type": "observation", "event_id": event_id, "saw": "Queue grew fast"}
        await ws.send_json({**request, "aware": "no", "rid": 1})
        async for msg in ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(msg.data)
            if data.get("type") == "reply":
                out["reply"] = data
        out["closed"] = True


def test_a_real_device_reaches_the_queue_and_closing_the_session_hangs_up(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        dialogs.StartRoomDialog, "ask", classmethod(lambda cls, parent=None: ("127.0.0.1", 0))
    )
    with demo_store(tmp_path / "served-ui.db") as (store, session_id):
        app = AppController(open_demo(store, session_id), room_starter=start_room)
        with qtbot.waitActive(app.console):
            app.show()
        try:
            app.actions.action("room.toggle").trigger()  # Session → Let the room join…
            running = app.room_switch.running
            assert running is not None and running.url.startswith("http://127.0.0.1:")
            engine = app.workspace.meeting
            engine.start()
            engine.request_phase_change(+1, confirmed=True)  # framing -> timeline walk
            amara = next(a for a in app.workspace.session.attendees if a.name == "Amara Diallo")
            event_id = app.workspace.current_event_id
            assert amara.id is not None and event_id is not None
            out: dict[str, Any] = {}
            thread = threading.Thread(
                target=lambda: asyncio.run(
                    device(running.url, running.code, amara.id, event_id, out)
                ),
                daemon=True,
            )
            thread.start()
            qtbot.waitUntil(lambda: "reply" in out, timeout=int(PATIENCE * 1000))
            assert out["reply"].get("ok"), out["reply"]
            page = app.console.show_page("Room")
            assert isinstance(page, RoomPage)
            assert "Queue grew fast" in page.queue.topLevelItem(0).text(2)

            other = store.create_session(Session("Another", two_teams("Payments", "Edge")))
            app._switch_to(other)
            thread.join(PATIENCE)
            assert out.get("closed"), "the device's connection ends with the session"
            with pytest.raises(urllib.error.URLError):
                urllib.request.urlopen(running.url, timeout=PATIENCE)
            press(app.console, "J")  # the new session's room is off: nothing to show
            assert app.room_switch.running is None
        finally:
            app.room_switch.stop()
            app.close_session()
            for window in (app.shared, app.console):
                window.hide()
                window.deleteLater()
