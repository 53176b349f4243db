"""The schema's steps through sqlite-utils' `Migrations`, in step with `PRAGMA user_version`."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.errors import StorageError
from storage import SqliteStore, schema
from storage.migrations import MIGRATION_SET, step_names

REPO = Path(__file__).resolve().parents[2]
NOW = "2026-03-02T09:00:00+00:00"


def _made_by_the_previous_code(path: Path, version: int) -> None:
    """What the app wrote before sqlite-utils kept the record: no `_sqlite_migrations`."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        for statements in schema.MIGRATIONS[:version]:
            for statement in statements:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        conn.execute(
            "INSERT INTO session (id, title, created_at, updated_at, framing_question)"
            " VALUES (1, ?, ?, ?, 'How did the two systems diverge?')",
            ("Payments v. Edge, 2 March", NOW, NOW),
        )
        if version >= 2:  # from v2 on, the app gave every session its UUID
            conn.execute("UPDATE session SET uuid = '9f1c2d3e-4b5a-4c6d-8e7f-001122334455'")
        conn.execute("INSERT INTO team (session_id, lane, name, colour) VALUES (1, 'A', 'P', '')")
        conn.execute("INSERT INTO team (session_id, lane, name, colour) VALUES (1, 'B', 'E', '')")
        conn.execute(
            "INSERT INTO factor (session_id, position, text, owner) "
            "VALUES (1, 0, 'Limits not canaried', 'interaction')"
        )
        conn.commit()
    finally:
        conn.close()


def _recorded(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            (MIGRATION_SET,),
        )
    ]


def test_a_new_database_records_every_step(tmp_path: Path) -> None:
    store = SqliteStore.open(tmp_path / "new.db")
    try:
        assert store.schema_version == schema.SCHEMA_VERSION
        assert _recorded(store.conn) == step_names()
        assert len(step_names()) == len(set(step_names())) == schema.SCHEMA_VERSION
    finally:
        store.close()


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION))
def test_an_older_database_migrates_to_the_newest_with_its_data(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / f"v{version}.db"
    _made_by_the_previous_code(path, version)
    store = SqliteStore.open(path)
    try:
        assert store.notices[0].startswith("Backed up the database to ")
        assert store.schema_version == schema.SCHEMA_VERSION
        # Steps it had are recorded (not run again: v1's CREATE TABLE would fail), then the rest.
        assert _recorded(store.conn) == step_names()
        session = store.load_session(1)
        assert session.title == "Payments v. Edge, 2 March"
        assert [f.text for f in session.factors] == ["Limits not canaried"]
        assert session.uuid  # v2 gave the old session its UUID
    finally:
        store.close()


def test_a_newest_database_from_the_previous_code_is_recognised_without_a_backup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "newest.db"
    _made_by_the_previous_code(path, schema.SCHEMA_VERSION)
    store = SqliteStore.open(path)
    try:
        assert store.notices == []
        assert _recorded(store.conn) == step_names()
        assert store.load_session(1).title == "Payments v. Edge, 2 March"
    finally:
        store.close()
    assert not [p for p in tmp_path.iterdir() if ".backup-" in p.name]


def test_a_newer_schema_is_still_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    SqliteStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 f"VALUES ('{MIGRATION_SET}', 'v99-from-the-future', '{NOW}')")  # fmt: skip
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer than this"):
        SqliteStore.open(path)
    assert path.read_bytes() == before


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(tmp_path: Path) -> None:
    """sqlite-utils (and numpy with it) costs a fifth of a second: not on every start."""
    path = tmp_path / "current.db"
    SqliteStore.open(path).close()
    probe = (
        "import sys\nfrom pathlib import Path\nfrom storage import SqliteStore\n"
        "s = SqliteStore.open(Path(sys.argv[1]))\n"
        "print('sqlite_utils' in sys.modules)\ns.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "False\n"
