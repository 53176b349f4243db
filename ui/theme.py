"""Colours and type sizes of both windows, by theme. The shared screen scales type with its height.

Projectors wash out dark greys and thin strokes: the default theme ("projector light") draws
near-black text on a near-white background in bold weights; "dark" and "high contrast" are for
rooms that need them. Theme data lives in `resources/themes.toml`; every text colour of every
theme reaches 7:1 against its background (tested). The theme is an app setting (`theme`); views
read `current()` when they paint or refresh, and `ThemeSignals.changed` tells them to.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ui import colours

THEME_SETTING = "theme"
DEFAULT_THEME = "projector-light"

# The projector-light colours under their old names, for console code that is not themed.
SHARED_BACKGROUND = "#FAFAF7"
SHARED_TEXT = "#111111"
MUTED_TEXT = "#3D3D3D"
AMBER = "#8A4000"
RED = "#AB0056"
OK_GREEN = "#13592A"
INTERACTION = "#55287F"  # the interaction between the two systems (a factor owner)


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    dark: bool
    background: str
    surface: str
    text: str
    muted: str
    accent: str
    amber: str
    red: str
    ok: str
    interaction: str
    process: str
    team_kind: str
    ink_on_state: str
    no_answer: str
    focus: str

    def role(self, name: str) -> str:
        """A colour by role name (the fit layout's paragraphs name theirs)."""
        return str(getattr(self, name, self.text))

    def team_ink(self, colour: str, background: str | None = None) -> str:
        """A team's colour as text: its nearest shade that reads at 7:1 here."""
        return colours.legible(colour, background or self.background)

    def team_fill(self, colour: str) -> tuple[str, str]:
        """(fill, ink) for text on a team's colour."""
        return colours.fill_for_text(colour)


@cache
def themes() -> dict[str, Theme]:
    data = tomllib.loads(resources.files("resources").joinpath("themes.toml").read_text("utf-8"))
    names = {f.name for f in fields(Theme)} - {"key"}
    return {
        key: Theme(key=key, **{k: v for k, v in table.items() if k in names})
        for key, table in data.items()
    }


class ThemeSignals(QObject):
    changed = Signal(str)


_state: dict[str, str] = {"key": DEFAULT_THEME}
_signals: list[ThemeSignals] = []


def signals() -> ThemeSignals:
    """The process's one notifier (created on first use, on the GUI thread)."""
    if not _signals:
        _signals.append(ThemeSignals())
    return _signals[0]


def current() -> Theme:
    return themes().get(_state["key"]) or themes()[DEFAULT_THEME]


def set_theme(key: str) -> Theme:
    """Switch the theme (an unknown key falls back to the default) and tell every view."""
    _state["key"] = key if key in themes() else DEFAULT_THEME
    signals().changed.emit(_state["key"])
    return current()


def next_theme_key() -> str:
    keys = list(themes())
    return keys[(keys.index(current().key) + 1) % len(keys)]


def shared_px(widget: QWidget, fraction: float, minimum: int = 12) -> int:
    """A pixel size as a fraction of the window height, times the shared screen's scale.

    A size that is at least the floor (`floor_px`: type) never scales below it, so a smaller
    scale cannot make any text unreadable; smaller sizes (padding, gaps) scale freely.
    """
    window = widget.window()
    height = window.height() or 720
    scale = window.property("shared_scale")
    factor = float(scale) if isinstance(scale, int | float) and scale else 1.0
    size = round(height * fraction * factor)
    floor = -(-height // 45)
    if height * fraction >= floor:
        size = max(size, floor)
    return max(minimum, size)


def floor_px(widget: QWidget) -> int:
    """The smallest type the shared screen ever draws: 1/45 of its height."""
    return -(-(widget.window().height() or 720) // 45)


def font_px(pixels: int, *, bold: bool = False, family: str | None = None) -> QFont:
    font = QFont(family) if family else QFont(QApplication.font())
    font.setPixelSize(max(1, pixels))
    font.setBold(bold)
    return font


def apply_shared_palette(widget: QWidget, theme: Theme | None = None) -> None:
    theme = theme or current()
    palette = widget.palette()
    for role, colour in (
        (QPalette.ColorRole.Window, theme.background),
        (QPalette.ColorRole.WindowText, theme.text),
        (QPalette.ColorRole.Base, theme.background),
        (QPalette.ColorRole.Text, theme.text),
    ):
        palette.setColor(role, QColor(colour))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


def readable_text_on(colour: str) -> str:
    """Black or white, whichever contrasts more with a team colour."""
    return colours.ink_on(colour)
