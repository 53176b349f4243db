"""The language guide on the shared screen: a compact strip in every phase, and `G`'s large view.

`bring_guide_to_front(bridge)` is what the `G` hotkey calls: the relevant rule (the one the
facilitator's typing last tripped, else the next in turn) fills the shared screen in large type
for `GUIDE_SECONDS`, then the meeting view comes back. The timer only ends the display; the
state (screen mode, rule) lives in the workspace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from facilitator_app.agenda import current_phase
from facilitator_app.errors import UserError
from facilitator_app.language import LanguageGuide, current_guide, load_guide
from facilitator_app.language.focus import bring_guide_to_front as choose_and_show
from facilitator_app.workspace import Part, ScreenMode
from ui.bridge import WorkspaceBridge
from ui.shared.fit import Band, Column, Para
from ui.shared.fit_view import FitView
from ui.theme import font_px, shared_px

GUIDE_SECONDS = 8
ROTATE_SECONDS = 12
TIMER_NAME = "language-guide-timer"
log = logging.getLogger(__name__)


def guide_or_builtin(report: Callable[[str], object] | None = None) -> LanguageGuide:
    """The guide's rules to show, with the user's override; the built-in ones if the override
    is broken. Patterns are not compiled here: showing the guide stays instant."""
    try:
        return current_guide(check_patterns=False)
    except UserError as exc:
        log.warning("language guide override not used: %s", exc.message)
        if report is not None:
            report(f"Language guide override not used: {exc.message}")
        return load_guide(use_user_file=False, check_patterns=False)


def bring_guide_to_front(bridge: WorkspaceBridge, seconds: float = GUIDE_SECONDS) -> str:
    """`G`: the relevant rule, large, for a few seconds. Pressing again moves to the next."""
    rule_id = choose_and_show(bridge.workspace, guide_or_builtin())
    _restart_timer(bridge, seconds)
    return rule_id


def show_rule(bridge: WorkspaceBridge, rule_id: str, seconds: float = GUIDE_SECONDS) -> None:
    """One chosen rule, large, for a few seconds (the console's "Show" buttons)."""
    bridge.workspace.show_guide_rule(rule_id)
    _restart_timer(bridge, seconds)


def _restart_timer(bridge: WorkspaceBridge, seconds: float) -> None:
    timer = bridge.findChild(QTimer, TIMER_NAME)
    if timer is None:
        timer = QTimer(bridge)
        timer.setObjectName(TIMER_NAME)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: _back_to_meeting(bridge))
    timer.start(round(seconds * 1000))


def _back_to_meeting(bridge: WorkspaceBridge) -> None:
    if bridge.workspace.screen_mode is ScreenMode.GUIDE:
        bridge.workspace.set_screen_mode(ScreenMode.MEETING)


def pack_pages(widths: Sequence[int], available: int, gap: int) -> list[list[int]]:
    """Split items of the given widths into pages that each fit `available` (one line each).

    An item wider than the line gets a page of its own (it is elided when drawn).
    """
    pages: list[list[int]] = []
    current: list[int] = []
    used = 0
    for index, width in enumerate(widths):
        need = width if not current else used + gap + width
        if current and need > available:
            pages.append(current)
            current, used = [index], width
        else:
            current.append(index)
            used = need
    if current:
        pages.append(current)
    return pages


class LanguageGuideStrip(QWidget):
    """One line under the meeting view: the guide's rule titles, a page at a time.

    Hidden in the framing phase, whose view shows the whole guide.
    """

    SEPARATOR = "   ·   "

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("language-guide-strip")
        self.workspace = bridge.workspace
        self.guide = guide_or_builtin()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.heading = QLabel("Language guide")
        self.heading.setObjectName("language-guide-heading")
        self.heading.setProperty("role", "muted")
        self.line = QLabel()
        self.line.setObjectName("language-guide-line")
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        self.line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.line.installEventFilter(self)
        layout.addWidget(self.heading)
        layout.addSpacing(16)
        layout.addWidget(self.line, 1)
        self.pages: list[list[int]] = [list(range(len(self.guide.rules)))]
        self.page = 0
        self.rotation = QTimer(self)
        self.rotation.setInterval(ROTATE_SECONDS * 1000)
        self.rotation.timeout.connect(self.next_page)
        bridge.changed.connect(self._on_changed)
        self._show_for_phase()

    def titles(self) -> list[str]:
        return [rule.title for rule in self.guide.rules]

    def shown_titles(self) -> list[str]:
        titles = self.titles()
        return [titles[i] for i in self.pages[self.page % len(self.pages)]]

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.PHASES, Part.CLOCK, Part.SESSION}:
            self._show_for_phase()

    def _show_for_phase(self) -> None:
        phase = current_phase(self.workspace.session)
        self.setVisible(phase is None or phase.key != "framing")

    def _repage(self) -> None:
        metrics = QFontMetrics(self.line.font())
        widths = [metrics.horizontalAdvance(t) for t in self.titles()]
        gap = metrics.horizontalAdvance(self.SEPARATOR)
        self.pages = pack_pages(widths, max(1, self.line.width()), gap) or [[]]
        self.page %= len(self.pages)
        if len(self.pages) > 1:
            if not self.rotation.isActive():
                self.rotation.start()
        else:
            self.rotation.stop()
        self._render()

    def next_page(self) -> None:
        self.page = (self.page + 1) % len(self.pages)
        self._render()

    def _render(self) -> None:
        text = self.SEPARATOR.join(self.shown_titles())
        metrics = QFontMetrics(self.line.font())
        self.line.setText(
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(1, self.line.width()))
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.Resize:
            self._repage()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = shared_px(self, 0.034, minimum=14)
        self.heading.setFont(font_px(size, bold=True))
        self.line.setFont(font_px(size, bold=True))
        super().resizeEvent(event)
        self._repage()


class LanguageGuideSpotlight(QWidget):
    """`G`'s view: one rule of the guide filling the shared screen, readable from the back.

    Laid out by `ui.shared.fit`: at a large scale or with a long rule the text shrinks, then the
    "why" line goes first, whole; nothing is cut.
    """

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("language-guide-spotlight")
        self.workspace = bridge.workspace
        layout = QVBoxLayout(self)
        self.text = FitView(self)
        self.text.setObjectName("spotlight-text")
        self.text.setAccessibleName("Language guide")
        self.text.valign = 0.4
        layout.addWidget(self.text)
        self.rule_id = ""
        self.title = ""
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if Part.SCREEN in parts:
            self.refresh()

    def refresh(self) -> None:
        guide = guide_or_builtin()
        rule = guide.rule(self.workspace.guide_rule_id or "") or guide.rules[0]
        self.rule_id = rule.id
        self.title = rule.title

        def px(fraction: float) -> float:
            return float(shared_px(self, fraction, minimum=1))

        paras = (
            Para("Language guide", px(0.04), bold=True, role="muted"),
            Para(rule.title, px(0.095), bold=True),
            Para(f"Instead of: {rule.avoid}", px(0.05), gap_before=0.5),
            Para(f"Say: {rule.instead}", px(0.05), gap_before=0.3),
            Para(f"Why: {rule.why}", px(0.038), role="muted", priority=1, gap_before=0.6),
        )
        self.text.set_bands([Band((Column(paras),))])

    def resizeEvent(self, event: QResizeEvent) -> None:
        margin = shared_px(self, 0.06, minimum=16)
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        self.refresh()
        super().resizeEvent(event)
