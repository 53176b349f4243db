"""The Ctrl+E export dialog: writes the chosen format off the UI thread, reports progress."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator_app.engine import SystemClock
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from tests.helpers.export_sessions import export_session
from tests.ui.live import running_app
from ui.export_dialog import ExportDialog, default_file_name, export_choices, open_export_dialog

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path):
    store = SqliteStore.open(tmp_path / "facilitator.db")
    session = export_session()
    session.pre_read_sent_at = None
    store.create_session(session)
    yield open_workspace(store, session, SystemClock())
    store.close()


@pytest.fixture
def dialog(qtbot, workspace, monkeypatch):
    opened: list[object] = []
    monkeypatch.setattr(ExportDialog, "open_file", staticmethod(opened.append))
    dlg = ExportDialog(workspace)
    dlg.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_every_format_is_offered(dialog):
    keys = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert keys == [c.key for c in export_choices()]
    assert {
        "export:md",
        "export:html",
        "export:pdf",
        "export:actions-csv",
        "export:ics",
        "pre-read:pdf",
    } <= set(keys)


def test_markdown_export_writes_the_file(qtbot, dialog, tmp_path):
    dialog.select("export:md")
    target = tmp_path / "notes.md"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        dialog.export_button.click()
    assert blocker.args == [str(target)]
    assert target.read_text(encoding="utf-8").startswith("# Checkout outage")
    assert dialog.opened == []  # "open after export" was off
    assert "Saved" in dialog.status.text()
    assert dialog.export_button.isEnabled()


def test_pdf_runs_off_the_ui_thread_with_progress_then_opens(qtbot, dialog, tmp_path):
    dialog.select("export:pdf")
    target = tmp_path / "notes.pdf"
    dialog.path_edit.setText(str(target))
    dialog.open_after.setChecked(True)
    progress: list[int] = []
    dialog.progress_bar.valueChanged.connect(progress.append)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.export_button.click()
        # the click returned while the worker renders: the UI is free, the controls locked
        assert dialog.busy
        assert dialog.progress_bar.isVisible()
        assert not dialog.export_button.isEnabled() and not dialog.close_button.isEnabled()
    assert target.read_bytes().startswith(b"%PDF-")
    assert progress and max(progress) >= 90 and progress == sorted(progress)
    assert [str(p) for p in dialog.opened] == [str(target)]
    assert not dialog.progress_bar.isVisible()


def test_a_failed_export_says_why_and_unlocks(qtbot, dialog, tmp_path):
    dialog.select("export:html")
    target = tmp_path / "missing" / "notes.html"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.failed, timeout=30_000) as blocker:
        dialog.export_button.click()
    assert "cannot write there" in blocker.args[0]
    assert dialog.status.text().startswith("Not exported:")
    assert dialog.export_button.isEnabled() and not target.exists()


def test_pre_read_marks_sent_through_the_workspace_and_undoes(qtbot, dialog, workspace, tmp_path):
    dialog.select("pre-read:md")
    assert dialog.mark_sent.isVisible() and dialog.mark_sent.isChecked()
    dialog.path_edit.setText(str(tmp_path / "pre-read.md"))
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_button.click()
    assert workspace.session.pre_read_sent_at is not None
    stored = workspace.store.load_session(workspace.session_id)
    assert stored.pre_read_sent_at == workspace.session.pre_read_sent_at
    workspace.undo()
    assert workspace.session.pre_read_sent_at is None


def test_changing_format_changes_the_suffix(dialog, workspace):
    dialog.select("export:ics")
    assert dialog.path_edit.text().endswith("-due-dates.ics")
    dialog.select("pre-read:pdf")
    assert dialog.path_edit.text().endswith("-pre-read.pdf")
    assert not dialog.mark_sent.isHidden()
    dialog.select("export:md")
    assert dialog.mark_sent.isHidden()
    name = default_file_name(workspace.session, export_choices()[0])
    assert "/" not in name and name.startswith("checkout-outage")


def test_open_export_dialog_shows_it(qtbot, workspace):
    dlg = open_export_dialog(None, workspace)
    qtbot.addWidget(dlg)
    assert dlg.isVisible() and dlg.windowTitle() == "Export"


@pytest.fixture
def controller(qtbot, tmp_path):
    with running_app(qtbot, tmp_path / "shell.db", export_session(events=5, actions=2)) as app:
        yield app
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ExportDialog):
                widget.done(0)


def open_dialogs() -> list[ExportDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog) and w.isVisible()
    ]


def test_ctrl_e_opens_the_dialog_on_the_open_session(qtbot, controller):
    assert open_dialogs() == []
    qtbot.keyClick(controller.console, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(open_dialogs()) == 1)
    dialog = open_dialogs()[0]
    assert dialog.workspace is controller.workspace
    assert controller.actions.action("export").shortcut().toString() == "Ctrl+E"
