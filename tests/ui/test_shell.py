"""The shell: two windows over one workspace; setup edits persist at once and undo by key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from facilitator_app.model import Lane, Role, Session, two_teams
from facilitator_app.session_choice import LAST_SESSION_KEY
from facilitator_app.workspace import ScreenMode
from storage import SqliteStore
from tests.helpers.sessions import rich_session
from tests.ui.live import running_app
from ui.app import AppController
from ui.roster_editor import RosterEditor
from ui.session_dialogs import NewSessionDialog, SessionListDialog
from ui.setup_page import SetupPage

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "shell.db"


@pytest.fixture
def controller(qtbot: QtBot, db_path: Path) -> Iterator[AppController]:
    with running_app(qtbot, db_path, rich_session()) as app:
        yield app


def disk(db_path: Path, session_id: int) -> Session:
    """The session as a restart would load it (a second connection, no lock)."""
    reader = SqliteStore.open(db_path, lock=False)
    try:
        return reader.load_session(session_id)
    finally:
        reader.close()


def setup_page(app: AppController) -> SetupPage:
    page = app.console.show_page("Setup")
    assert isinstance(page, SetupPage)
    return page


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Click into a field, replace its text by typing, and press Enter."""
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def undo(qtbot: QtBot, app: AppController) -> None:
    qtbot.keyClick(app.console, Qt.Key.Key_Z, CTRL)


def redo(qtbot: QtBot, app: AppController) -> None:
    qtbot.keyClick(app.console, Qt.Key.Key_Z, CTRL_SHIFT)


# ---- two windows --------------------------------------------------------------------------


def test_both_windows_are_open_on_the_same_session(controller: AppController) -> None:
    console, shared = controller.console, controller.shared
    assert console.isVisible() and shared.isVisible()
    assert console.isWindow() and shared.isWindow() and shared.parent() is None
    title = controller.workspace.session.title
    assert console.windowTitle().startswith(f"{title} — Payments & Edge Platform")
    assert shared.title.text() == title
    assert shared.windowTitle() == f"{title} — shared screen"
    assert shared.workspace is console.workspace
    # the shared screen is read-only: no text fields, no buttons
    assert not shared.findChildren(QLineEdit)


# ---- setup edits, undo and redo -----------------------------------------------------------


def test_a_title_edit_persists_follows_on_the_shared_screen_and_undoes_by_key(
    qtbot: QtBot, controller: AppController, db_path: Path
) -> None:
    page = setup_page(controller)
    session_id = controller.workspace.session_id
    old = controller.workspace.session.title
    type_into(qtbot, page.form.title, "Checkout outage, 10 Nov")

    assert controller.workspace.session.title == "Checkout outage, 10 Nov"
    assert disk(db_path, session_id).title == "Checkout outage, 10 Nov"
    assert controller.shared.title.text() == "Checkout outage, 10 Nov"
    assert controller.console.windowTitle().startswith("Checkout outage, 10 Nov — ")

    undo(qtbot, controller)
    assert controller.workspace.session.title == old
    assert disk(db_path, session_id).title == old
    assert controller.shared.title.text() == old
    assert page.form.title.text() == old  # the field shows the undone value, though focused

    page.roster.name_input.setFocus()  # leaving the field must not re-apply the undone edit
    QApplication.processEvents()
    assert disk(db_path, session_id).title == old

    redo(qtbot, controller)
    assert disk(db_path, session_id).title == "Checkout outage, 10 Nov"
    assert controller.shared.title.text() == "Checkout outage, 10 Nov"
    assert page.form.title.text() == "Checkout outage, 10 Nov"


def test_a_team_rename_persists_reaches_the_roster_and_undoes(
    qtbot: QtBot, controller: AppController, db_path: Path
) -> None:
    page = setup_page(controller)
    session_id = controller.workspace.session_id
    type_into(qtbot, page.form.team_names[Lane.B], "Edge & CDN")
    assert disk(db_path, session_id).teams[1].name == "Edge & CDN"
    choices = [page.roster.team_input.itemText(i) for i in range(page.roster.team_input.count())]
    assert "Edge & CDN" in choices
    assert "Payments & Edge & CDN" in controller.console.windowTitle()

    undo(qtbot, controller)
    assert disk(db_path, session_id).teams[1].name == "Edge Platform"
    assert page.form.team_names[Lane.B].text() == "Edge Platform"


def test_a_team_name_clash_is_refused_with_a_message(
    qtbot: QtBot, controller: AppController, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        "ui.setup_page.QMessageBox.warning", lambda _parent, _title, text: warnings.append(text)
    )
    page = setup_page(controller)
    type_into(qtbot, page.form.team_names[Lane.B], "payments")
    assert warnings and "different names" in warnings[0]
    assert disk(db_path, controller.workspace.session_id).teams[1].name == "Edge Platform"
    assert page.form.team_names[Lane.B].text() == "Edge Platform"
    assert not controller.workspace.undo_stack.can_undo()


def roster_names(roster: RosterEditor) -> list[str]:
    return [roster.table.item(row, 0).text() for row in range(roster.table.rowCount())]


