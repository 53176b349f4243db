"""The room's page: push latency to 30 devices, and 30 devices voting at once.

- push latency: a console change (the next timeline event, made on the owner thread) until each
  of 30 connected WebSocket clients has the new state, p50/p99; the floor is a bare loopback
  WebSocket echo (aiohttp, its own thread, 30 clients at once) measured in the same run;
- 30 devices send their dots at the same moment: every vote must be counted exactly once.

    python benchmarks/bench_companion.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from common import percentile, report  # noqa: E402

from facilitator_app.model import Attendee, Lane, Role  # noqa: E402
from facilitator_app.room import Room  # noqa: E402
from facilitator_app.room.limits import RateLimiter  # noqa: E402
from facilitator_app.timeline.walk import first_event, next_event  # noqa: E402
from tests.helpers.room_server import Device, ServedRoom, served_room  # noqa: E402

DEVICES = 30


def add_people(room: Room, count: int) -> list[int]:
    """Enough team members that 30 devices are 30 different voters."""
    ws = room.workspace
    existing = [a.id for a in ws.session.attendees if a.lane is not None and a.id is not None]
    for i in range(count - len(existing)):
        ws.add(Attendee(f"Engineer {i + 1}", Role.ON_CALL, Lane.A if i % 2 else Lane.B))
    return [a.id for a in ws.session.attendees if a.lane is not None and a.id is not None][:count]


async def join_all(http: aiohttp.ClientSession, served: ServedRoom, ids: list[int]) -> list[Device]:
    devices = []
    for attendee_id in ids:
        device = Device(http, served)
        status, data = await device.post(
            "api/join", {"code": served.code, "attendee_id": attendee_id}
        )
        assert status == 200, data
        device.token = data["token"]
        await device.connect()
        devices.append(device)
    return devices


async def one_push(served: ServedRoom, devices: list[Device]) -> list[float]:
    """One console change; seconds until each device has it."""
    changed: dict[str, Any] = {}

    def change(room: Room) -> None:
        event = next_event(room.workspace) or first_event(room.workspace)
        changed["at"] = time.perf_counter()  # the moment the console's change happens
        changed["id"] = event.id if event else None

    await asyncio.get_running_loop().run_in_executor(None, served.call, change)

    async def arrival(device: Device) -> float:
        await device.wait_for(lambda: device.states[-1]["event"]["id"] == changed["id"])
        return time.perf_counter() - changed["at"]

    return list(await asyncio.gather(*(arrival(d) for d in devices)))


async def push_latency(served: ServedRoom, devices: list[Device], rounds: int) -> list[float]:
    latencies: list[float] = []
    for _ in range(rounds):
        latencies += await one_push(served, devices)
    return latencies


def echo_server() -> tuple[str, threading.Event]:
    """A bare WebSocket echo on loopback, on its own loop and thread (the same shape as ours)."""
    ready: dict[str, Any] = {}
    started, stop = threading.Event(), threading.Event()

    async def echo(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for msg in ws:
            await ws.send_str(msg.data)
        return ws

    def run() -> None:
        async def main() -> None:
            app = web.Application()
            app.router.add_get("/ws", echo)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            ready["port"] = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            started.set()
            while not stop.is_set():
                await asyncio.sleep(0.05)
            await runner.cleanup()

        asyncio.run(main())

    threading.Thread(target=run, daemon=True).start()
    started.wait(10)
    return f"http://127.0.0.1:{ready['port']}/ws", stop


async def echo_latency(http: aiohttp.ClientSession, url: str, rounds: int) -> list[float]:
    sockets = [await http.ws_connect(url) for _ in range(DEVICES)]
    times: list[float] = []

    async def one(ws: aiohttp.ClientWebSocketResponse) -> float:
        start = time.perf_counter()
        await ws.send_str('{"type":"state"}')
        await ws.receive()
        return time.perf_counter() - start

    for _ in range(rounds):
        times += await asyncio.gather(*(one(ws) for ws in sockets))
    for ws in sockets:
        await ws.close()
    return times


async def vote_at_once(served: ServedRoom, devices: list[Device]) -> tuple[float, bool]:
    served.to_phase("factors")
    factors = served.call(lambda room: [(f.id, f.votes) for f in room.workspace.session.factors])
    (f1, v1), (f2, v2) = factors[:2]
    ballot = {"type": "votes", "dots": {str(f1): 1, str(f2): 2}}
    start = time.perf_counter()
    replies = await asyncio.gather(*(d.send(ballot) for d in devices))
    took = time.perf_counter() - start
    after = served.call(
        lambda room: [(f.votes, dict(f.dots)) for f in room.workspace.session.factors[:2]]
    )
    (a1, dots1), (a2, dots2) = after
    once = (
        all(r["ok"] for r in replies)
        and a1 == v1 + DEVICES
        and a2 == v2 + 2 * DEVICES
        and sum(dots1.values()) >= DEVICES
        and all(n == 2 for n in dots2.values())
    )
    return took, once


async def run_all(served: ServedRoom, rounds: int) -> None:
    ids = served.call(lambda room: add_people(room, DEVICES))
    served.to_phase("timeline")
    echo_url, stop_echo = echo_server()
    async with aiohttp.ClientSession() as http:
        devices = await join_all(http, served, ids)
        await push_latency(served, devices, 3)  # warm-up
        pushes = await push_latency(served, devices, rounds)
        echoes = await echo_latency(http, echo_url, rounds)
        stop_echo.set()
        ms = 1000.0
        report(
            f"push to {DEVICES} devices, p50",
            percentile(pushes, 50) * ms,
            percentile(echoes, 50) * ms,
            "ms",
            "well under 1 s",
        )
        report(
            f"push to {DEVICES} devices, p99",
            percentile(pushes, 99) * ms,
            percentile(echoes, 99) * ms,
            "ms",
            "well under 1 s",
        )
        took, once = await vote_at_once(served, devices)
        print(
            f"{DEVICES} devices voting at once: {took * ms:.1f} ms for all replies; "
            f"every vote counted once: {'yes' if once else 'NO'}",
            flush=True,
        )
        for device in devices:
            await device.close()
        if not once:
            raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, served_room(Path(tmp)) as served:
        # 30 devices all on 127.0.0.1 here; in a room each has its own address
        server = served.running.server
        server.connections_per_address = DEVICES + 5
        server.http_limit = RateLimiter(time.monotonic, per_second=1000.0, burst=1000.0)
        asyncio.run(run_all(served, args.rounds))


if __name__ == "__main__":
    main()
