"""The HTTP + WebSocket server (aiohttp) for the participants' page.

Every path lives under `/r/<secret>/`; anything else, or a wrong secret, is a 404 and a line in
the refusal log. Bodies and WebSocket messages are bounded, each address and each device is
rate-limited, and every request is handed to the room through the bridge (the room runs on the
owner thread). Pushes come back through `outbox`, which any thread may call.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from companion.page import SECURITY_HEADERS, Asset
from facilitator_app.errors import UserError
from facilitator_app.room import Refused, Room, RoomBridge, RoomClosed
from facilitator_app.room.access import same_secret
from facilitator_app.room.limits import (
    MAX_BODY_BYTES,
    MAX_CONNECTIONS_PER_ADDRESS,
    MAX_MESSAGE_BYTES,
    RateLimiter,
)

log = logging.getLogger("facilitator.room")

HELLO_SECONDS = 10.0
SEND_QUEUE = 64  # messages waiting for one slow device before it is dropped (it reconnects)
FLOOD_CLOSE_AFTER = 200  # refused messages in a row before the connection is closed


class _Device:
    """One open WebSocket: its token, and a writer task so pushes keep their order."""

    def __init__(self, ws: web.WebSocketResponse, client: str) -> None:
        self.ws = ws
        self.client = client
        self.token = ""
        self.queue: asyncio.Queue[str | None] = asyncio.Queue(SEND_QUEUE)
        self.writer: asyncio.Task[None] | None = None

    def post(self, data: str | None) -> bool:
        try:
            self.queue.put_nowait(data)
        except asyncio.QueueFull:
            return False
        return True

    async def write(self) -> None:
        while True:
            data = await self.queue.get()
            if data is None or self.ws.closed:
                await self.ws.close(code=WSCloseCode.GOING_AWAY, message=b"bye")
                return
            await self.ws.send_str(data)


class RoomServer:
    def __init__(
        self,
        bridge: RoomBridge,
        assets: dict[str, Asset],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bridge = bridge
        self.secret = bridge.room.secret
        self.assets = assets
        self.http_limit = RateLimiter(clock, per_second=3.0, burst=30.0)
        self.ws_limit = RateLimiter(clock, per_second=5.0, burst=20.0)
        self.devices: set[_Device] = set()
        self.connections_per_address = MAX_CONNECTIONS_PER_ADDRESS  # raised by the benchmark only
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stopping = False
        self.runner: web.AppRunner | None = None

    # ---- building and running ---------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[self._guard])
        app.router.add_get("/r/{secret}/", self._page)
        app.router.add_get("/r/{secret}/{name:app\\.js|style\\.css}", self._page)
        app.router.add_post("/r/{secret}/api/code", self._code)
        app.router.add_post("/r/{secret}/api/join", self._join)
        app.router.add_get("/r/{secret}/ws", self._socket)
        return app

    async def start(self, host: str, port: int) -> int:
        self.loop = asyncio.get_running_loop()
        self.runner = web.AppRunner(self.app(), access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, host, port, reuse_address=False)
        await site.start()
        server = site._server  # the bound port when port 0 asked for a free one
        assert server is not None
        return int(server.sockets[0].getsockname()[1])  # type: ignore[attr-defined]

    async def shutdown(self) -> None:
        """Close every connection, then stop listening."""
        self.stopping = True
        await asyncio.gather(
            *(
                d.ws.close(code=WSCloseCode.GOING_AWAY, message=b"room closed")
                for d in self.devices
            ),
            return_exceptions=True,
        )
        if self.runner is not None:
            await self.runner.cleanup()

    # ---- pushing (any thread) ----------------------------------------------------------

    def outbox(self, token: str | None, message: dict[str, Any]) -> None:
        if self.loop is not None and not self.loop.is_closed():
            data = json.dumps(message, separators=(",", ":"))
            closing = message.get("type") == "bye"
            # the loop may close meanwhile: the room is stopping anyway
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(self._deliver, token, data, closing)

    def _deliver(self, token: str | None, data: str, closing: bool) -> None:
        for device in list(self.devices):
            if not device.token or (token is not None and device.token != token):
                continue
            if not device.post(data) or closing:
                device.post(None)  # too slow (it reconnects and gets fresh state), or replaced

    # ---- refusals ------------------------------------------------------------------------

    def refuse(self, who: str, reason: str) -> None:
        if self.bridge.closed:
            log.warning("refused %s: %s", who, reason)
        else:
            self.bridge.submit(lambda room: room.refuse(who, reason))

    async def _call(self, fn: Callable[[Room], Any]) -> Any:
        future: Future[Any] = self.bridge.submit(fn)
        return await asyncio.wrap_future(future)

    # ---- HTTP ----------------------------------------------------------------------------

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        client = request.remote or "?"
        if self.stopping:
            raise web.HTTPServiceUnavailable()
        if not self.http_limit.allow(client):
            self.refuse(client, f"too many requests ({request.method} {request.path[:40]})")
            return _headers(web.json_response({"ok": False, "error": "slow down"}, status=429))
        secret = request.match_info.get("secret")
        if secret is None or not same_secret(secret, self.secret):
            self.refuse(client, f"wrong link ({request.method} {_redacted(request.path)})")
            return _headers(web.Response(status=404, text="Not found"))
        if not _same_origin(request):
            self.refuse(client, f"a request from another site ({request.headers['Origin'][:60]})")
            return _headers(web.Response(status=403, text="Forbidden"))
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            self.refuse(client, f"request body over {MAX_BODY_BYTES} bytes")
            return _headers(web.json_response({"ok": False, "error": "too large"}, status=413))
        return _headers(response)

    async def _page(self, request: web.Request) -> web.StreamResponse:
        asset = self.assets[request.match_info.get("name", "")]
        return web.Response(body=asset.body, content_type=asset.content_type, charset="utf-8")

    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            raise web.HTTPRequestEntityTooLarge(MAX_BODY_BYTES, request.content_length)
        raw = await request.read()
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: "[[[[..." nested too deep
            data = None
        if not isinstance(data, dict):
            raise UserError("the request is not a JSON object", field="body")
        return data

    async def _code(self, request: web.Request) -> web.StreamResponse:
        client = request.remote or "?"
        try:
            body = await self._body(request)
            code = body.get("code", "")
            roster = await self._call(lambda room: room.check_code(client, code))
        except (UserError, RoomClosed) as exc:
            if not isinstance(exc, Refused):  # the room logs its own refusals
                self.refuse(client, str(exc))
            return _refused(exc)
        return web.json_response({"ok": True, **roster})

    async def _join(self, request: web.Request) -> web.StreamResponse:
        client = request.remote or "?"
        try:
            body = await self._body(request)
            joined = await self._call(
                lambda room: room.join(
                    client,
                    body.get("code", ""),
                    attendee_id=body.get("attendee_id"),
                    name=body.get("name", ""),
                    lane=body.get("lane"),
                )
            )
        except (UserError, RoomClosed) as exc:
            if not isinstance(exc, Refused):  # the room logs its own refusals
                self.refuse(client, str(exc))
            return _refused(exc)
        return web.json_response({"ok": True, **joined})

    # ---- WebSocket -----------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        client = request.remote or "?"
        if sum(1 for d in self.devices if d.client == client) >= self.connections_per_address:
            self.refuse(client, "too many connections from one address")
            return web.Response(status=429, text="too many connections")
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE_BYTES, heartbeat=20.0)
        await ws.prepare(request)
        device = _Device(ws, client)
        self.devices.add(device)
        try:
            if await self._hello(device):
                device.writer = asyncio.create_task(device.write())
                await self._serve(device)
        finally:
            self.devices.discard(device)
            if device.writer is not None:
                device.writer.cancel()
            if device.token and not self.bridge.closed:
                token = device.token
                self.bridge.submit(lambda room: room.disconnect(token))
            await ws.close()
        return ws

    async def _hello(self, device: _Device) -> bool:
        try:
            msg = await device.ws.receive(timeout=HELLO_SECONDS)
        except TimeoutError:
            self.refuse(device.client, "connected but never said hello")
            return False
        data = _json(msg.data) if msg.type is WSMsgType.TEXT else None
        token = data.get("token") if data and data.get("type") == "hello" else None
        if not isinstance(token, str):
            self.refuse(device.client, "a connection without a device token")
            await device.ws.send_str(json.dumps({"type": "bye", "reason": "unknown"}))
            return False
        try:
            states = await self._call(lambda room: room.hello(token))
        except (UserError, RoomClosed):
            await device.ws.send_str(json.dumps({"type": "bye", "reason": "unknown"}))
            return False
        for other in [d for d in self.devices if d.token == token]:
            other.post(None)  # the same device reconnected: the old socket goes
        device.token = token
        for state in states:
            await device.ws.send_str(json.dumps(state, separators=(",", ":")))
        return True

    async def _serve(self, device: _Device) -> None:
        refused_in_a_row = 0
        async for msg in device.ws:
            if msg.type is WSMsgType.ERROR:
                break
            if msg.type is WSMsgType.CLOSE:
                break
            if self.stopping:
                break
            if msg.type is not WSMsgType.TEXT:
                self.refuse(device.client, "a binary message")
                continue
            if not self.ws_limit.allow(device.token):
                refused_in_a_row += 1
                if refused_in_a_row == 1:
                    self.refuse(device.client, "flood: messages dropped until it slows down")
                if refused_in_a_row >= FLOOD_CLOSE_AFTER:
                    self.refuse(device.client, "flood: connection closed")
                    break
                continue
            refused_in_a_row = 0
            data = _json(msg.data)
            if data is None:
                self.refuse(device.client, "a message that is not a JSON object")
                continue
            rid = data.get("rid")
            token = device.token
            try:
                reply = await self._call(functools.partial(_handle, token, data))
            except RoomClosed:
                break
            except UserError as exc:
                reply = {"ok": False, "error": exc.reason, "field": exc.field}
            if not device.post(json.dumps({"type": "reply", "rid": rid, **reply})):
                break
        problem = device.ws.exception()
        if getattr(problem, "code", None) == WSCloseCode.MESSAGE_TOO_BIG:
            self.refuse(device.client, f"a message over {MAX_MESSAGE_BYTES} bytes")


def _handle(token: str, data: dict[str, Any], room: Room) -> dict[str, Any]:
    return room.handle(token, data)


def _json(text: Any) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _refused(exc: Exception) -> web.Response:
    if isinstance(exc, UserError):
        return web.json_response({"ok": False, "error": exc.reason, "field": exc.field}, status=403)
    return web.json_response({"ok": False, "error": "the room has closed"}, status=503)


def _headers(response: web.StreamResponse) -> web.StreamResponse:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _same_origin(request: web.Request) -> bool:
    """A browser names the page that sent a POST or opened a WebSocket: it must be ours (a page
    elsewhere cannot drive a participant's browser against the room)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser's cross-site request (curl, the tests' client)
    return origin == f"{request.scheme}://{request.host}"


def _redacted(path: str) -> str:
    """A refused path for the log, without whatever secret was guessed."""
    parts = path.split("/")
    if len(parts) > 2 and parts[1] == "r":
        parts[2] = "…"
    return "/".join(parts)[:60]
