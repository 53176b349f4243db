"""The room's server on loopback with a real HTTP and WebSocket client: joining, live pushes,
reconnecting, and every refusal (each logged in one line)."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import aiohttp
import pytest

from facilitator_app.room.limits import MAX_BODY_BYTES, MAX_MESSAGE_BYTES
from storage import SqliteStore
from tests.helpers.room_server import Device, ServedRoom, served_room

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedRoom]:
    with served_room(tmp_path) as s:
        yield s


def run(scenario: Callable[[aiohttp.ClientSession], Awaitable[None]]) -> None:
    async def main() -> None:
        async with aiohttp.ClientSession() as http:
            await scenario(http)

    asyncio.run(main())


def statuses(device: Device) -> list[str]:
    return [p["status"] for p in device.you[-1]["proposals"]]


def log_lines(served: ServedRoom) -> list[str]:
    return served.call(lambda room: room.refusal_lines())


def logged(served: ServedRoom, text: str) -> bool:
    """Whether a refusal line containing `text` arrives. The server logs some refusals as it
    closes a connection, so the client may see the close first: poll the log a while."""
    for _ in range(200):
        if any(text in line for line in log_lines(served)):
            return True
        time.sleep(0.05)
    return False


def test_it_listens_on_loopback_only_with_the_secret_in_the_link(served: ServedRoom) -> None:
    assert served.url.startswith("http://127.0.0.1:")
    assert served.running.room.secret in served.url
    assert served.code not in served.url and served.running.qr_url.endswith(served.code)


def test_the_page_is_served_with_a_strict_policy_and_nothing_else_is(served: ServedRoom) -> None:
    async def scenario(http: aiohttp.ClientSession) -> None:
        async with http.get(served.url) as r:
            assert r.status == 200
            policy = r.headers["Content-Security-Policy"]
            assert "default-src 'none'" in policy and "script-src 'self'" in policy
            assert "frame-ancestors 'none'" in policy and r.headers["X-Content-Type-Options"]
            assert '<script src="app.js">' in await r.text()
        for path in ("app.js", "style.css"):
            async with http.get(served.url + path) as r:
                assert r.status == 200
        for path in ("../", "index.html", "..%2f..%2fetc%2fpasswd", "resources/companion/app.js"):
            async with http.get(served.url + path) as r:
                assert r.status == 404, path

    run(scenario)


def test_a_wrong_secret_is_refused_and_logged(served: ServedRoom) -> None:
    async def scenario(http: aiohttp.ClientSession) -> None:
        wrong = served.url.replace(served.running.room.secret, "A" * 32)
        async with http.get(wrong) as r:
            assert r.status == 404
        async with http.post(wrong + "api/code", json={"code": served.code}) as r:
            assert r.status == 404
        async with http.get(served.origin + "/") as r:
            assert r.status == 404

    run(scenario)
    lines = log_lines(served)
    assert sum("wrong link" in line for line in lines) == 3
    assert all(served.running.room.secret not in line and "AAAA" not in line for line in lines)


def test_a_request_from_another_site_is_refused(served: ServedRoom) -> None:
    async def scenario(http: aiohttp.ClientSession) -> None:
        evil = {"Origin": "http://attacker.example"}
        async with http.post(served.url + "api/code", json={"code": "X"}, headers=evil) as r:
            assert r.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await http.ws_connect(served.url + "ws", headers=evil)
        ours = {"Origin": served.origin}
        async with http.post(served.url + "api/code", json={"code": "X"}, headers=ours) as r:
            assert r.status == 403 and (await r.json())["error"] == "wrong join code"

    run(scenario)
    assert sum("another site" in line for line in log_lines(served)) == 2


def test_wrong_codes_lock_and_every_try_is_logged(served: ServedRoom) -> None:
    async def scenario(http: aiohttp.ClientSession) -> None:
        device = Device(http, served)
        statuses = []
        for _ in range(6):
            status, data = await device.post("api/code", {"code": "WRONG1"})
            statuses.append((status, data["error"]))
        assert statuses[0] == (403, "wrong join code")
        assert "too many wrong codes" in statuses[-1][1]
        status, data = await device.post(
            "api/join", {"code": served.code, "name": "X", "lane": "A"}
        )
        assert status == 403  # the right code, but this address is locked for now

    run(scenario)
    assert sum("wrong join code" in line for line in log_lines(served)) == 5


def test_join_push_accept_and_the_addition_reaches_every_device(served: ServedRoom) -> None:
    served.to_phase("timeline")

    async def scenario(http: aiohttp.ClientSession) -> None:
        amara, keiko = Device(http, served), Device(http, served)
        await amara.join("Amara Diallo")
        await keiko.join("Keiko Tanaka")
        event_id = amara.states[-1]["event"]["id"]
        reply = await amara.send(
            {"type": "observation", "event_id": event_id, "saw": "Only 502s", "aware": "no"}
        )
        assert reply["ok"]
        await amara.wait_for(lambda: statuses(amara) == ["pending"])
        (pending,) = served.call(
            lambda room: [(p.id, p.author, p.lane.value) for p in room.pending()]
        )
        assert pending[1:] == ("Amara Diallo", "A")
        served.call(lambda room: room.accept(pending[0]))
        await keiko.wait_for(lambda: bool(keiko.states[-1]["additions"]))
        assert keiko.states[-1]["event"]["observations"]["A"]["saw"].endswith("Only 502s")
        await amara.wait_for(lambda: statuses(amara) == ["accepted"])
        assert keiko.states[-1]["counts"]["joined"] == 2

    run(scenario)


def test_a_console_change_is_pushed_and_a_device_reconnects_by_itself(served: ServedRoom) -> None:
    from facilitator_app.timeline.walk import next_event

    served.to_phase("timeline")

    async def scenario(http: aiohttp.ClientSession) -> None:
        jonas = Device(http, served)
        await jonas.join("Jonas Berg")
        moved = served.call(lambda room: next_event(room.workspace))
        await jonas.wait_for(lambda: jonas.states[-1]["event"]["id"] == moved.id)
        await jonas.close()  # a network blip / a laptop lid
        jonas.states.clear()
        await jonas.connect()  # same token: no new join
        assert jonas.states[-1]["event"]["id"] == moved.id
        assert jonas.states[-1]["counts"]["joined"] == 1

    run(scenario)


def test_a_second_device_for_the_same_person_replaces_the_first(served: ServedRoom) -> None:
    async def scenario(http: aiohttp.ClientSession) -> None:
        phone, laptop = Device(http, served), Device(http, served)
        await phone.join("Marcus Webb")
        await laptop.join("Marcus Webb")
        await phone.wait_for(lambda: phone.closed)
        assert phone.others == [{"type": "bye", "reason": "replaced"}]
        phone.states.clear()
        phone.ws = await http.ws_connect(served.url + "ws")  # replay the old token
        await phone.ws.send_json({"type": "hello", "token": phone.token})
        msg = await phone.ws.receive(timeout=10)
        assert json.loads(msg.data) == {"type": "bye", "reason": "unknown"}
        assert (await laptop.send({"type": "parked", "text": "Shared canary"}))["ok"]

    run(scenario)
    assert any("unknown or replaced device token" in line for line in log_lines(served))


def test_an_oversized_body_and_an_oversized_message_are_refused(served: ServedRoom) -> None:
    async def scenario(http: aiohttp.ClientSession) -> None:
        device = Device(http, served)
        big = {"code": served.code, "name": "x" * (MAX_BODY_BYTES + 10), "lane": "A"}
        status, _ = await device.post("api/join", big)
        assert status == 413
        await device.join("Ravi Menon")
        assert device.ws is not None
        await device.ws.send_str(json.dumps({"type": "parked", "text": "y" * MAX_MESSAGE_BYTES}))
        await device.wait_for(lambda: device.closed)

    run(scenario)
    lines = log_lines(served)
    assert any(f"over {MAX_BODY_BYTES} bytes" in line for line in lines)
    assert logged(served, f"a message over {MAX_MESSAGE_BYTES} bytes")
    assert served.call(lambda room: room.pending()) == []


def test_malformed_json_is_refused_and_the_device_stays(served: ServedRoom) -> None:
    async def scenario(http: aiohttp.ClientSession) -> None:
        device = Device(http, served)
        async with http.post(served.url + "api/code", data="[" * 5000) as r:
            assert r.status == 403
        await device.join("Ravi Menon")
        assert device.ws is not None
        await device.ws.send_str("[" * 5000)
        await device.ws.send_str("not json")
        assert (await device.send({"type": "parked", "text": "Still here"}))["ok"]

    run(scenario)
    assert sum("not a JSON object" in line for line in log_lines(served)) == 3


def test_a_flood_is_dropped_logged_once_and_cut_off(served: ServedRoom) -> None:
    async def scenario(http: aiohttp.ClientSession) -> None:
        device = Device(http, served)
        await device.join("Sofia Marchetti")
        assert device.ws is not None
        for i in range(400):
            if device.ws.closed:
                break
            await device.ws.send_json({"type": "parked", "text": f"idea {i}", "rid": i})
        await device.wait_for(lambda: device.closed)

    run(scenario)
    assert logged(served, "flood: connection closed")
    assert sum("flood: messages dropped" in line for line in log_lines(served)) == 1
    queued = served.call(lambda room: len(room.pending()))
    assert 0 < queued <= 40  # the burst got through, up to the per-device limit; no more


def test_script_in_every_field_stays_text(served: ServedRoom) -> None:
    served.to_phase("timeline")

    async def scenario(http: aiohttp.ClientSession) -> None:
        device = Device(http, served)
        await device.join("Jonas Berg")
        state = device.states[-1]
        event_id = state["event"]["id"]
        other = next(e["id"] for e in state["events"] if e["lane"] == "B")
        for message in (
            {"type": "observation", "event_id": event_id, "saw": SCRIPT},
            {"type": "event", "time": "2026-11-10T13:01", "description": SCRIPT, "actor": SCRIPT},
            {"type": "link", "source_id": event_id, "target_id": other, "note": SCRIPT[:400]},
            {"type": "parked", "text": SCRIPT},
        ):
            reply = await device.send(message)
            assert reply["ok"] or "one team's event" in reply["error"], reply
        ids = served.call(lambda room: [p.id for p in room.pending()])
        for pid in ids:
            served.call(lambda room, pid=pid: room.accept(pid))
        await device.wait_for(lambda: len(device.states[-1]["additions"]) == len(ids))
        assert SCRIPT in json.dumps(device.states[-1], ensure_ascii=False) or SCRIPT in str(
            device.states[-1]
        )
        guest = Device(http, served)
        status, _ = await guest.post("api/join", {"code": served.code, "name": SCRIPT, "lane": "B"})
        assert status == 200
        names = served.call(lambda room: [p.name for p in room.participants])
        assert SCRIPT in names  # kept as the text typed; the page and Qt show it as text
        served.to_phase("factors")
        reply = await device.send({"type": "factor", "text": SCRIPT, "owner": "own"})
        assert reply["ok"]
        served.to_phase("actions")
        reply = await device.send(
            {
                "type": "action",
                "kind": "team",
                "description": SCRIPT,
                "owner": SCRIPT,
                "test": SCRIPT,
            }
        )
        assert reply["ok"] and reply["verdict"]["verdict"] == "vague"
        async with http.get(served.url + "app.js") as r:
            script = await r.text()
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script

    run(scenario)


def test_votes_beyond_the_budget_or_for_another_team_are_refused(served: ServedRoom) -> None:
    served.to_phase("factors")

    async def scenario(http: aiohttp.ClientSession) -> None:
        keiko = Device(http, served)
        await keiko.join("Keiko Tanaka")
        factor = keiko.states[-1]["factors"][0]["id"]
        budget = keiko.states[-1]["dots"]
        over = await keiko.send({"type": "votes", "dots": {str(factor): budget + 1}})
        assert not over["ok"] and f"{budget} dots in all" in over["error"]
        amara = served.member("Amara Diallo")
        other = await keiko.send({"type": "votes", "dots": {str(factor): 1}, "attendee_id": amara})
        assert not other["ok"]
        team = await keiko.send({"type": "votes", "dots": {str(factor): 1}, "team": "A"})
        assert not team["ok"]
        foreign = await keiko.send({"type": "factor", "text": "Payments retried", "owner": "A"})
        assert not foreign["ok"] and "names its own factors" in foreign["error"]
        ok = await keiko.send({"type": "votes", "dots": {str(factor): budget}})
        assert ok["ok"]
        await keiko.wait_for(lambda: keiko.you[-1]["dots_left"] == 0)
        await keiko.wait_for(lambda: keiko.states[-1]["counts"]["votes_in"] == 1)

    run(scenario)
    assert len(log_lines(served)) == 4


def test_an_observation_for_the_other_team_is_refused(served: ServedRoom) -> None:
    served.to_phase("timeline")

    async def scenario(http: aiohttp.ClientSession) -> None:
        amara = Device(http, served)
        await amara.join("Amara Diallo")
        event_id = amara.states[-1]["event"]["id"]
        reply = await amara.send(
            {"type": "observation", "event_id": event_id, "saw": "They saw 429s", "team": "B"}
        )
        assert not reply["ok"] and "only for your own team" in reply["error"]

    run(scenario)
    assert "only for your own team" in log_lines(served)[-1]


def test_a_port_in_use_is_a_one_line_error(served: ServedRoom) -> None:
    from companion import start_room
    from facilitator_app.errors import UserError

    port = served.running.port
    with pytest.raises(UserError, match=f"cannot listen on 127.0.0.1:{port}"):
        served.call(lambda room: start_room(room.workspace, "127.0.0.1", port, lambda: None))


def test_stopping_closes_every_connection_and_nothing_is_taken_after(served: ServedRoom) -> None:
    served.to_phase("timeline")

    async def scenario(http: aiohttp.ClientSession) -> None:
        device = Device(http, served)
        await device.join("Jonas Berg")
        await device.send({"type": "parked", "text": "Before the stop"})
        await asyncio.get_running_loop().run_in_executor(None, served.stop)
        await device.wait_for(lambda: device.closed)
        assert device.ws is not None and device.ws.close_code == 1001  # going away: room closed
        with pytest.raises(aiohttp.ClientConnectionError):
            await device.post("api/join", {"code": served.code, "name": "Late", "lane": "A"})
        with pytest.raises(aiohttp.ClientConnectionError):
            await http.ws_connect(served.url + "ws")

    run(scenario)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", served.running.port)) != 0
    store = SqliteStore.open(served.db_path)
    try:
        (session,) = [store.load_session(s.id) for s in store.list_sessions()]
        assert not any("Before the stop" in p.text for p in session.parked)  # never accepted
    finally:
        store.close()
