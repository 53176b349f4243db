"""Fixtures for the UI tests: a live meeting with its bridge and controller."""

import gc
from collections.abc import Iterator

import pytest

from tests.ui.live import live

__all__ = ["live"]


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_the_gui_thread() -> Iterator[None]:
    """Each test's windows are collected here, on the GUI thread, not later by chance in a
    worker thread of another test (which would destroy Qt objects off the GUI thread)."""
    yield
    gc.collect()
