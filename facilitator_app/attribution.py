"""Who added something from the room (issue 10), worded once for the console and the exports.

An accepted proposal keeps its author on what it created (`added_by`, e.g. "Amara Diallo
(Payments)"); what the facilitator typed has none.
"""

from __future__ import annotations


def added_by_text(added_by: str) -> str:
    """ "added by Amara Diallo (Payments) from the room", or "" when the facilitator typed it."""
    return f"added by {added_by} from the room" if added_by else ""


def added_by_tooltip(added_by: str) -> str:
    """The console's tooltip: the same words, as a sentence."""
    text = added_by_text(added_by)
    return text[:1].upper() + text[1:] if text else ""
