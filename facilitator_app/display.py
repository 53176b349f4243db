"""Whether a window can open at all: the one check the composition root and the windows share."""

from __future__ import annotations

import os


def has_display() -> bool:
    """A platform is named, or an X11 or Wayland display is there."""
    return bool(
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )
