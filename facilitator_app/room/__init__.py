"""The room joins in (issue 10): participants' devices propose, vote and answer; the
facilitator decides what reaches the shared screen. Qt-free; the server is `companion/`.

How the pieces fit, for the console (Qt) side
=============================================

Threads. `Room` is single-threaded: all of it runs on the thread that owns the workspace (the
GUI thread). The server (`companion`, aiohttp on its own asyncio loop in one thread) never
touches it directly: it submits calls through `RoomBridge.submit`, a thread-safe queue, and the
bridge calls the `wake` callback you give it. `wake` runs on the SERVER thread: in the app,
make it emit a Qt signal connected with a queued connection to a slot that calls
`running.process_pending()` on the GUI thread. That runs the devices' requests, then pushes
what changed (`Room.flush`). Workspace edits made on the console (keys, undo) also call `wake`,
so every change reaches the devices on the next `process_pending` (well within 1 s).

Start / stop (composition root)::

    from companion import start_room
    running = start_room(workspace, host, port, wake=signal.emit)  # host "" = default route
    print(running.url, running.code)        # the join URL (secret inside) and the short code
    running.qr_url                           # URL + code, for the QR on the shared screen
    running.room                             # the Room below
    running.process_pending()                # GUI thread, from the wake slot
    running.stop()                           # GUI thread: closes every connection; idempotent

Two things for the Qt side to wire. (1) Garbage collection: the server thread runs Python all
the time, so Python's cyclic collector may run there and free Qt objects off the GUI thread
(see ui/worker_gc.py). While a room runs, keep automatic collection off (`gc.disable()`) and
collect on the GUI thread from a timer (Anki's policy), or freeze the Qt objects; `stop()` can
restore it. (2) `facilitator --room HOST[:PORT]` without a command: `cli.main` refuses it with
a one-line message today; open the app with the room on (`start_room`, then
`cli.announce_room(running.url, running.code)` prints the line scripts wait for) and drop that
refusal. `facilitator --room ... room-serve` is the headless server (subcommands/room.py).

`facilitator_app.room.address.parse_room_address("HOST[:PORT]")` parses `--room`;
`default_route_address()` is the interface the menu offers by default (loopback selectable).

Reading and deciding (GUI thread)::

    room.subscribe(callback)        # called after the queue, counts, participants or log change
    room.pending()                  # [Proposal]: .id .kind .author .lane .guest .summary
                                    #   .values (dict, editable) .blame_findings .verdict
    room.accept(pid, **edits)       # one undoable workspace edit, labelled "<Kind> from <name>
                                    #   (room)"; edits override .values (e.g. text="...");
                                    #   raises UserError (the console shows .message)
    room.dismiss(pid)
    room.counts()                   # RoomCounts: joined/expected, votes_in/voters, ready/asked,
                                    #   pending, hidden -- numbers only, for the shared screen
    views.queue_rows(room)          # [QueueRow]: the queue worded for the console (kind, author
                                    #   "Name (Team, guest)", summary, notes "2 blame phrases")
    views.shared_screen_counts(room.counts(), room.phase_key())   # "7 of 9 joined · votes in: ..."
    room.not_voted(), room.not_ready()   # names, for the console only
    room.refusal_lines()            # one line per refusal (also logged to "facilitator.room")
    room.participants               # iterable of Participant (.name .lane .guest .connected)
    room.code, room.new_code()      # the short join code; a new one (after a lockout)

`Proposal.values` by kind (the keys `accept(pid, **edits)` may change):

    observation  event_id, saw, aware ("yes" | "no" | "unknown")   (appended to the team's text)
    event        time (ISO with offset), description, actor, source_url
    link         source_id, target_id, note
    factor       text, owner ("A" | "B" | "interaction")
    parked       text, event_id
    action       kind, description, owner, lead, lane, due ("YYYY-MM-DD" or ""), test
    guest        name                      (accepting adds the guest to the roster)
    votes, poll  dots {factor id: n} / learned, again (only when direct counting is off)

`room.queue.items` keeps every proposal with its status and `entity_id` (what accepting
created), for a log of who proposed what; undoing an accepted edit leaves it "accepted".

Switches (each pushes to the devices)::

    room.set_voting_open(False)     # close voting (votes then refused)
    room.set_count_directly(False)  # dots / poll answers wait in the queue as one ballot each
    room.set_private_factors(True)  # factors written privately...
    room.reveal_factors()           # ...revealed all at once (the reveal key); they enter the queue
    room.ask_ready("Ready to move on?"), room.clear_ready()

What devices may send, by the phase key of the agenda (`rules.PHASES`): observations for the
current event for their own team, missing events and links in "timeline"; factors (own team or
the interaction) and dots in "factors"; action items in "actions" (the specific test's verdict
comes back before sending); the closing poll once in "wrapup"; parked ideas at any time. Guests
propose; their dots and answers count once the facilitator accepts their "guest" proposal, which
adds them to the roster. Every refusal (wrong code, other team, over budget, closed room, ...)
is logged in one line.

What is pushed to devices: the public state (`views.public_state`: phase, countdown, clock,
current event with both observations, events, factors, parked ideas, the room's accepted
additions, counts, switches, ready check) to all, and each device's own state
(`views.device_state`: its dots, proposals and their status) to it.
"""

from facilitator_app.room.address import RoomAddress, default_route_address, parse_room_address
from facilitator_app.room.bridge import RoomBridge, RoomClosed
from facilitator_app.room.proposals import Proposal, ProposalKind, ProposalStatus
from facilitator_app.room.room import Refused, Room
from facilitator_app.room.views import RoomCounts

__all__ = [
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "Refused",
    "Room",
    "RoomAddress",
    "RoomBridge",
    "RoomClosed",
    "RoomCounts",
    "default_route_address",
    "parse_room_address",
]
