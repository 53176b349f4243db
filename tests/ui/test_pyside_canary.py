"""Canary for the PySide6 6.12.0 bug on Python 3.11 (ENVIRONMENT.md).

There, every call of a Qt method that returns nothing drops one reference to `None`; after a few
thousand calls the interpreter aborts with "Fatal Python error: none_dealloc", in the middle of a
meeting. An upgrade that brings the bug back must fail here, loudly, instead.
"""

from __future__ import annotations

import sys

import pytest
from PySide6 import __version_info__ as pyside_version
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel

pytestmark = pytest.mark.gui

CALLS = 10_000
# Other code may take or drop a handful of references meanwhile; the bug drops one per call.
SLACK = 200


def test_void_qt_methods_do_not_lose_references_to_none(qapp: QApplication) -> None:
    obj = QObject()
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        obj.setObjectName("canary")
        label.setText("x" if i % 2 else "y")
    after = sys.getrefcount(None)
    assert after >= before - SLACK, (
        f"{before - after} references to None lost over {2 * CALLS} void Qt calls: this PySide6 "
        f"({'.'.join(map(str, pyside_version[:3]))}) has the none_dealloc bug; pin it below 6.12"
    )


def test_the_installed_pyside6_is_below_6_12() -> None:
    assert tuple(pyside_version[:2]) < (6, 12), (
        f"PySide6 {pyside_version[:3]} is installed; pyproject.toml pins <6.12 (see ENVIRONMENT.md)"
    )
