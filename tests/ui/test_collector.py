"""The process's one collection policy: no automatic collection, collections on the GUI thread."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from facilitator_app.collection import collection_policy
from ui.collector import GuiThreadCollector

pytestmark = pytest.mark.gui


def test_the_policy_turns_automatic_collection_off_and_back() -> None:
    gc.enable()
    with collection_policy():
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0  # what was loaded before is out of every collection
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # the UI tests' own policy (conftest) goes on


def test_a_closed_dialog_is_collected_soon_on_the_gui_thread(qapp, qtbot) -> None:
    collector = GuiThreadCollector(qapp)
    collector._soon.setInterval(10)
    threads: list[threading.Thread] = []
    original = collector.collect
    collector.collect = lambda: (threads.append(threading.current_thread()), original())  # type: ignore[method-assign]
    try:
        console = QWidget()
        qtbot.addWidget(console)
        console.show()
        console.activateWindow()
        dialog = QDialog(console)
        field = QLineEdit(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(field.hasFocus)
        assert collector.collections == 0
        dialog.close()  # a collection follows, on the GUI thread
        qtbot.waitUntil(lambda: collector.collections > 0)
        assert all(t is threading.main_thread() for t in threads)
    finally:
        collector.deleteLater()
