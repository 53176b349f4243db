"""When to offer putting back the newest backup: the rule, apart from any dialog or command.

Offered when the database was unusable and moved aside (a fresh, empty one took its place), or
a session no longer matches its checksum (bytes changed behind the app's back), and there is a
backup to put back. The CLI has `facilitator restore-backup`; the app asks at start.
"""

from __future__ import annotations

from pathlib import Path


def restore_offer(
    *, moved_aside: bool, checksum_failures: set[int], newest_backup: Path | None
) -> str | None:
    """Why the user may want the newest backup back, or None when there is nothing to offer."""
    if newest_backup is None:
        return None
    if moved_aside:
        return (
            "The database could not be used and was moved aside; a fresh, empty one was "
            "started. Put back the newest backup instead?"
        )
    if checksum_failures:
        ids = ", ".join(str(i) for i in sorted(checksum_failures))
        return (
            f"Session {ids} no longer matches its checksum: the file was changed outside the "
            "app. Put back the newest backup? (The current file is kept, moved aside.)"
        )
    return None
