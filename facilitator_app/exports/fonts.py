"""Finds a Unicode TrueType font (DejaVu Sans) for the PDF, without importing anything heavy.

PDF core fonts only know Latin-1, and team names, actors and quotes from chat logs do not stay
inside it. DejaVu Sans ships with matplotlib (a dependency), so it is found there first, by the
package's location alone; then fontconfig is asked; without either the PDF falls back to a core
font and replaces what it cannot show (see `render_pdf`).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


@dataclass(frozen=True)
class FontFiles:
    """One file per style ("" regular, "B" bold, "I" italic)."""

    family: str
    files: dict[str, Path]


def _matplotlib_fonts() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "mpl-data" / "fonts" / "ttf"
        if (folder / STYLES[""]).is_file():
            return folder
    return None


def _fontconfig(style: str) -> Path | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = {"": "DejaVu Sans", "B": "DejaVu Sans:bold", "I": "DejaVu Sans:oblique"}[style]
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(result.stdout.strip())
    return path if result.returncode == 0 and path.name in STYLES.values() else None


@cache
def find_unicode_font() -> FontFiles | None:
    """DejaVu Sans in three styles, or None when neither matplotlib nor fontconfig has it."""
    folder = _matplotlib_fonts()
    if folder is not None:
        files = {style: folder / name for style, name in STYLES.items()}
        if all(p.is_file() for p in files.values()):
            return FontFiles("DejaVu", files)
    found = {style: _fontconfig(style) for style in STYLES}
    if all(found.values()):
        return FontFiles("DejaVu", {k: v for k, v in found.items() if v is not None})
    return None
