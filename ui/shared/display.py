"""How the shared screen looks and sounds: theme, scale and the last-seconds cue, on keys.

`Display.of(bridge)` is the session's; the action registry (`ui/actions.py`) calls one method
of it for each key of the one hotkey table. The theme and the cue are app settings; the scale
is saved with the session (a setting keyed by the session's id).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from facilitator_app.engine.cue import cue_second
from facilitator_app.store import SessionStore
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


def apply_console_theme(theme: Theme) -> None:
    """The console and its dialogs follow the theme (colours and a visible focus ring), never
    its font or size: those stay the desktop's. The shared screen sets its own colours."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if app.styleSheet() != FOCUS_RING:  # set once: a new style sheet resets the palette
        app.setStyleSheet(FOCUS_RING)
    app.setPalette(console_palette(theme))


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


class Display(QObject):
    """The session's look and sound, one per session (a child of its bridge, like its timers);
    the shared screen attaches itself when it is built."""

    @classmethod
    def of(cls, bridge: QObject) -> Display:
        found = bridge.findChild(Display)
        return found if isinstance(found, Display) else Display(bridge)

    def __init__(self, bridge: Any) -> None:
        super().__init__(bridge)
        self.workspace = bridge.workspace
        self.store: SessionStore = bridge.workspace.store
        self.shared: Any = None
        self.toast: Toast | None = None
        self.cue_on = self.store.get_setting(CUE_SETTING) == "on"
        self._last_cue: int | None = None
        self.timers = MeetingTimers.of(bridge)
        self.timers.frame.connect(self.tick)

    def attach(self, shared: Any) -> None:
        """The shared screen is built: the saved theme (both windows) and the session's scale."""
        self.shared = shared
        self.toast = Toast(shared)
        theme = set_theme(self.store.get_setting(THEME_SETTING) or "")
        apply_console_theme(theme)
        saved = self.store.get_setting(scale_setting(self.workspace.session_id))
        try:
            scale = min(max(float(saved), SCALES[0]), SCALES[-1]) if saved else 1.0
        except ValueError:
            scale = 1.0
        shared.set_scale(scale)

    def _show(self, text: str) -> None:
        if self.toast is not None:
            self.toast.show_text(text)

    # ---- theme ----------------------------------------------------------------------------

    def next_theme(self) -> None:
        theme = set_theme(next_theme_key())
        apply_console_theme(theme)
        self.store.set_setting(THEME_SETTING, theme.key)
        self._show(f"Theme: {theme.label}")

    # ---- scale ----------------------------------------------------------------------------

    def step_scale(self, step: int) -> None:
        if self.shared is None:
            return
        scale = stepped(self.shared.scale(), step)
        self.shared.set_scale(scale)
        self.store.set_setting(scale_setting(self.workspace.session_id), f"{scale:g}")
        self._show(f"Scale {round(scale * 100)} %")

    # ---- cue ------------------------------------------------------------------------------

    def toggle_cue(self) -> None:
        self.cue_on = not self.cue_on
        self.store.set_setting(CUE_SETTING, "on" if self.cue_on else "off")
        self._show("Last-10-seconds bell on" if self.cue_on else "Bell off")

    def tick(self) -> None:
        second = cue_second(self.timers.status())
        if second is not None and second != self._last_cue and self.cue_on:
            QApplication.beep()
        self._last_cue = second
