"""Opening the app: the second half of the composition root (storage + core + ui).

Qt is imported only here, and only when the app really opens a window.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from facilitator_app.recovery import restore_offer
from facilitator_app.session_choice import AskForSession, open_or_ask, remember_session
from facilitator_app.store import SessionSummary
from facilitator_app.workspace import Workspace


def run_app(db_path: Path, *, session_id: int | None, smoke: bool, demo: bool) -> int:
    from storage import SqliteStore

    store = SqliteStore.open(db_path)
    try:
        session = open_or_ask(store, session_id, _ask_for_another_session(smoke))
        if not smoke and _has_display() and _restore_wanted(store):
            store.close()
            from storage.backups import restore_backup

            _, moved = restore_backup(db_path)
            store = SqliteStore.open(db_path)
            if moved is not None:
                store.notices.append(f"Restored the newest backup; the file it replaced: {moved}")
            session = open_or_ask(store, session_id, _ask_for_another_session(smoke))
        if not demo and not smoke:
            store.take_rolling_backup()  # the last few opens are kept (restore-backup)
        remember_session(store, session)
        workspace = Workspace(store, session)
        from ui.app import run_gui

        return run_gui(workspace, smoke=smoke, demo=demo, notices=[*store.notices, *store.damage])
    finally:
        store.close()


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
        if smoke or not _has_display():
            return None  # the reason is printed instead, exit 2
        from ui.session_rescue import ask_for_another_session

        return ask_for_another_session(sessions, reason)

    return ask


def _has_display() -> bool:
    return bool(
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )
