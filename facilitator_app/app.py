"""Opening the app: the second half of the composition root (storage + core + ui + the room's
server adapter).

Qt is imported only here, and only when the app really opens a window; the room's server
(`companion`, aiohttp) only when the facilitator lets the room join.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator_app import startup_messages
from facilitator_app.display import has_display
from facilitator_app.engine import SystemClock
from facilitator_app.errors import UserError
from facilitator_app.first_run import StartChoice, needs_welcome
from facilitator_app.model import Session
from facilitator_app.recovery import restore_offer
from facilitator_app.session_choice import AskForSession, open_or_ask, remember_session
from facilitator_app.session_open import open_workspace
from facilitator_app.store import SessionSummary
from facilitator_app.workspace import Workspace

if TYPE_CHECKING:
    from facilitator_app.room.address import RoomAddress


def start_room(workspace: Workspace, host: str, port: int, wake: Callable[[], None]) -> Any:
    """The room's server for the open session (see `facilitator_app/room/__init__.py`)."""
    from companion import start_room as start

    return start(workspace, host, port, wake)


def run_app(
    db_path: Path,
    *,
    session_id: int | None,
    smoke: bool,
    demo: bool,
    demo_database: Callable[[Path], Path] | None = None,
    room: RoomAddress | None = None,
    after_first_paint: Callable[[Any], None] | None = None,
) -> int:
    """Open the windows on `db_path`; `demo_database(folder)` builds the demo's throw-away
    database when the welcome asks for it (the command line's `--demo` does the same);
    `after_first_paint(store)` runs once both windows have painted (the demo's history)."""
    try:
        from ui import app as ui_app
    except ImportError as exc:  # a Qt system library is missing: Qt cannot show a dialog
        raise UserError(startup_messages.missing_qt_library(exc)) from None
    ui_app.check_platform(smoke=smoke)
    from storage import SqliteStore

    store = SqliteStore.open(db_path, durable=not demo)  # the demo's is thrown away at exit
    first_page: str | None = None
    try:
        # A database moved aside is offered its backup before the welcome (it looks empty);
        # a session that fails its checksum, once it is read.
        store = _offer_restore(store, db_path, smoke)
        if not smoke and not demo and needs_welcome(store, session_id):
            choice, session_id = ui_app.ask_start(store)
            if choice is StartChoice.QUIT:
                return 0
            if choice is StartChoice.OPEN_DEMO and demo_database is not None:
                store.close()
                return _run_demo(demo_database)
            first_page = "Setup" if choice is StartChoice.NEW_SESSION else None
        session = open_or_ask(store, session_id, _ask_for_another_session(smoke))
        if store.checksum_failures:
            store = _offer_restore(store, db_path, smoke)
            session = open_or_ask(store, session_id, _ask_for_another_session(smoke))
        if not demo and not smoke:
            store.take_rolling_backup()  # the last few opens are kept (restore-backup)
        remember_session(store, session)
        clock = SystemClock()

        def opener(chosen: Session) -> Workspace:
            """Every session the app opens gets its engine here, on the one system clock."""
            return open_workspace(store, chosen, clock)

        workspace = opener(session)
        return ui_app.run_gui(  # the GC policy is cli.main's; the windows collect on the GUI thread
            workspace,
            opener=opener,
            smoke=smoke,
            demo=demo,
            notices=[*store.notices, *store.damage],
            first_page=first_page,
            room_starter=start_room,
            room_at=(room.host, room.port) if room is not None else None,
            after_first_paint=_bound(after_first_paint, store),
        )
    finally:
        store.close()


def _bound(task: Callable[[Any], None] | None, store: Any) -> Callable[[], None]:
    """Once both windows have painted: load what the first edit needs (sqlite-utils, about
    0.2 s), so the meeting's first keystroke does not wait for it; then the root's task."""

    def after_first_paint() -> None:
        store.prepare_for_edits()
        if task is not None:
            task(store)

    return after_first_paint


def show_error(message: str) -> None:
    """The reason the app did not open, in a dialog too, where Qt can show one (the command
    line prints it on standard error in any case)."""
    try:
        from ui import app as ui_app
    except ImportError:
        return
    ui_app.show_startup_error(message)


def _run_demo(demo_database: Callable[[Path], Path]) -> int:
    """The welcome's "open the demo": the same throw-away database as `--demo`."""
    directory = Path(tempfile.mkdtemp(prefix="facilitator-demo-"))
    try:
        return run_app(demo_database(directory), session_id=None, smoke=False, demo=True)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _offer_restore(store: Any, db_path: Path, smoke: bool) -> Any:
    """The store to go on with: reopened on the newest backup if the user took it."""
    if smoke or not has_display() or not _restore_wanted(store):
        return store
    store.close()
    from storage import SqliteStore
    from storage.backups import restore_backup

    _, moved = restore_backup(db_path)
    store = SqliteStore.open(db_path)
    if moved is not None:
        store.notices.append(f"Restored the newest backup; the file it replaced: {moved}")
    return store


def _restore_wanted(store: Any) -> bool:
    """Offer the newest backup when the database or a session is damaged (recovery.py)."""
    newest = store.newest_backup()
    reason = restore_offer(
        moved_aside=store.moved_aside,
        checksum_failures=store.checksum_failures,
        newest_backup=newest,
    )
    if reason is None:
        return False
    from ui.restore_offer import ask_restore

    return ask_restore(reason, newest)


def _ask_for_another_session(smoke: bool) -> AskForSession:
    """The session list with the reason, when there is a display to show it on."""

    def ask(sessions: list[SessionSummary], reason: str) -> int | None:
        if smoke or not has_display():
            return None  # the reason is printed instead, exit 2
        from ui.session_rescue import ask_for_another_session

        return ask_for_another_session(sessions, reason)

    return ask
