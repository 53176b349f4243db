"""The welcome on an empty database, the About box and the run_app path through them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from facilitator_app import app as app_module
from facilitator_app.first_run import StartChoice
from facilitator_app.model import Session, two_teams
from storage import SqliteStore
from ui import app as ui_app
from ui.about import AboutDialog
from ui.welcome import WelcomeDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = SqliteStore.open(tmp_path / "welcome.db")
    yield opened
    opened.close()


def welcome(qtbot: QtBot, store) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    dialog = WelcomeDialog(store)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def test_n_creates_the_session_the_dialog_asked_for(qtbot: QtBot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = welcome(qtbot, store)
    dialog.ask_new_session = lambda: Session("Checkout outage", two_teams("Payments", "Edge"))  # type: ignore[method-assign]
    qtbot.keyClick(dialog, Qt.Key.Key_N)
    assert dialog.start.choice is StartChoice.NEW_SESSION
    assert dialog.opened_id is not None
    assert [s.title for s in store.list_sessions()] == ["Checkout outage"]
    assert not dialog.isVisible()


def test_cancelling_the_new_session_form_stays_on_the_welcome(qtbot: QtBot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = welcome(qtbot, store)
    dialog.ask_new_session = lambda: None  # type: ignore[method-assign]
    qtbot.keyClick(dialog, Qt.Key.Key_N)
    assert dialog.isVisible()
    assert store.list_sessions() == []


def test_a_bad_import_is_explained_and_nothing_is_created(
    qtbot: QtBot, store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.json"
    bad.write_text("[1, 2")
    dialog = welcome(qtbot, store)
    dialog.ask_file = lambda: bad  # type: ignore[method-assign]
    qtbot.keyClick(dialog, Qt.Key.Key_I)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "notes.json" in dialog.error.text()
    assert store.list_sessions() == []


def test_d_opens_the_demo_and_escape_quits(qtbot: QtBot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = welcome(qtbot, store)
    qtbot.keyClick(dialog, Qt.Key.Key_D)
    assert dialog.start.choice is StartChoice.OPEN_DEMO
    other = welcome(qtbot, store)
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert other.start.choice is StartChoice.QUIT
    assert store.list_sessions() == []


def test_every_choice_has_an_accessible_name_and_the_first_has_focus(qtbot: QtBot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = welcome(qtbot, store)
    for button in dialog.buttons.values():
        assert button.accessibleName() and button.accessibleDescription()
    assert dialog.buttons[StartChoice.NEW_SESSION].hasFocus()


def test_quitting_the_welcome_opens_nothing_and_creates_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ui_app, "ask_start", lambda store: (StartChoice.QUIT, None))
    opened: list[object] = []
    monkeypatch.setattr(ui_app, "run_gui", lambda *a, **k: opened.append(a) or 0)
    db = tmp_path / "empty.db"
    assert app_module.run_app(db, session_id=None, smoke=False, demo=False) == 0
    assert opened == []
    reader = SqliteStore.open(db, lock=False)
    assert reader.list_sessions() == []
    reader.close()


def test_a_new_session_from_the_welcome_opens_on_the_setup_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def ask_start(store):  # type: ignore[no-untyped-def]
        return StartChoice.NEW_SESSION, store.create_session(
            Session("Search outage", two_teams("Search", "Data Platform"))
        )

    monkeypatch.setattr(ui_app, "ask_start", ask_start)
    seen: dict[str, object] = {}

    def run_gui(workspace, **options):  # type: ignore[no-untyped-def]
        seen["title"] = workspace.session.title
        seen["first_page"] = options["first_page"]
        return 0

    monkeypatch.setattr(ui_app, "run_gui", run_gui)
    db = tmp_path / "fresh.db"
    assert app_module.run_app(db, session_id=None, smoke=False, demo=False) == 0
    assert seen == {"title": "Search outage", "first_page": "Setup"}
    # Next time the same session reopens, with no welcome.
    monkeypatch.setattr(ui_app, "ask_start", lambda store: pytest.fail("welcome shown again"))
    assert app_module.run_app(db, session_id=None, smoke=False, demo=False) == 0
    assert seen["title"] == "Search outage" and seen["first_page"] is None


def test_the_about_box_names_the_database_and_copies_for_a_bug_report(qtbot: QtBot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog(store)
    qtbot.addWidget(dialog)
    facts = dict(dialog.facts)
    assert facts["Database"] == str(store.path)
    assert int(facts["Schema version"]) >= 1
    assert facts["Qt"].startswith("6.")
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert str(store.path) in copied and "Schema version:" in copied
