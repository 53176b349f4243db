"""What the user reads when the app cannot start, each naming the fix in one paragraph.

A facilitator installs the app the day before a meeting; an error then must say what to do, not
show a traceback. The texts live here (Qt-free, tested); `app.py` and `ui/app.py` decide where
they appear: a dialog where Qt can show one, standard error where it cannot.
"""

from __future__ import annotations

import re
from pathlib import Path

# Shared libraries Qt loads from the system, and the Debian/Ubuntu package that has each.
DEBIAN_PACKAGE_OF = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
}

_LIBRARY = re.compile(r"(lib[\w.+-]+\.so(?:\.\d+)*)")


def missing_library_name(error: BaseException) -> str | None:
    """The shared library an ImportError or OSError from the dynamic loader names, if any."""
    found = _LIBRARY.search(str(error))
    return found.group(1) if found else None


def _install_hint(library: str | None) -> str:
    package = DEBIAN_PACKAGE_OF.get(library or "")
    if package:
        return f"On Debian or Ubuntu: `sudo apt-get install {package}`"
    return (
        "On Debian or Ubuntu, `sudo apt-get install libegl1 libgl1 libxkbcommon0 "
        "libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core` installs what Qt needs"
    )


def missing_qt_library(error: BaseException) -> str:
    library = missing_library_name(error)
    named = f" ({library})" if library else ""
    return (
        f"the windows cannot open: a system library Qt needs is missing{named}. "
        f"{_install_hint(library)}, then start the app again (from a checkout, "
        "`bash packaging/install-system-deps.sh` installs every one). Commands such as "
        "`facilitator sessions` and `facilitator export` work without it."
    )


def missing_xcb_library(library: str | None) -> str:
    named = f" ({library})" if library else ""
    return (
        f"the windows cannot open on this X11 desktop: a library of Qt's X11 plugin is "
        f"missing{named}. {_install_hint(library)} (the full list is in "
        "packaging/install-system-deps.sh), then start the app again. On Wayland, "
        "`QT_QPA_PLATFORM=wayland facilitator` avoids the X11 plugin."
    )


def no_display() -> str:
    return (
        "no display found: the app opens two windows and needs a desktop session. Start it "
        "from your desktop's application menu or a terminal inside the desktop; over SSH use "
        "`ssh -X`; on a machine without a screen run it on a virtual one: "
        "`xvfb-run -a facilitator`. Commands such as `facilitator sessions` or "
        "`facilitator export` need no display."
    )


def data_folder_unwritable(folder: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return (
        f"cannot use the data folder {folder}: {reason}. The app keeps its database there. "
        "Make the folder (or its parent) writable by you, or point XDG_DATA_HOME at a "
        "folder you can write to, or choose a database with `facilitator --db PATH`."
    )
