"""Subcommands for documents beyond `export`: the pre-read and the quarterly cross-team report."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator_app.atomic_write import write_atomically
from facilitator_app.errors import UserError
from facilitator_app.exports.formats import PRE_READ_FORMATS
from facilitator_app.exports.render import DOCUMENT_FORMATS
from facilitator_app.ids import session_id_argument
from facilitator_app.report.follow_through import DEFAULT_STALLED_DAYS
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

    p = sub.add_parser(
        "report",
        help="the quarterly cross-team retro over stored reviews (default: last full quarter)",
    )
    when = p.add_argument_group("period (default: the last full calendar quarter)")
    when.add_argument("--quarter", metavar="YYYYQN", help="a calendar quarter, e.g. 2026Q3")
    when.add_argument("--since", metavar="DATE", help="first day, YYYY-MM-DD")
    when.add_argument("--until", metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    p.add_argument("--teams", metavar='"A,B"', help="only the reviews of this pair of teams")
    p.add_argument(
        "--archive",
        type=Path,
        metavar="DIR",
        help="also read the session files published to this folder (each review counted once)",
    )
    p.add_argument(
        "--stalled-days",
        type=int,
        default=DEFAULT_STALLED_DAYS,
        metavar="N",
        help=f"an open item with no status change for N days is stalled "
        f"(default {DEFAULT_STALLED_DAYS})",
    )
    p.add_argument(
        "--dominance",
        type=float,
        default=65.0,
        metavar="PERCENT",
        help="a review where one team had more than this share of the speaking time is "
        "flagged (default 65)",
    )
    p.add_argument("--format", default="md", choices=list(DOCUMENT_FORMATS))
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="file to write (default: standard output; Markdown charts go beside the file)",
    )
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


def cmd_report(args: argparse.Namespace, ctx: CommandContext) -> int:
    from facilitator_app.report.build import ReportSettings, build_report
    from facilitator_app.report.gather import latest_revisions, load_local, select
    from facilitator_app.report.period import parse_teams, resolve_period
    from facilitator_app.report.render import render_report

    now = now_utc()
    period = resolve_period(now.date(), quarter=args.quarter, since=args.since, until=args.until)
    pair = parse_teams(args.teams) if args.teams else None
    if not 1 <= args.stalled_days <= 3650:
        raise UserError("must be a number of days from 1 to 3650", field="--stalled-days")
    if not 50 <= args.dominance < 100:
        raise UserError("must be a percentage from 50 to 99", field="--dominance")
    local = load_local(ctx.open_store())
    problems: list[str] = []
    archive_files = None
    sessions = local
    if args.archive is not None:
        from facilitator_app.report.archive import read_archive

        read = read_archive(args.archive)
        for problem in read.problems:
            print(f"facilitator: skipped {problem}", file=ctx.stderr)
        problems, archive_files = read.problems, read.files
        sessions = latest_revisions(local, read.sessions)
    selection = select(sessions, period, pair, problems=problems)
    doc = build_report(
        selection,
        settings=ReportSettings(stalled_days=args.stalled_days, dominance=args.dominance / 100),
        now=now,
        archive_files=archive_files,
    )
    data, beside = render_report(doc, args.format, args.output)
    for path, content in beside.items():
        write_atomically(path, content)
    write_output(data, args.output, ctx)
    return 0
