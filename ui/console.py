"""The console: the facilitator's window, where everything is edited.

Pages come from `ui.registry.CONSOLE_PAGES` and are built the first time their tab is shown,
so start-up only pays for the first one. The menus list the session's actions (`ui.actions`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from facilitator_app.workspace import Part
from ui import registry
from ui.actions import MENUS, Actions
from ui.bridge import WorkspaceBridge


class ConsoleWindow(QMainWindow):
    closing = Signal()

    def __init__(
        self, bridge: WorkspaceBridge, actions: Actions, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("console")
        self.bridge = bridge
        self.workspace = bridge.workspace
        self.resize(1280, 800)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._page_specs: list[str] = []
        self.pages: dict[str, QWidget] = {}
        for title, spec in registry.CONSOLE_PAGES:
            self._page_specs.append(spec)
            self.tabs.addTab(QWidget(), title)
        self.tabs.currentChanged.connect(self._ensure_page)
        self._ensure_page(0)
        for title, items in MENUS:
            menu = self.menuBar().addMenu(title)
            for action_id, _text in items:
                menu.addAction(actions.action(action_id))
        bridge.changed.connect(self._on_changed)
        self._refresh_title()

    # ---- pages --------------------------------------------------------------------------

    def _ensure_page(self, index: int) -> None:
        if index < 0 or index >= len(self._page_specs):
            return
        spec = self._page_specs[index]
        if spec in self.pages:
            return
        page = registry.load(spec)(self.bridge)
        self.pages[spec] = page
        title = self.tabs.tabText(index)
        self.tabs.blockSignals(True)
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if old is not None:
            old.deleteLater()
        self.tabs.insertTab(index, page, title)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)

    def show_page(self, title: str) -> QWidget | None:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "") == title:
                self.tabs.setCurrentIndex(index)
                self._ensure_page(index)
                return self.tabs.widget(index)
        return None

    # ---- state --------------------------------------------------------------------------

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if Part.SESSION in parts or Part.TEAMS in parts:
            self._refresh_title()

    def _refresh_title(self) -> None:
        session = self.workspace.session
        a, b = session.teams
        self.setWindowTitle(f"{session.title} — {a.name} & {b.name} — Postmortem Facilitator")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
