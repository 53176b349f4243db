"""The shared screen: what the room sees on the projector. Read-only, large type, no chrome.

Always visible: the incident title, the current phase, the clock and the speaking balance (header
slots filled from `ui.registry.SHARED_HEADER_WIDGETS`). The middle shows the view registered for
the current phase. `B` blanks it (black, nothing readable), `G` brings the language guide up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.agenda import current_phase
from facilitator_app.workspace import Part, ScreenMode
from ui import registry
from ui.bridge import WorkspaceBridge
from ui.shared.display import Display
from ui.shared.monitors import MonitorKeeper, window_rect
from ui.theme import apply_shared_palette, current, font_px, shared_px, signals
from ui.widgets.elided_label import ElidedLabel


class SharedScreen(QWidget):
    closing = Signal()

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("shared-screen")
        self.bridge = bridge
        self.workspace = bridge.workspace
        self.setWindowTitle("Postmortem — shared screen")
        self.setMinimumSize(640, 360)
        self.setProperty("shared_scale", 1.0)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.modes = QStackedWidget()
        outer.addWidget(self.modes)

        self.meeting = QWidget()
        layout = QVBoxLayout(self.meeting)
        self.margin_layout = layout
        header = QHBoxLayout()
        titles = QVBoxLayout()
        self.title = ElidedLabel()
        self.title.setObjectName("shared-title")
        self.phase = QLabel()
        self.phase.setObjectName("shared-phase")
        self.phase.setProperty("role", "muted")
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.phase)
        titles.addStretch(1)
        header.addLayout(titles, 1)
        self.header_slots: dict[str, QWidget] = {}
        # The band (the speaking balance) sits under the title, beside the clock, so that the
        # header costs the clock's height only and the phase view keeps most of a 720p screen.
        for name, spec in registry.SHARED_BAND_WIDGETS.items():
            widget = registry.load(spec)(bridge, self)
            self.header_slots[name] = widget
            titles.addWidget(widget)
        for name, spec in registry.SHARED_HEADER_WIDGETS.items():
            widget = registry.load(spec)(bridge, self)
            self.header_slots[name] = widget
            header.addWidget(widget, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        self.phase_views = QStackedWidget()
        self._views: dict[str, QWidget] = {}
        layout.addWidget(self.phase_views, 1)
        for name, spec in registry.SHARED_FOOTER_WIDGETS.items():
            widget = registry.load(spec)(bridge, self)
            self.header_slots[name] = widget
            layout.addWidget(widget)
        self.modes.addWidget(self.meeting)

        self.blank = QWidget()
        self.blank.setObjectName("blank")
        self.modes.addWidget(self.blank)
        self.guide: QWidget | None = None
        self.monitors = MonitorKeeper(self, None, self.workspace.store)

        bridge.changed.connect(self._on_changed)
        signals().changed.connect(self.apply_theme)
        self._paint_theme()
        self.refresh_header()
        self.show_current_phase()
        Display.of(bridge).attach(self)  # the saved theme and scale

    # ---- theme and scale ----------------------------------------------------------------

    def _paint_theme(self) -> None:
        theme = current()
        apply_shared_palette(self, theme)
        # The style sheet carries the colours too: Qt restores a widget's earlier palette when
        # a new style sheet is polished, so the palette alone would not stick.
        self.setStyleSheet(
            f"QWidget {{ color: {theme.text}; }}"
            f" QWidget#shared-screen {{ background: {theme.background}; }}"
            f' *[role="muted"] {{ color: {theme.muted}; }} QWidget#blank {{ background: black; }}'
        )

    def apply_theme(self, _key: str = "") -> None:
        """Repaint in the current theme: the phase views are built again in its colours."""
        self._paint_theme()
        for view in self._views.values():
            self.phase_views.removeWidget(view)
            view.hide()
            view.deleteLater()
        self._views.clear()
        if self.guide is not None:
            self.modes.removeWidget(self.guide)
            self.guide.deleteLater()
            self.guide = None
        self.show_current_phase()
        self.apply_screen_mode()
        for widget in self.findChildren(QWidget):
            widget.update()

    def scale(self) -> float:
        return float(self.property("shared_scale") or 1.0)

    def set_scale(self, scale: float) -> None:
        """Every size on this window is multiplied by `scale` (Ctrl+= / Ctrl+- / Ctrl+0)."""
        self.setProperty("shared_scale", scale)
        self.relayout()

    def relayout(self) -> None:
        """Sizes follow the window: tell every view its size changed, so it lays out again."""
        for widget in [self, *self.findChildren(QWidget)]:
            QApplication.sendEvent(widget, QResizeEvent(widget.size(), widget.size()))

    # ---- content ------------------------------------------------------------------------

    def _view_for(self, key: str) -> QWidget:
        spec = registry.SHARED_PHASE_VIEWS.get(key, registry.SHARED_FALLBACK_VIEW)
        if spec not in self._views:
            view = registry.load(spec)(self.bridge, self.phase_views)
            self._views[spec] = view
            self.phase_views.addWidget(view)
        return self._views[spec]

    def show_current_phase(self) -> None:
        phase = current_phase(self.workspace.session)
        self.phase_views.setCurrentWidget(self._view_for(phase.key if phase else ""))

    def current_view(self) -> QWidget | None:
        return self.phase_views.currentWidget()

    def refresh_header(self) -> None:
        session = self.workspace.session
        self.title.setText(session.title)
        phase = current_phase(session)
        self.phase.setText(phase.title if phase else "")
        self.setWindowTitle(f"{session.title} — shared screen")

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.SESSION, Part.PHASES, Part.CLOCK}:
            self.refresh_header()
        if parts & {Part.PHASES, Part.CLOCK}:
            self.show_current_phase()
        if Part.SCREEN in parts:
            self.apply_screen_mode()

    def apply_screen_mode(self) -> None:
        mode = self.workspace.screen_mode
        if mode is ScreenMode.BLANK:
            self.modes.setCurrentWidget(self.blank)
        elif mode is ScreenMode.GUIDE and registry.SHARED_GUIDE_VIEW:
            if self.guide is None:
                self.guide = registry.load(registry.SHARED_GUIDE_VIEW)(self.bridge, self)
                self.modes.addWidget(self.guide)
            self.modes.setCurrentWidget(self.guide)
        else:
            self.modes.setCurrentWidget(self.meeting)

    def resizeEvent(self, event: QResizeEvent) -> None:
        margin = shared_px(self, 0.02, minimum=8)
        self.margin_layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        self.title.setFont(font_px(shared_px(self, 0.05), bold=True))
        self.phase.setFont(font_px(shared_px(self, 0.035), bold=True))
        for widget in self.header_slots.values():
            widget.updateGeometry()  # their size hints scale with the window's height
        super().resizeEvent(event)

    # ---- placement ----------------------------------------------------------------------

    def move_to_next_screen(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            return
        current = self.screen()
        index = screens.index(current) if current in screens else 0
        target = screens[(index + 1) % len(screens)]
        was_full = self.isFullScreen()
        if was_full:
            self.showNormal()
        self.setScreen(target)
        self.move(target.availableGeometry().topLeft())
        if was_full:
            self.showFullScreen()
        self.monitors.remember(target)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def place_initially(self) -> None:
        """Full screen on a second monitor if there is one; else a window beside the console."""
        screens = QGuiApplication.screens()
        home = self.monitors.home_screen()
        if len(screens) > 1 or (home is not None and home is not QGuiApplication.primaryScreen()):
            primary = QGuiApplication.primaryScreen()
            target = home or next(s for s in screens if s is not primary)
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
            self.monitors.remember(target)
        else:
            area = (QGuiApplication.primaryScreen() or self.screen()).availableGeometry()
            self.setGeometry(window_rect(area))
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the projector window only hides it; the console can show it again.
        self.closing.emit()
        super().closeEvent(event)
