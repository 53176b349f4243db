"""The console: the facilitator's window, where everything is edited.

Pages come from `ui.registry.CONSOLE_PAGES` and are built the first time their tab is shown,
so start-up only pays for the first one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from facilitator_app.workspace import Part
from ui import registry
from ui.bridge import WorkspaceBridge


class ConsoleWindow(QMainWindow):
    closing = Signal()

    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
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
        self.undo_label = QLabel()
        self.statusBar().addPermanentWidget(self.undo_label)
        bridge.changed.connect(self._on_changed)
        self.workspace.undo_stack.subscribe(self._undo_changed)
        self.actions_by_id: dict[str, QAction] = {}
        self._menus: dict[str, QMenu] = {}
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

    # ---- menus --------------------------------------------------------------------------

    def add_menu_action(
        self,
        menu_title: str,
        action_id: str,
        text: str,
        handler: Callable[[], object],
        *,
        checkable: bool = False,
    ) -> QAction:
        """A menu item. Its key, if any, is shown from the hotkey table (`ui/hotkeys/table.py`),
        whose dispatcher alone acts on keys."""
        menu = self._menus.get(menu_title)
        if menu is None:
            menu = self.menuBar().addMenu(menu_title)
            self._menus[menu_title] = menu
        action = QAction(text, self)
        action.setObjectName(action_id)
        action.setCheckable(checkable)
        action.triggered.connect(lambda _checked=False: handler())
        menu.addAction(action)
        self.actions_by_id[action_id] = action
        return action

    # ---- state --------------------------------------------------------------------------

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if Part.SESSION in parts or Part.TEAMS in parts:
            self._refresh_title()

    def _refresh_title(self) -> None:
        session = self.workspace.session
        a, b = session.teams
        self.setWindowTitle(f"{session.title} — {a.name} & {b.name} — Postmortem Facilitator")

    def _undo_changed(self) -> None:
        stack = self.workspace.undo_stack
        undo = self.actions_by_id.get("undo")
        redo = self.actions_by_id.get("redo")
        if undo is not None:
            undo.setEnabled(stack.can_undo())
            undo.setText(f"&Undo {stack.undo_text()}".rstrip())
        if redo is not None:
            redo.setEnabled(stack.can_redo())
            redo.setText(f"&Redo {stack.redo_text()}".rstrip())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
