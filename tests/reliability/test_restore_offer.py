"""Restore from backup, offered at start (issue 16, item 13): the rule, and the app's flow."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app import app as app_module
from facilitator_app.recovery import restore_offer
from storage import SqliteStore
from tests.helpers.sessions import rich_session
from tests.reliability.test_checksums_backups import MARK, flip_a_byte_in_the_title

BACKUP = Path("x.db.backups/x-20261206.db")


def test_the_offer_needs_a_damaged_database_and_a_backup() -> None:
    assert restore_offer(moved_aside=False, checksum_failures=set(), newest_backup=BACKUP) is None
    assert restore_offer(moved_aside=True, checksum_failures={1}, newest_backup=None) is None
    moved = restore_offer(moved_aside=True, checksum_failures=set(), newest_backup=BACKUP)
    assert moved is not None and "moved aside" in moved
    flipped = restore_offer(moved_aside=False, checksum_failures={3, 1}, newest_backup=BACKUP)
    assert flipped is not None and "Session 1, 3 no longer matches its checksum" in flipped


@pytest.fixture
def sealed_db_with_backup(tmp_path: Path) -> Path:
    db = tmp_path / "x.db"
    store = SqliteStore.open(db)
    session = rich_session()
    session.title = MARK
    store.create_session(session)
    store.close()
    store = SqliteStore.open(db)
    store.take_rolling_backup()
    store.close()
    return db


def _run_app_with(monkeypatch: pytest.MonkeyPatch, db: Path, *, accept: bool) -> dict:  # type: ignore[type-arg]
    seen: dict = {}  # type: ignore[type-arg]

    def fake_gui(workspace, *, smoke, demo, notices, **_):  # type: ignore[no-untyped-def]
        seen["title"] = workspace.session.title
        seen["notices"] = notices
        return 0

    def fake_ask(reason: str, backup: Path) -> bool:
        seen["asked"] = reason
        return accept

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr("ui.app.run_gui", fake_gui)
    monkeypatch.setattr("ui.restore_offer.ask_restore", fake_ask)
    assert app_module.run_app(db, session_id=None, smoke=False, demo=False) == 0
    return seen


def test_a_checksum_failure_at_start_offers_the_backup_and_restores_it(
    monkeypatch: pytest.MonkeyPatch, sealed_db_with_backup: Path
) -> None:
    db = sealed_db_with_backup
    flip_a_byte_in_the_title(db)
    seen = _run_app_with(monkeypatch, db, accept=True)
    assert "no longer matches its checksum" in seen["asked"]
    assert seen["title"] == MARK  # the backup's session is the one that opened
    assert any("Restored the newest backup" in n for n in seen["notices"])
    assert [p for p in db.parent.iterdir() if p.name.startswith("x.db.replaced-")]


def test_declining_keeps_the_damaged_session_and_no_backup_of_it_is_taken(
    monkeypatch: pytest.MonkeyPatch, sealed_db_with_backup: Path
) -> None:
    db = sealed_db_with_backup
    before = sorted(p.name for p in (db.parent / "x.db.backups").iterdir())
    flip_a_byte_in_the_title(db)
    seen = _run_app_with(monkeypatch, db, accept=False)
    assert seen["title"] == MARK.replace("ZZQZ", "ZZPZ")
    assert any("checksum" in n for n in seen["notices"])  # still said, in the app
    assert sorted(p.name for p in (db.parent / "x.db.backups").iterdir()) == before


def test_a_healthy_start_asks_nothing_and_keeps_a_backup(
    monkeypatch: pytest.MonkeyPatch, sealed_db_with_backup: Path
) -> None:
    db = sealed_db_with_backup
    seen = _run_app_with(monkeypatch, db, accept=True)
    assert "asked" not in seen and seen["title"] == MARK
    assert len(list((db.parent / "x.db.backups").glob("*.db"))) == 2
