"""`facilitator publish SESSION DIR`: a review into the organisation's shared archive folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator_app.subcommands.context import CommandContext
from facilitator_app.subcommands.sessions import load_session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "publish",
        help="write a session's JSON into a shared archive folder (one file per review, "
        "named by its UUID; a newer revision replaces an older one)",
    )
    p.add_argument("session", type=int)
    p.add_argument("folder", type=Path, metavar="DIR")
    p.set_defaults(handler=cmd_publish)


def cmd_publish(args: argparse.Namespace, ctx: CommandContext) -> int:
    from facilitator_app.report.archive import publish

    session = load_session(ctx, args.session)
    path, written = publish(session, args.folder)
    if written:
        print(f"published {path}", file=ctx.stderr)
    else:
        print(f"kept {path}: it holds a newer revision of this review", file=ctx.stderr)
    return 0
