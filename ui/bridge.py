"""Turns the core workspace's plain callbacks into a Qt signal that widgets connect to.

The workspace (core) owns the state; this bridge only forwards "these parts changed" so that a
widget repaints what it shows. One bridge per open session, shared by both windows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from facilitator_app.workspace import Part, Workspace


class WorkspaceBridge(QObject):
    changed = Signal(object)  # frozenset[Part]

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        workspace.subscribe(self._forward)

    def _forward(self, parts: frozenset[Part]) -> None:
        self.changed.emit(parts)

    def detach(self) -> None:
        self.workspace.unsubscribe(self._forward)
