"""SQLite persistence through sqlite-utils: schema, migrations, safe opening, row mapping."""

from storage.repository import SqliteStore

__all__ = ["SqliteStore"]
