"""PySide6's import hook (for `from __feature__ import ...`, unused here) is undone by `ui`:
with it, every import statement after PySide6 loads reads the imported module's source."""

from __future__ import annotations

import builtins
from pathlib import Path

import ui

REPO = Path(__file__).resolve().parents[2]


def test_importing_ui_leaves_python_its_own_import() -> None:
    assert ui is not None
    assert getattr(builtins, "__feature_import__", None) is not None  # PySide6 installed it
    assert builtins.__import__ is not builtins.__feature_import__  # type: ignore[attr-defined]


def test_no_module_of_the_app_selects_a_pyside6_feature() -> None:
    """snake_case / true_property would need the hook: none of our modules asks for them."""
    for folder in ("ui", "facilitator_app", "storage", "companion"):
        for path in (REPO / folder).rglob("*.py"):
            lines = path.read_text(encoding="utf-8").splitlines()
            assert not any(ln.strip().startswith("from __feature__") for ln in lines), path
