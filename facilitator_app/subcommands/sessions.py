"""Subcommands for sessions as a whole: list, create, import and export."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator_app import session_json
from facilitator_app.atomic_write import write_atomically
from facilitator_app.exports.formats import FORMATS
from facilitator_app.ids import session_id_argument, small_number_argument
from facilitator_app.model import Session, two_teams, validate_timebox
from facilitator_app.subcommands.context import CommandContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sessions", help="list sessions")
    p.set_defaults(handler=cmd_sessions)

    p = sub.add_parser("new-session", help="create a session and print its id")
    p.add_argument("--title", required=True)
    p.add_argument("--team-a", required=True, metavar="NAME")
    p.add_argument("--team-b", required=True, metavar="NAME")
    p.add_argument("--timebox", type=small_number_argument, default=75, metavar="MIN")
    p.set_defaults(handler=cmd_new_session)

    p = sub.add_parser("import-session", help="import a session JSON file (prints the new id)")
    p.add_argument("file", type=Path, help="the file, or - for standard input")
    p.set_defaults(handler=cmd_import_session)

    p = sub.add_parser("export", help="export a session")
    p.add_argument("session", type=session_id_argument)
    p.add_argument("--format", required=True, choices=sorted(FORMATS))
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.set_defaults(handler=cmd_export)


def cmd_sessions(args: argparse.Namespace, ctx: CommandContext) -> int:
    store = ctx.open_store()
    rows = store.list_sessions()
    if not rows:
        print("no sessions yet: create one with `facilitator new-session`", file=ctx.stdout)
    for s in rows:
        when = s.incident_start.date().isoformat() if s.incident_start else "-"
        print(f"{s.id}\t{s.state}\t{when}\t{s.team_a} / {s.team_b}\t{s.title}", file=ctx.stdout)
    return 0


def cmd_new_session(args: argparse.Namespace, ctx: CommandContext) -> int:
    validate_timebox(args.timebox)
    session = Session(args.title, two_teams(args.team_a, args.team_b), timebox_minutes=args.timebox)
    store = ctx.open_store()
    print(store.create_session(session), file=ctx.stdout)
    return 0


def cmd_import_session(args: argparse.Namespace, ctx: CommandContext) -> int:
    session = session_json.load_file(args.file, stdin=getattr(ctx.stdin, "buffer", None))
    store = ctx.open_store()
    print(store.create_session(session), file=ctx.stdout)
    return 0


def load_session(ctx: CommandContext, session_id: int) -> Session:
    return ctx.open_store().load_session(session_id)


def write_output(data: bytes, output: Path | None, ctx: CommandContext) -> None:
    """Write to `output` atomically, or to standard output (no `-o`, or `-o -` as every CLI)."""
    if output is None or str(output) == "-":
        stream = getattr(ctx.stdout, "buffer", None)
        if stream is not None:
            stream.write(data)
            stream.flush()
        else:
            ctx.stdout.write(data.decode("utf-8", errors="replace"))
        return
    write_atomically(output, data)
    print(f"wrote {output}", file=ctx.stderr)


def cmd_export(args: argparse.Namespace, ctx: CommandContext) -> int:
    session = load_session(ctx, args.session)
    data = FORMATS[args.format].render(session)
    write_output(data, args.output, ctx)
    return 0
