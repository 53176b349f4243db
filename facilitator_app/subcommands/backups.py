"""`facilitator backups` and `facilitator restore-backup [BACKUP]`: the rolling copies the app
keeps of its database (one per open, the last few), and putting one back.

Offered when a database was moved aside (not SQLite, failing its integrity check) or a session
no longer matches its checksum. Restoring never deletes anything: the current file is moved
aside under a timestamped name first.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator_app.subcommands.context import CommandContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backups", help="list the database's rolling backups, newest first")
    p.set_defaults(handler=cmd_backups)
    p = sub.add_parser(
        "restore-backup",
        help="put a backup in place of the database (the current file is moved aside)",
    )
    p.add_argument("backup", nargs="?", type=Path, help="a backup file (default: the newest)")
    p.set_defaults(handler=cmd_restore_backup)


def cmd_backups(args: argparse.Namespace, ctx: CommandContext) -> int:
    found = ctx.list_backups()
    if not found:
        print("no backups yet: the app keeps one each time it opens the database", file=ctx.stdout)
    for path in found:
        print(path, file=ctx.stdout)
    return 0


def cmd_restore_backup(args: argparse.Namespace, ctx: CommandContext) -> int:
    used, moved = ctx.restore_backup(args.backup)
    if moved is not None:
        print(f"moved the current database to {moved}", file=ctx.stderr)
    print(f"restored {used}", file=ctx.stdout)
    return 0
