"""The command line (DESIGN.md §7), and the composition root that wires storage to the core.

Exit status: 0 on success, 2 on bad input with a one-line reason naming the file, line and field.
Subcommands are headless; with no subcommand the app opens (see `app.py`).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from facilitator_app import __version__
from facilitator_app.collection import collection_policy, for_a_command
from facilitator_app.errors import UserError
from facilitator_app.ids import session_id_argument
from facilitator_app.subcommands.context import CommandContext
from facilitator_app.timeutil import now_utc

# One module per feature; each has `register(subparsers)`.
COMMAND_MODULES = [
    "facilitator_app.subcommands.sessions",
    "facilitator_app.subcommands.exports",
    "facilitator_app.subcommands.actions",
    "facilitator_app.subcommands.lint_text",
    "facilitator_app.subcommands.timeline",
    "facilitator_app.subcommands.room",
    "facilitator_app.subcommands.archive",
    "facilitator_app.subcommands.backups",
]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad usage already; keep its message on one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"facilitator: error: {message}\n")


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    parser.add_argument(
        "--db",
        type=str,
        metavar="PATH",
        help="the database to use (default: in the user data directory)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a fresh throw-away database holding the demo session",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open both windows, print the ms to their first paint, exit",
    )
    parser.add_argument(
        "--session", type=session_id_argument, metavar="ID", help="open this session"
    )
    parser.add_argument(
        "--room",
        type=room_address,
        metavar="HOST[:PORT]",
        help="let the room join: serve the participants' page on this address "
        "(':PORT' = this machine's network address; port 0 or none = a free port)",
    )


def room_address(text: str):  # type: ignore[no-untyped-def]
    """argparse type for `--room`: a one-line message on a bad address (exit 2)."""
    from facilitator_app.room.address import parse_room_address

    try:
        return parse_room_address(text)
    except UserError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def announce_room(url: str, code: str, stream: TextIO | None = None) -> None:
    """The one line scripts wait for once the room's server listens."""
    out = stream or sys.stdout
    print(f"room: {url} code {code}", file=out, flush=True)


def _start_room(workspace, host, port, wake):  # type: ignore[no-untyped-def]
    """The room's server adapter, imported only when a room is asked for."""
    from companion import start_room

    return start_room(workspace, host, port, wake)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="facilitator",
        description="Run a blameless two-team postmortem: open the app, or run a command.",
    )
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Opening the app needs only the global options: the subcommands' modules (importers,
    exporters, checkers) are imported only when a command or `--help` asks for them, so none
    of them delays the first paint."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not any(a in ("-h", "--help") for a in arguments):
        light = _Parser(prog="facilitator", add_help=False)
        _add_global_options(light)
        known, rest = light.parse_known_args(arguments)
        if not rest:
            known.command = None
            return known
    return build_parser().parse_args(arguments)


class _StoreOpener:
    """Opens the database once, on first use, so `--help` never touches it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: object | None = None

    def __call__(self):  # type: ignore[no-untyped-def]
        if self.store is None:
            from storage import SqliteStore

            store = SqliteStore.open(self.path)
            for notice in store.notices:
                print(f"facilitator: {notice}", file=sys.stderr)
            self.store = store
        return self.store

    def close(self) -> None:
        if self.store is not None:
            for damaged in getattr(self.store, "damage", []):
                print(f"facilitator: warning: {damaged}", file=sys.stderr)
            self.store.close()  # type: ignore[attr-defined]
            self.store = None


def _backups():  # type: ignore[no-untyped-def]
    """storage.backups, imported only for the commands that use it."""
    from storage import backups

    return backups


def _demo_database(directory: Path, *, history: bool = True) -> Path:
    """A fresh database holding the demo session, in a throw-away directory; with its sample
    history unless the app writes that after its first paint (`_add_demo_history`)."""
    from facilitator_app.demo import load_demo_session
    from facilitator_app.paths import user_cache_dir
    from storage import SqliteStore
    from storage.template import lay_down_empty_database

    path = directory / "demo.db"
    lay_down_empty_database(path, user_cache_dir())  # no migrations to run before the paint
    store = SqliteStore.open(path, durable=False)  # thrown away: no flush to disk per commit
    try:
        store.create_session(load_demo_session())
        if history:
            _add_demo_history(store)
    finally:
        store.close()
    return path


def _add_demo_history(store) -> None:  # type: ignore[no-untyped-def]
    """The demo's past reviews (for the quarterly retro), in one transaction: 28 reviews in
    40 ms rather than 170."""
    from facilitator_app.demo import add_sample_history

    with store.atomic():
        add_sample_history(store, now_utc().date())


def main(argv: Sequence[str] | None = None) -> int:
    with collection_policy():  # the process's one GC policy, for a command and the app alike
        status = _main(argv)
    if argv is None:  # the process's own command line (the script, `python -m`): it ends now
        gc.freeze()  # so the collection at interpreter exit walks nothing (40-60 ms after the app)
    return status


def _main(argv: Sequence[str] | None) -> int:
    args = parse_arguments(argv)
    demo_dir: Path | None = None
    opener: _StoreOpener | None = None
    try:
        if args.demo:
            demo_dir = Path(tempfile.mkdtemp(prefix="facilitator-demo-"))
            # The app shows the demo session first: it writes the history after its first paint.
            db_path = _demo_database(demo_dir, history=args.command is not None)
        elif args.db is not None:
            if not args.db.strip():
                raise UserError("the database path is empty; give --db a file path", field="--db")
            db_path = Path(args.db)
        else:
            from facilitator_app.paths import default_database_path

            db_path = default_database_path()
        if args.command is None:
            from facilitator_app.app import run_app

            return run_app(
                db_path,
                session_id=args.session,
                smoke=args.smoke,
                demo=args.demo,
                demo_database=_demo_database,
                room=args.room,
                after_first_paint=_add_demo_history if args.demo else None,
            )
        for_a_command()  # headless: collects its own young garbage (collection.py)
        opener = _StoreOpener(db_path)
        ctx = CommandContext(
            open_store=opener,
            start_room=_start_room,
            list_backups=lambda: _backups().list_backups(db_path),
            restore_backup=lambda backup: _backups().restore_backup(db_path, backup),
        )
        return int(args.handler(args, ctx))
    except UserError as exc:
        print(f"facilitator: error: {exc.message}", file=sys.stderr)
        if args.command is None and not args.smoke:  # the app was to open: a dialog too
            from facilitator_app.app import show_error

            show_error(exc.message)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    finally:
        if opener is not None:
            opener.close()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