def test_adding_and_removing_attendees_persists_and_undoes(
    qtbot: QtBot, controller: AppController, db_path: Path
) -> None:
    roster = setup_page(controller).roster
    session_id = controller.workspace.session_id
    start = roster_names(roster)

    roster.team_input.setCurrentIndex(roster.team_input.findText("Edge Platform"))
    roster.role_input.setCurrentIndex(roster.role_input.findData(Role.ON_CALL))
    type_into(qtbot, roster.name_input, "Mo Adeyemi")
    assert roster_names(roster) == [*start, "Mo Adeyemi"]
    assert roster.name_input.text() == ""
    added = disk(db_path, session_id).attendees[-1]
    assert (added.name, added.lane, added.role) == ("Mo Adeyemi", Lane.B, Role.ON_CALL)

    undo(qtbot, controller)
    assert roster_names(roster) == start
    assert [a.name for a in disk(db_path, session_id).attendees] == start
    redo(qtbot, controller)
    assert roster_names(roster) == [*start, "Mo Adeyemi"]

    cell = roster.table.visualItemRect(roster.table.item(2, 0)).center()
    qtbot.mouseClick(roster.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert [a.name for a in roster.selected_attendees()] == [start[2]]
    qtbot.mouseClick(roster.remove_button, Qt.MouseButton.LeftButton)
    gone = start[2]
    assert gone not in roster_names(roster)
    assert gone not in [a.name for a in disk(db_path, session_id).attendees]

    undo(qtbot, controller)
    assert roster_names(roster) == [*start, "Mo Adeyemi"]  # back in its old place
    assert [a.name for a in disk(db_path, session_id).attendees] == [*start, "Mo Adeyemi"]


def test_an_attendee_edit_in_the_table_persists(controller: AppController, db_path: Path) -> None:
    roster = setup_page(controller).roster
    present = roster.table.cellWidget(1, 3)
    present.setChecked(False)  # type: ignore[attr-defined]
    assert disk(db_path, controller.workspace.session_id).attendees[1].present is False
    assert controller.workspace.undo_stack.undo_text().startswith("Edit Kai")


# ---- sessions -----------------------------------------------------------------------------


def test_new_session_opens_it_in_both_windows(
    qtbot: QtBot, controller: AppController, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_console = controller.console
    fresh = Session("Search outage", two_teams("Search", "Storage"), timebox_minutes=60)
    monkeypatch.setattr(NewSessionDialog, "ask", classmethod(lambda cls, parent=None: fresh))
    controller.actions.action("session.new").trigger()

    assert controller.workspace.session.title == "Search outage"
    assert controller.console is not old_console and not old_console.isVisible()
    assert controller.console.isVisible() and controller.shared.isVisible()
    assert controller.shared.title.text() == "Search outage"
    store = controller.workspace.store
    assert {s.title for s in store.list_sessions()} == {"Search outage", rich_session().title}
    assert store.get_setting(LAST_SESSION_KEY) == str(controller.workspace.session_id)
    assert not controller.workspace.undo_stack.can_undo()  # a new session, a new history


def test_cancelling_new_session_changes_nothing(
    controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    console = controller.console
    monkeypatch.setattr(NewSessionDialog, "ask", classmethod(lambda cls, parent=None: None))
    controller.actions.action("session.new").trigger()
    assert controller.console is console
    assert len(controller.workspace.store.list_sessions()) == 1


def test_open_session_switches_both_windows(
    qtbot: QtBot, controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = controller.workspace.store
    first_id = controller.workspace.session_id
    other_id = store.create_session(Session("Older incident", two_teams("Web", "DB")))
    offered: list[list[int]] = []

    def pick(cls: type, sessions: list, parent: QWidget | None = None) -> int:
        offered.append([s.id for s in sessions])
        return other_id

    monkeypatch.setattr(SessionListDialog, "ask", classmethod(pick))
    controller.actions.action("session.open").trigger()
    assert offered == [[other_id, first_id]]
    assert controller.workspace.session.title == "Older incident"
    assert controller.shared.title.text() == "Older incident"
    assert "Web & DB" in controller.console.windowTitle()
    assert store.get_setting(LAST_SESSION_KEY) == str(other_id)


# ---- blanking the shared screen -----------------------------------------------------------


def _mostly_black(widget: QWidget) -> bool:
    image = widget.grab().toImage()
    w, h = image.width(), image.height()
    samples = [
        QColor(image.pixel(x * w // 8, y * h // 8)) for x in range(1, 8) for y in range(1, 8)
    ]
    return all(c.lightness() < 16 for c in samples)


def test_blank_toggles_the_shared_screen_to_black_and_back(controller: AppController) -> None:
    shared = controller.shared
    shared.resize(1280, 720)
    assert not _mostly_black(shared)
    controller.actions.action("screen.blank").trigger()
    assert controller.workspace.screen_mode is ScreenMode.BLANK
    assert shared.modes.currentWidget() is shared.blank
    assert _mostly_black(shared)
    controller.actions.action("screen.blank").trigger()
    assert controller.workspace.screen_mode is ScreenMode.MEETING
    assert shared.modes.currentWidget() is shared.meeting
    assert not _mostly_black(shared)
