"""Opening the app: the second half of the composition root (storage + core + ui).

Qt is imported only here, and only when the app really opens a window.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from facilitator_app import startup_messages
from facilitator_app.errors import UserError
from facilitator_app.first_run import StartChoice, needs_welcome
from facilitator_app.session_choice import choose_session, remember_session
from facilitator_app.workspace import Workspace


def run_app(db_path: Path, *, session_id: int | None, smoke: bool, demo: bool) -> int:
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
            if choice is StartChoice.OPEN_DEMO:
                store.close()
                return _run_demo()
            first_page = "Setup" if choice is StartChoice.NEW_SESSION else None
        session = choose_session(store, session_id)
        remember_session(store, session)
        workspace = Workspace(store, session)
        return ui_app.run_gui(
            workspace,
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


def _run_demo() -> int:
    """The welcome's "open the demo": the same throw-away database as `--demo`."""
    from facilitator_app.cli import _demo_database

    directory = Path(tempfile.mkdtemp(prefix="facilitator-demo-"))
    try:
        return run_app(_demo_database(directory), session_id=None, smoke=False, demo=True)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
