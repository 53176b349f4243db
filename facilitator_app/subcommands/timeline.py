"""`facilitator import-timeline SESSION FILE`: add a team's (or both teams') events to a session.

Atomic: a file with any bad row is rejected whole, every bad row listed on standard error (exit
2), and the database is not touched. With `--skip-bad-rows` the good rows are added and the bad
ones are still listed. The events land in one transaction. FILE may be a Slack export (a zip or
its folder, with `--channel`), PagerDuty log entries or `kubectl get events -o json`. Events that
look like ones already in the session from another source are listed as likely duplicates and
imported unless `--drop-likely-duplicates`.
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
    default_window,
    detect_format,
    parse_timeline,
)
from facilitator_app.timeline.importing.archive import ExportFiles, ZipExport, open_export
from facilitator_app.timeline.importing.problems import ProblemList
from facilitator_app.timeline.merge import next_seq
from facilitator_app.timeutil import parse_iso

EXIT_BAD_INPUT = 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-timeline",
        help="import timeline events from CSV, JSON, JSONL, a Slack export, PagerDuty "
        "log entries or Kubernetes events",
        description="Import timeline events into a session. Columns: timestamp, team, actor, "
        "event, observation, aware_of_other_team, source_url, tags. A file with any bad row "
        "is rejected whole (exit 2, every bad row listed) unless --skip-bad-rows.",
    )
    p.add_argument("session", type=session_id_argument, metavar="SESSION")
    p.add_argument("file", type=Path, metavar="FILE", help="the file, or - for standard input")
    p.add_argument(
        "--format",
        choices=FORMAT_NAMES,
        help="the file's format (default: from its name; a folder, a .zip or a .json with "
        "Slack 'ts' fields reads as slack)",
    )
    p.add_argument(
        "--channel", metavar="NAME", help="the channel of a Slack export (zip or folder) to import"
    )
    p.add_argument(
        "--workspace-url",
        metavar="URL",
        help="https://WORKSPACE.slack.com: give every Slack event its message's permalink",
    )
    p.add_argument(
        "--since",
        metavar="TIME",
        help="leave out events before this ISO 8601 time (Slack default: the session's "
        "incident start minus an hour)",
    )
    p.add_argument(
        "--until",
        metavar="TIME",
        help="leave out events after this ISO 8601 time (Slack default: the incident end plus "
        "an hour)",
    )
    p.add_argument(
        "--drop-likely-duplicates",
        action="store_true",
        help="leave out events that look like ones already in the session from another "
        "source (they are listed either way)",
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
        help="the team of rows that name none (a per-team log, Slack channel, PagerDuty "
        "service or namespace)",
    )
    p.add_argument(
        "--team-value",
        action="append",
        metavar="VALUE=TEAM",
        default=[],
        help="read this value as TEAM: a team-field value, a Slack user id, bot id or bot "
        "name, a PagerDuty service or team, a Kubernetes namespace",
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


def _source(path: Path, fmt: str | None, ctx: CommandContext) -> tuple[bytes | ExportFiles, str]:
    """The bytes of a file, or a Slack export (a folder, or a zip read member by member)."""
    if path.is_dir():
        return open_export(path, str(path), DEFAULT_LIMITS), fmt or "slack"
    if (fmt in (None, "slack")) and path.suffix.lower() == ".zip":
        return ZipExport.open(path, str(path), DEFAULT_LIMITS), "slack"
    data = _read(path, ctx)
    return data, fmt or detect_format(path.name, data)


def cmd_import_timeline(args: argparse.Namespace, ctx: CommandContext) -> int:
    path: Path = args.file
    try:
        data, fmt = _source(path, args.format, ctx)
    except TimelineImportError as exc:
        print(f"facilitator: error: {exc.message}", file=ctx.stderr)
        return EXIT_BAD_INPUT
    try:
        return _import(args, ctx, path, data, fmt)
    finally:
        if isinstance(data, ZipExport):
            data.close()


def _import(
    args: argparse.Namespace,
    ctx: CommandContext,
    path: Path,
    data: bytes | ExportFiles,
    fmt: str,
) -> int:
    mapping = FieldMapping.from_pairs(args.map, args.team_value, args.team)
    store = ctx.open_store()
    session = store.load_session(args.session)
    since, until = default_window(fmt, session.incident_start, session.incident_end)
    options = ImportOptions(
        format=fmt,
        zone=args.tz,
        skip_bad_rows=args.skip_bad_rows,
        mapping=mapping,
        channel=args.channel,
        workspace_url=args.workspace_url,
        since=parse_iso(args.since, "--since") if args.since else since,
        until=parse_iso(args.until, "--until") if args.until else until,
    )
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
    if isinstance(result.skipped, ProblemList) and result.skipped.more:
        more = result.skipped.more
        print(f"facilitator: skipped: {path}: … and {more:,} more problems", file=ctx.stderr)
    for duplicate in result.duplicates:
        print(f"facilitator: duplicate: {path}, {duplicate.describe()}", file=ctx.stderr)
    for notice in result.notices:
        print(f"facilitator: note: {path}: {notice}", file=ctx.stderr)
    for line in result.likely_lines():
        print(f"facilitator: likely duplicate: {path}, {line}", file=ctx.stderr)
    if result.likely and args.drop_likely_duplicates:
        result = result.without_likely_duplicates()
    if not args.dry_run:
        store.import_event_rows(args.session, result.rows, next_seq(session.events))
    verb = "would import" if args.dry_run else "imported"
    count, _, extras = result.summary().partition(" (")
    tail = f" ({extras}" if extras else ""
    print(f"{verb} {count} into session {args.session}{tail}", file=ctx.stdout)
    return 0
