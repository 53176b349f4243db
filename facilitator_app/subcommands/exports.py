"""Subcommands for documents beyond `export`: the pre-read and the quarterly cross-team report."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from facilitator_app.errors import UserError
from facilitator_app.exports.formats import PRE_READ_FORMATS
from facilitator_app.exports.render import DOCUMENT_FORMATS
from facilitator_app.ids import session_id_argument
from facilitator_app.subcommands.context import CommandContext
from facilitator_app.subcommands.sessions import load_session, write_output
from facilitator_app.timeutil import format_iso, now_utc


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pre-read", help="the pre-read to send at least 24 hours ahead")
    p.add_argument("session", type=session_id_argument)
    p.add_argument("--format", default="md", choices=sorted(PRE_READ_FORMATS))
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument(
        "--mark-sent",
        action="store_true",
        help="record now as the time the pre-read was sent (after it is written)",
    )
    p.set_defaults(handler=cmd_pre_read)

    p = sub.add_parser("report", help="the quarterly cross-team report over stored sessions")
    p.add_argument("--since", required=True, metavar="DATE", help="first day, YYYY-MM-DD")
    p.add_argument("--until", metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    p.add_argument("--format", default="md", choices=list(DOCUMENT_FORMATS))
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.set_defaults(handler=cmd_report)


def cmd_pre_read(args: argparse.Namespace, ctx: CommandContext) -> int:
    session = load_session(ctx, args.session)
    data = PRE_READ_FORMATS[args.format].render(session)
    write_output(data, args.output, ctx)
    if args.mark_sent:
        session.pre_read_sent_at = now_utc()
        ctx.open_store().save_session_fields(session)
        print(
            f"marked the pre-read as sent at {format_iso(session.pre_read_sent_at)}",
            file=ctx.stderr,
        )
    return 0


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"not a date (YYYY-MM-DD): {text!r}", field=option) from None


def cmd_report(args: argparse.Namespace, ctx: CommandContext) -> int:
    from facilitator_app.exports.patterns import in_period
    from facilitator_app.exports.render import render_document
    from facilitator_app.exports.report import build_report

    now = now_utc()
    since = _date(args.since, "--since")
    until = _date(args.until, "--until") if args.until else now.date()
    if until < since:
        raise UserError(f"ends ({until}) before it starts ({since})", field="--until")
    store = ctx.open_store()
    stored = [store.load_session(summary.id) for summary in store.list_sessions()]
    sessions, undated = in_period(stored, since, until)
    doc = build_report(sessions, since, until, undated=undated, now=now)
    write_output(render_document(doc, args.format), args.output, ctx)
    return 0
