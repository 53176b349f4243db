"""New databases copied from a cached empty one: the same schema as the ordinary migrations,
a new cache when the schema changes, and the ordinary path when the cache cannot be used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator_app.model import Session, two_teams
from storage import SqliteStore, schema
from storage.opening import open_database
from storage.template import lay_down_empty_database


def schema_of(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    finally:
        conn.close()


def test_a_copy_has_the_schema_and_the_migration_records_of_a_migrated_database(
    tmp_path: Path,
) -> None:
    migrated = tmp_path / "migrated.db"
    open_database(migrated, lock=False).close()
    copy = tmp_path / "copy.db"
    assert lay_down_empty_database(copy, tmp_path / "cache")
    assert schema_of(copy) == schema_of(migrated)
    conn = sqlite3.connect(copy)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    steps = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    conn.close()
    assert version == schema.SCHEMA_VERSION and steps == schema.SCHEMA_VERSION
    store = SqliteStore.open(copy)  # opens as up to date: usable at once
    new_id = store.create_session(Session("Checkout outage", two_teams("Payments", "Edge")))
    assert store.load_session(new_id).title == "Checkout outage"
    store.close()


def test_a_changed_schema_makes_a_new_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    assert lay_down_empty_database(tmp_path / "a.db", cache)
    monkeypatch.setattr(
        schema, "MIGRATIONS", [*schema.MIGRATIONS[:-1], [*schema.MIGRATIONS[-1], "SELECT 1"]]
    )
    assert lay_down_empty_database(tmp_path / "b.db", cache)
    assert len(list(cache.glob("empty-*.db"))) == 2


def test_an_unusable_cache_writes_nothing_and_the_ordinary_path_still_works(
    tmp_path: Path,
) -> None:
    in_the_way = tmp_path / "cache"
    in_the_way.write_text("a file where the cache folder should be")
    target = tmp_path / "demo.db"
    assert not lay_down_empty_database(target, in_the_way)
    assert not target.exists()
    store = SqliteStore.open(target)  # the ordinary migrations make it
    assert store.list_sessions() == []
    store.close()
