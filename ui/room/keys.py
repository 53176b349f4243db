"""The room's keys as the facilitator has them (the one hotkey table plus their remapping)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.bridge import WorkspaceBridge
from ui.hotkeys.table import Keymap, native_text


def keymap_of(bridge: WorkspaceBridge) -> Keymap:
    """The session's live keymap (the one the key dispatcher uses), else the stored one."""
    for child in bridge.findChildren(QObject):
        keymap = getattr(child, "keymap", None)
        if isinstance(keymap, Keymap):
            return keymap
    return Keymap.load(bridge.workspace.store)


def keys_text(keymap: Keymap, action: str) -> str:
    """ "Enter or Del", as the platform writes keys; "no key" when unbound."""
    keys = keymap.keys(action)
    return " or ".join(native_text(k) for k in keys[:2]) if keys else "no key"
