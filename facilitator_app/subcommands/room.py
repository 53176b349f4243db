"""`facilitator [--demo|--db PATH] room-serve --room HOST[:PORT] [--phase KEY]`: the room's page
without the app's windows, for scripted set-ups, browser tests and trying the page out.

Prints `room: <join URL> code <CODE>` once it listens, then serves until SIGINT/SIGTERM.
`--phase` starts the meeting clock and moves to that phase of the agenda, so a device can
propose what that phase takes. Requests are processed on this (the main) thread, like the app's
GUI thread, through the same bridge.
"""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from facilitator_app.engine import SystemClock
from facilitator_app.errors import UserError
from facilitator_app.room.address import RoomAddress
from facilitator_app.session_choice import choose_session
from facilitator_app.session_open import open_workspace
from facilitator_app.subcommands.context import CommandContext
from facilitator_app.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    from facilitator_app.cli import room_address

    p = sub.add_parser(
        "room-serve",
        help="serve the room's page headless (no windows)",
        description="Serve the participants' page for a session without opening the app.",
    )
    p.add_argument("--room", dest="serve_room", type=room_address, metavar="HOST[:PORT]")
    p.add_argument("--session", dest="serve_session", type=int, metavar="ID")
    p.add_argument("--phase", metavar="KEY", help="start the meeting in this phase (e.g. factors)")
    p.set_defaults(handler=cmd_room_serve)


def go_to_phase(workspace: Workspace, key: str) -> None:
    keys = [p.key for p in workspace.session.phases]
    if key not in keys:
        raise UserError(f"no phase {key!r} (the agenda has {', '.join(keys)})", field="--phase")
    engine = workspace.meeting
    engine.start()
    for _ in keys:
        phase = engine.status().current_phase
        if phase is None or phase.key == key or not engine.next_phase():
            break


def cmd_room_serve(args: argparse.Namespace, ctx: CommandContext) -> int:
    from facilitator_app.cli import announce_room

    address: RoomAddress | None = args.serve_room or args.room
    if address is None:
        raise UserError("say where to listen: --room HOST[:PORT]", field="--room")
    assert ctx.start_room is not None
    store = ctx.open_store()
    session = choose_session(store, args.serve_session or args.session)
    workspace = open_workspace(store, session, SystemClock())
    if args.phase:
        go_to_phase(workspace, args.phase)
    wake, stop = threading.Event(), threading.Event()
    running = ctx.start_room(workspace, address.host, address.port, wake.set)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()
        wake.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        announce_room(running.url, running.code, ctx.stdout)
        while not stop.is_set():
            wake.wait(0.5)
            wake.clear()
            running.process_pending()
    finally:
        running.stop()
        workspace.meeting.shutdown()
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 0
