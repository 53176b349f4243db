"""New databases laid down from a cached empty one at the current schema.

Migrating a new database runs through sqlite-utils, whose import (with numpy) costs about
0.2 s. `--demo` makes a new database on every run, before its first paint; a copy of an empty
database made once by the ordinary migrations skips that. The cache is keyed by the migrations'
own text, so a changed schema makes a new one; any trouble with the cache falls back to the
ordinary path.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

from facilitator_app.errors import StorageError
from storage import schema
from storage.opening import open_database


def _template_name() -> str:
    fingerprint = hashlib.sha256(repr(schema.MIGRATIONS).encode()).hexdigest()[:16]
    return f"empty-v{schema.SCHEMA_VERSION}-{fingerprint}.db"


def lay_down_empty_database(path: Path, cache_dir: Path) -> bool:
    """Copy the cached empty database to `path` (a path where no file is), making the cache
    first if needed; False (nothing written at `path`) when the cache cannot be used."""
    template = cache_dir / _template_name()
    try:
        if not template.exists():
            cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            building = template.with_name(f"{template.name}.{os.getpid()}.tmp")
            open_database(building, lock=False).close()
            os.replace(building, template)  # whole or not at all, even with two at once
        shutil.copyfile(template, path)
    except (OSError, StorageError):
        with contextlib.suppress(OSError):
            path.unlink()
        return False
    return True
