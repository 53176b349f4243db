"""Opening the app: the second half of the composition root (storage + core + ui).

Qt is imported only here, and only when the app really opens a window.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from facilitator_app import startup_messages
from facilitator_app.engine import SystemClock
from facilitator_app.errors import UserError
from facilitator_app.first_run import StartChoice, needs_welcome
from facilitator_app.model import Session
from facilitator_app.session_choice import choose_session, remember_session
from facilitator_app.session_open import open_workspace
from facilitator_app.workspace import Workspace


def run_app(
    db_path: Path,
    *,
    session_id: int | None,
    smoke: bool,
    demo: bool,
    demo_database: Callable[[Path], Path] | None = None,
) -> int:
    """Open the windows on `db_path`; `demo_database(folder)` builds the demo's throw-away
    database when the welcome asks for it (the command line's `--demo` does the same)."""
    try:
        from ui import app as ui_app
    except ImportError as exc:  # a Qt system library is missing: Qt cannot show a dialog
        raise UserError(startup_messages.missing_qt_library(exc)) from None
    ui_app.check_platform(smoke=smoke)
    from storage import SqliteStore

    store = SqliteStore.open(db_path)
    first_page: str | None = None
    try:
        if not smoke and not demo and needs_welcome(store, session_id):
            choice, session_id = ui_app.ask_start(store)
            if choice is StartChoice.QUIT:
                return 0
            if choice is StartChoice.OPEN_DEMO and demo_database is not None:
                store.close()
                return _run_demo(demo_database)
            first_page = "Setup" if choice is StartChoice.NEW_SESSION else None
        session = choose_session(store, session_id)
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
            notices=list(store.notices),
            first_page=first_page,
        )
    finally:
        store.close()


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
