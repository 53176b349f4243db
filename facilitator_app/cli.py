"""The command line (DESIGN.md §7), and the composition root that wires storage to the core.

Exit status: 0 on success, 2 on bad input with a one-line reason naming the file, line and field.
Subcommands are headless; with no subcommand the app opens (see `app.py`).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from facilitator_app import __version__
from facilitator_app.errors import UserError
from facilitator_app.subcommands.context import CommandContext

# One module per feature; each has `register(subparsers)`.
COMMAND_MODULES = [
    "facilitator_app.subcommands.sessions",
    "facilitator_app.subcommands.exports",
    "facilitator_app.subcommands.actions",
    "facilitator_app.subcommands.lint_text",
    "facilitator_app.subcommands.timeline",
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
        type=Path,
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
    parser.add_argument("--session", type=int, metavar="ID", help="open this session")


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
            self.store.close()  # type: ignore[attr-defined]
            self.store = None


def _demo_database(directory: Path) -> Path:
    """A fresh database holding the demo session, in a throw-away directory."""
    from facilitator_app.demo import load_demo_session
    from storage import SqliteStore

    path = directory / "demo.db"
    store = SqliteStore.open(path)
    try:
        store.create_session(load_demo_session())
    finally:
        store.close()
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    demo_dir: Path | None = None
    opener: _StoreOpener | None = None
    try:
        if args.demo:
            demo_dir = Path(tempfile.mkdtemp(prefix="facilitator-demo-"))
            db_path = _demo_database(demo_dir)
        elif args.db is not None:
            db_path = args.db
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
            )
        opener = _StoreOpener(db_path)
        ctx = CommandContext(open_store=opener)
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
