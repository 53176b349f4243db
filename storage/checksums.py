"""A checksum per session revision: flipped bits that SQLite's own checks miss are noticed.

A byte flipped inside a page passes `integrity_check` most of the time (the page is still
well-formed, only a value changed), and the session opens silently wrong. So each session, when
it is put away (the store closes), gets a SHA-256 over its canonical JSON (the session file's
content, without the export time and the app version) in its row; reading it back checks it.
Any change to the session's rows sets the checksum to NULL in the same statement (triggers in
the schema), so a session being changed, or left by a crash, is simply not checked until it is
put away again: a warning always means the file changed behind the app's back.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from facilitator_app import __version__
from facilitator_app.model import Session
from facilitator_app.session_json import session_to_dict
from storage.schema import SCHEMA_VERSION

_FIXED_NOW = datetime(2000, 1, 1, tzinfo=UTC)  # open intervals count no time: deterministic
_VOLATILE = ("exported_at", "generator")
# A newer app may write the session JSON differently (a new key): a checksum is only compared
# by the app version and schema that wrote it; any other is resealed, never reported.
SCHEME = f"sha256:{__version__}:v{SCHEMA_VERSION}:"


def comparable(stored: str) -> bool:
    return stored.startswith(SCHEME)


def session_checksum(session: Session) -> str:
    data = session_to_dict(session, now=_FIXED_NOW)
    for key in _VOLATILE:
        data.pop(key, None)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return SCHEME + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def mismatch_notice(session_id: int, title: str) -> str:
    return (
        f"session {session_id} ({title!r}) no longer matches its checksum: the file was changed "
        "outside the app (a disk or copy error?). Check it, or restore an earlier copy with "
        "`facilitator restore-backup`."
    )
