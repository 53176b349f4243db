"""Fixtures for the UI tests: a live meeting with its bridge and controller."""

import gc
from collections.abc import Iterator

import pytest

from facilitator_app.collection import collection_policy
from tests.ui.live import live

__all__ = ["live"]


@pytest.fixture(scope="session", autouse=True)
def _the_apps_collection_policy() -> Iterator[None]:
    """UI tests run under the app's policy: no automatic collection, so a worker thread (the
    checker build, an export) never frees Qt objects off the GUI thread."""
    with collection_policy():
        yield


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_the_gui_thread() -> Iterator[None]:
    """Each test's windows are collected here, on the GUI thread, as `ui.collector` does."""
    yield
    gc.collect()
