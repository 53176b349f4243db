"""`facilitator import-timeline SESSION FILE`: add a team's (or both teams') events to a session.

Atomic: a file with any bad row is rejected whole, every bad row listed on standard error (exit
2), and the database is not touched. With `--skip-bad-rows` the good rows are added and the bad
ones are still listed. The events land in one transaction.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator_app.ids import session_id_argument
from facilitator_app.input_files import read_input
from facilitator_app.subcommands.context import CommandContext
from facilitator_app.timeline.importing import (
    DEFAULT_LIMITS,
    FORMAT_NAMES,
    FieldMapping,
    ImportOptions,
    TimelineImportError,
    detect_format,
    parse_timeline,
)
from facilitator_app.timeline.merge import assign_seq

EXIT_BAD_INPUT = 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-timeline",
        help="import timeline events from CSV, JSON, JSONL or a Slack export",
        description="Import timeline events into a session. Columns: timestamp, team, actor, "
        "event, observation, aware_of_other_team, source_url, tags. A file with any bad row "
        "is rejected whole (exit 2, every bad row listed) unless --skip-bad-rows.",
    )
    p.add_argument("session", type=session_id_argument, metavar="SESSION")
    p.add_argument("file", type=Path, metavar="FILE", help="the file, or - for standard input")
    p.add_argument(
        "--format",
        choices=FORMAT_NAMES,
        help="the file's format (default: from its name; .json with Slack 'ts' "
        "fields reads as slack)",
    )
    p.add_argument(
        "--tz",
        metavar="ZONE",
        help="IANA time zone of times written without a UTC offset (Europe/Berlin)",
    )
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good rows and list the bad ones instead of rejecting",
    )
    p.add_argument(
        "--team",
        metavar="NAME",
        help="the team of rows that name none (a per-team log or Slack channel)",
    )
    p.add_argument(
        "--team-value",
        action="append",
        metavar="VALUE=TEAM",
        default=[],
        help="read this team-field value (a service, a Slack user id) as TEAM",
    )
    p.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        default=[],
        help="read COLUMN from the record's FIELD (dotted for nested JSON), "
        "e.g. --map event=message --map timestamp=@timestamp",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="check the file and report, without importing"
    )
    p.set_defaults(handler=cmd_import_timeline)


def _read(path: Path, ctx: CommandContext) -> bytes:
    """The file (or standard input for `-`), capped while it is read; never a device or FIFO."""
    return read_input(
        path, limit=DEFAULT_LIMITS.max_bytes, stdin=getattr(ctx.stdin, "buffer", None)
    )


def cmd_import_timeline(args: argparse.Namespace, ctx: CommandContext) -> int:
    path: Path = args.file
    data = _read(path, ctx)
    mapping = FieldMapping.from_pairs(args.map, args.team_value, args.team)
    options = ImportOptions(
        format=args.format or detect_format(path.name, data),
        zone=args.tz,
        skip_bad_rows=args.skip_bad_rows,
        mapping=mapping,
    )
    store = ctx.open_store()
    session = store.load_session(args.session)
    try:
        result = parse_timeline(
            data, file=str(path), teams=session.teams, options=options, existing=session.events
        )
    except TimelineImportError as exc:
        if len(exc.problems) > 1:
            for line in exc.lines():
                print(f"facilitator: error: {line}", file=ctx.stderr)
        print(f"facilitator: error: {exc.message}", file=ctx.stderr)
        return EXIT_BAD_INPUT
    for problem in result.skipped:
        print(f"facilitator: skipped: {problem.describe(str(path))}", file=ctx.stderr)
    for duplicate in result.duplicates:
        print(f"facilitator: duplicate: {path}, {duplicate.describe()}", file=ctx.stderr)
    for notice in result.notices:
        print(f"facilitator: note: {path}: {notice}", file=ctx.stderr)
    if not args.dry_run:
        assign_seq(session.events, result.events)
        store.import_events(args.session, result.events)
    verb = "would import" if args.dry_run else "imported"
    count, _, extras = result.summary().partition(" (")
    tail = f" ({extras}" if extras else ""
    print(f"{verb} {count} into session {args.session}{tail}", file=ctx.stdout)
    return 0
