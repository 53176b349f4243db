"""How the shared screen looks and sounds: theme, scale and the last-seconds cue, on keys.

Installed as a window hook after the meeting hotkeys (`ui.registry.WINDOW_HOOKS`); each key of
the one hotkey table calls one function here. The theme and the cue are app settings; the scale
is saved with the session (a setting keyed by the session's id).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from facilitator_app.engine.cue import cue_second
from facilitator_app.store import SessionStore
from ui.meeting.controller import MeetingController
from ui.meeting.timers import MeetingTimers
from ui.theme import THEME_SETTING, Theme, current, font_px, next_theme_key, set_theme, shared_px

SCALES = (0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6)
CUE_SETTING = "last-seconds-cue"
SHOWN_MS = 1500


FOCUS_RING = (
    "QPushButton:focus, QToolButton:focus, QLineEdit:focus, QTextEdit:focus,"
    " QPlainTextEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus,"
    " QDateTimeEdit:focus, QTableView:focus, QTreeView:focus, QListView:focus"
    " { border: 3px solid palette(highlight); border-radius: 3px; }"
    " QCheckBox:focus, QRadioButton:focus { border: 3px solid palette(highlight); }"
)


def console_palette(theme: Theme) -> QPalette:
    """The console in the theme's colours when it is dark; the desktop's own palette if light."""
    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(theme.focus))  # the focus ring
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(theme.background))
    if not theme.dark:
        return palette
    for role, colour in (
        (QPalette.ColorRole.Window, theme.surface),
        (QPalette.ColorRole.WindowText, theme.text),
        (QPalette.ColorRole.Base, theme.background),
        (QPalette.ColorRole.AlternateBase, theme.surface),
        (QPalette.ColorRole.Text, theme.text),
        (QPalette.ColorRole.Button, theme.surface),
        (QPalette.ColorRole.ButtonText, theme.text),
        (QPalette.ColorRole.ToolTipBase, theme.surface),
        (QPalette.ColorRole.ToolTipText, theme.text),
        (QPalette.ColorRole.Highlight, theme.focus),
        (QPalette.ColorRole.HighlightedText, theme.background),
        (QPalette.ColorRole.PlaceholderText, theme.muted),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def apply_console_theme(console: QWidget, theme: Theme) -> None:
    """The console follows the theme (colours and a visible focus ring), never its font size:
    that stays the desktop's."""
    if console.styleSheet() != FOCUS_RING:  # set once: a new style sheet resets the palette
        console.setStyleSheet(FOCUS_RING)
    console.setPalette(console_palette(theme))


def scale_setting(session_id: int) -> str:
    return f"shared-scale:{session_id}"


def stepped(scale: float, step: int) -> float:
    """The next scale up (+1) or down (-1) in `SCALES`; 0 resets to 100 %."""
    if step == 0:
        return 1.0
    index = min(range(len(SCALES)), key=lambda i: abs(SCALES[i] - scale))
    return SCALES[max(0, min(len(SCALES) - 1, index + step))]


class Toast(QLabel):
    """A brief notice on the shared screen ("Scale 110 %"), gone after a moment."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shared-toast")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)

    def show_text(self, text: str) -> None:
        theme = current()
        window = self.parentWidget()
        assert window is not None
        self.setText(text)
        self.setFont(font_px(shared_px(window, 0.06), bold=True))
        pad = shared_px(window, 0.015)
        self.setStyleSheet(
            f"background: {theme.text}; color: {theme.background}; padding: {pad}px;"
            f" border-radius: {pad}px;"
        )
        self.adjustSize()
        self.move((window.width() - self.width()) // 2, (window.height() - self.height()) // 2)
        self.raise_()
        self.show()
        self.timer.start(SHOWN_MS)


class Display:
    def __init__(self, app: Any, store: SessionStore) -> None:
        self.app = app
        self.store = store
        self.shared = app.shared
        self.toast = Toast(self.shared)
        self.cue_on = store.get_setting(CUE_SETTING) == "on"
        self._last_cue: int | None = None
        self.timers = MeetingTimers.of(app.bridge)
        self.timers.frame.connect(self.tick)

    # ---- theme ----------------------------------------------------------------------------

    def next_theme(self) -> None:
        theme = set_theme(next_theme_key())
        apply_console_theme(self.app.console, theme)
        self.store.set_setting(THEME_SETTING, theme.key)
        self.toast.show_text(f"Theme: {theme.label}")

    # ---- scale ----------------------------------------------------------------------------

    def step_scale(self, step: int) -> None:
        scale = stepped(self.shared.scale(), step)
        self.shared.set_scale(scale)
        self.store.set_setting(scale_setting(self.app.workspace.session_id), f"{scale:g}")
        self.toast.show_text(f"Scale {round(scale * 100)} %")

    # ---- cue ------------------------------------------------------------------------------

    def toggle_cue(self) -> None:
        self.cue_on = not self.cue_on
        self.store.set_setting(CUE_SETTING, "on" if self.cue_on else "off")
        self.toast.show_text("Last-10-seconds bell on" if self.cue_on else "Bell off")

    def tick(self) -> None:
        second = cue_second(self.timers.status())
        if second is not None and second != self._last_cue and self.cue_on:
            QApplication.beep()
        self._last_cue = second


def attach(app: Any) -> Display:
    store = app.workspace.store
    theme = set_theme(store.get_setting(THEME_SETTING) or "")
    apply_console_theme(app.console, theme)
    saved = store.get_setting(scale_setting(app.workspace.session_id))
    try:
        app.shared.set_scale(min(max(float(saved), SCALES[0]), SCALES[-1]) if saved else 1.0)
    except ValueError:
        app.shared.set_scale(1.0)
    app.shared.monitors.console_screen = app.console.screen  # displaced: beside the console
    display = Display(app, store)
    controller = MeetingController.of(app.bridge)
    controller.register("screen.theme", display.next_theme)
    controller.register("screen.scale_up", lambda: display.step_scale(1))
    controller.register("screen.scale_down", lambda: display.step_scale(-1))
    controller.register("screen.scale_reset", lambda: display.step_scale(0))
    controller.register("screen.cue", display.toggle_cue)
    app.display = display
    return display
