"""The schema's steps applied through sqlite-utils' `Migrations`, in step with `user_version`.

One named migration set, "postmortem-facilitator": step i runs `schema.MIGRATIONS[i]` and sets
`PRAGMA user_version = i + 1` in the same transaction as sqlite-utils' record of it in
`_sqlite_migrations`, so a kill at any moment leaves the database at exactly one version and
the file header keeps telling an older app that the schema is newer than it knows (it refuses
the file from its raw bytes, before opening it).

A database made before sqlite-utils kept the record (user_version N, no `_sqlite_migrations`)
has its first N steps recorded as applied, without running them again.

Importing sqlite-utils costs a fifth of a second (it loads numpy when numpy is installed), so
a database already up to date is recognised with plain sqlite3 and sqlite-utils is not
imported: only a new or an older database pays it, once, while it is opened.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from storage import schema

if TYPE_CHECKING:
    import sqlite_utils

MIGRATION_SET = "postmortem-facilitator"
MIGRATIONS_TABLE = "_sqlite_migrations"

# What each released step did, for the names in `_sqlite_migrations`; never rename one.
_LABELS = ("schema", "session-uuid", "checksum", "room")


def step_names() -> list[str]:
    """The name of each step of `schema.MIGRATIONS`, in order ("v2-session-uuid")."""
    return [
        f"v{i + 1}-{_LABELS[i]}" if i < len(_LABELS) else f"v{i + 1}"
        for i in range(len(schema.MIGRATIONS))
    ]


def up_to_date(conn: sqlite3.Connection) -> bool:
    """At the newest version with every step recorded: nothing to do, and no import."""
    if conn.execute("PRAGMA user_version").fetchone()[0] != schema.SCHEMA_VERSION:
        return False
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone():
        return False
    applied = {
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (MIGRATION_SET,)
        )
    }
    return set(step_names()) <= applied


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database to `schema.SCHEMA_VERSION`; each step is all or nothing."""
    if up_to_date(conn):
        return
    from sqlite_utils import Database

    db = Database(conn, execute_plugins=False)
    migrations = build_migrations()
    _adopt_earlier_steps(db, migrations)
    migrations.apply(db)


def build_migrations() -> sqlite_utils.Migrations:
    """The migration set, built from `schema.MIGRATIONS` as it is now (tests add steps)."""
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for index, name in enumerate(step_names()):
        migrations(name=name)(_step(index))
    return migrations


def _step(index: int) -> Any:
    def step(db: sqlite_utils.Database) -> None:
        for statement in schema.MIGRATIONS[index]:
            db.execute(statement)
        # Inside the step's transaction: the version moves with the schema and the record.
        db.execute(f"PRAGMA user_version = {index + 1}")
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")

    step.__name__ = f"step_{index + 1}"
    return step


def _adopt_earlier_steps(db: sqlite_utils.Database, migrations: sqlite_utils.Migrations) -> None:
    """Record as applied the steps a database's `user_version` says it already has."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    with db.atomic():
        # Ours from the first table on: a kill before step 1 must not leave a file that looks
        # like another application's (it would be moved aside on the next open).
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        migrations.ensure_migrations_table(db)
        applied = {m.name for m in migrations.applied(db)}
        missing = [name for name in step_names()[:version] if name not in applied]
        if missing:
            now = str(datetime.now(UTC))
            db[MIGRATIONS_TABLE].insert_all(  # type: ignore[union-attr]
                {"migration_set": MIGRATION_SET, "name": name, "applied_at": now}
                for name in missing
            )
