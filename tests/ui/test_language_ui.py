"""The language guide and checker in the windows: framing view, guide strip, `G`, underlines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QToolTip,
)
from pytestqt.qtbot import QtBot

from facilitator_app.engine import SystemClock
from facilitator_app.model import Session
from facilitator_app.session_open import open_workspace
from facilitator_app.workspace import Part, ScreenMode, Workspace
from storage import SqliteStore
from tests.helpers.sessions import rich_session
from ui.app import AppController
from ui.blame import (
    BlameHighlighter,
    CheckerBuilds,
    LineEditUnderlines,
    attach_blame_checker,
    checker_for,
    shared_checker,
    wants_checking,
)
from ui.bridge import WorkspaceBridge
from ui.framing_editor import FramingEditor
from ui.language_guide import (
    GUIDE_SECONDS,
    TIMER_NAME,
    LanguageGuideSpotlight,
    LanguageGuideStrip,
    bring_guide_to_front,
    pack_pages,
)
from ui.shared.framing import FramingView

pytestmark = pytest.mark.gui

EXAMPLE = "Bob should have checked the config, obviously their team broke it."


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    store = SqliteStore.open(tmp_path / "language.db")
    session_id = store.create_session(rich_session())
    yield open_workspace(store, store.load_session(session_id), SystemClock())
    store.close()


@pytest.fixture
def bridge(workspace: Workspace) -> WorkspaceBridge:
    return WorkspaceBridge(workspace)


@pytest.fixture(scope="module", autouse=True)
def built_checker(qapp) -> None:
    """Compile the default checker once for the module (the UI builds it off-thread)."""
    shared_checker(("Payments", "Edge Platform"))
    shared_checker()


def start_phase(workspace: Workspace, key: str) -> None:
    for phase in workspace.session.phases:
        phase.started_at = phase.ended_at = None
    for phase in workspace.session.phases:
        if phase.key == key:
            phase.started_at = workspace.session.incident_start
            break
        phase.started_at = phase.ended_at = workspace.session.incident_start
    workspace.notify(Part.PHASES)


# ---- the shared screen --------------------------------------------------------------------


def test_framing_view_shows_the_session_question_and_follows_edits(
    qtbot: QtBot, bridge: WorkspaceBridge
) -> None:
    view = FramingView(bridge)
    qtbot.addWidget(view)
    assert view.question_text == bridge.workspace.session.framing_question
    bridge.workspace.set_session_fields(framing_question="How did the retry loop meet the cache?")
    assert "How did the retry loop meet the cache?" in view.text.accessibleDescription()
    assert len(view.rule_texts()) == 4 and len(view.guide_titles()) == len(view.guide.rules) >= 7
    assert "Ask “how”, not “why”." in view.text.accessibleDescription()


def test_framing_type_grows_with_the_screen(qtbot: QtBot, bridge: WorkspaceBridge) -> None:
    sizes = []
    for height in (720, 1080):
        view = FramingView(bridge)
        qtbot.addWidget(view)
        view.resize(height * 16 // 9, height)
        view.show()
        qtbot.waitExposed(view)
        placed = view.text.result().placed
        question = placed[0].px
        sizes.append(question)
        assert question >= 0.05 * height  # the largest text on the screen
        assert view.text.smallest_px() >= height / 45
    assert sizes[1] > sizes[0]


def test_the_shared_screen_uses_the_framing_view_and_the_strip_elsewhere(
    qtbot: QtBot, workspace: Workspace
) -> None:
    app = AppController(workspace)
    app.shared.resize(1280, 720)
    app.shared.show()
    qtbot.waitExposed(app.shared)
    strip = app.shared.header_slots["language-guide"]
    assert isinstance(strip, LanguageGuideStrip)
    start_phase(workspace, "framing")
    assert isinstance(app.shared.current_view(), FramingView)
    assert strip.isHidden()  # the framing view shows the whole guide already
    start_phase(workspace, "timeline")
    assert not isinstance(app.shared.current_view(), FramingView)
    assert strip.isVisible()
    assert strip.shown_titles()[0] == "Describe actions, not people"
    for window in (app.shared, app.console):
        window.close()


def test_the_strip_pages_through_every_rule(qtbot: QtBot, bridge: WorkspaceBridge) -> None:
    start_phase(bridge.workspace, "timeline")
    strip = LanguageGuideStrip(bridge)
    qtbot.addWidget(strip)
    strip.resize(900, 40)
    strip.show()
    qtbot.waitExposed(strip)
    seen: list[str] = []
    for _ in range(len(strip.pages)):
        seen += strip.shown_titles()
        strip.next_page()
    assert seen == strip.titles()
    assert strip.rotation.isActive() == (len(strip.pages) > 1)


@pytest.mark.parametrize(
    ("widths", "available", "pages"),
    [
        ([100, 100, 100], 1000, [[0, 1, 2]]),
        ([100, 100, 100], 210, [[0, 1], [2]]),
        ([100, 100, 100], 209, [[0], [1], [2]]),
        ([500, 50], 300, [[0], [1]]),
        ([], 300, []),
    ],
)
def test_pack_pages_fills_each_line(
    widths: list[int], available: int, pages: list[list[int]]
) -> None:
    assert pack_pages(widths, available, gap=10) == pages


def test_g_brings_a_rule_to_the_front_for_a_few_seconds(
    qtbot: QtBot, bridge: WorkspaceBridge
) -> None:
    workspace = bridge.workspace
    spotlight = LanguageGuideSpotlight(bridge)
    qtbot.addWidget(spotlight)
    first = bring_guide_to_front(bridge)
    assert workspace.screen_mode is ScreenMode.GUIDE
    assert spotlight.title == "Describe actions, not people"
    timer = bridge.findChild(QTimer, TIMER_NAME)
    assert timer is not None and timer.isActive() and timer.interval() == GUIDE_SECONDS * 1000
    second = bring_guide_to_front(bridge)  # again: the next rule
    assert second != first and spotlight.rule_id == second
    timer.timeout.emit()
    assert workspace.screen_mode is ScreenMode.MEETING


def test_g_shows_the_rule_the_facilitator_just_tripped_first(
    qtbot: QtBot, bridge: WorkspaceBridge
) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    attach_blame_checker(edit, checker_for(bridge.workspace), bridge.workspace.note_flagged_rule)
    edit.setText("Why didn't you page them?")
    assert bring_guide_to_front(bridge) == "why-question"
    assert bring_guide_to_front(bridge) != "why-question"  # a second press moves on


def test_the_shared_screen_switches_to_the_guide_and_back(
    qtbot: QtBot, workspace: Workspace
) -> None:
    app = AppController(workspace)
    bring_guide_to_front(app.bridge)
    assert isinstance(app.shared.modes.currentWidget(), LanguageGuideSpotlight)
    app.bridge.findChild(QTimer, TIMER_NAME).timeout.emit()
    assert app.shared.modes.currentWidget() is app.shared.meeting
    for window in (app.shared, app.console):
        window.close()


# ---- the checker in text fields ------------------------------------------------------------


def underlined(edit: QPlainTextEdit | QTextEdit) -> list[str]:
    block = edit.document().firstBlock()
    spans = []
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                spans.append(block.text()[fmt.start : fmt.start + fmt.length])
        block = block.next()
    return spans


@pytest.mark.parametrize("kind", [QPlainTextEdit, QTextEdit])
def test_text_edits_underline_blame_as_you_type(qtbot: QtBot, kind: type) -> None:
    edit = kind()
    qtbot.addWidget(edit)
    highlighter = attach_blame_checker(edit)
    assert isinstance(highlighter, BlameHighlighter)
    assert attach_blame_checker(edit) is highlighter  # once per field
    qtbot.keyClicks(edit, "The fault injection test consumed the error budget.")
    qtbot.wait(1)  # the event loop turns, as between two keys
    assert underlined(edit) == []
    edit.setPlainText("Fine here.\n" + EXAMPLE)
    expected = ["Bob", "should have checked", "obviously", "their team broke"]
    qtbot.waitUntil(lambda: underlined(edit) == expected)


def test_hovering_an_underline_shows_the_reframe(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.resize(700, 200)
    attach_blame_checker(edit)
    edit.setPlainText(EXAMPLE)
    edit.show()
    qtbot.waitExposed(edit)
    cursor = edit.textCursor()
    cursor.setPosition(EXAMPLE.index("obviously") + 3)
    point = edit.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, edit.viewport().mapToGlobal(point))
    QToolTip.hideText()
    QApplication.sendEvent(edit.viewport(), event)
    assert "it was not obvious at the time" in QToolTip.text()


def test_line_edits_get_the_same_underline(qtbot: QtBot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.resize(800, 30)
    overlay = attach_blame_checker(edit)
    assert isinstance(overlay, LineEditUnderlines)
    edit.show()
    qtbot.waitExposed(edit)
    qtbot.keyClicks(edit, EXAMPLE)
    expected = ["Bob", "should have checked", "obviously", "their team broke"]
    qtbot.waitUntil(lambda: [f.text for f in overlay.found] == expected)
    spans = overlay.spans()
    assert all(left < right for left, right in spans)
    assert [left for left, _ in spans] == sorted(left for left, _ in spans)
    position = QPoint(round((spans[2][0] + spans[2][1]) / 2), edit.height() // 2)
    QToolTip.hideText()
    QApplication.sendEvent(
        edit, QHelpEvent(QEvent.Type.ToolTip, position, edit.mapToGlobal(position))
    )
    assert "obviously" in QToolTip.text()
    edit.setText("All quiet.")
    assert overlay.found == []


def test_the_checker_is_built_off_the_ui_thread(qtbot: QtBot) -> None:
    """A field shows nothing until its checker is compiled, then underlines by itself."""
    names = ("A team built in a thread", "Another")
    edit = QLineEdit()
    qtbot.addWidget(edit)
    overlay = attach_blame_checker(edit, lambda: CheckerBuilds.of().get(names))
    assert isinstance(overlay, LineEditUnderlines)
    edit.setText(EXAMPLE)
    assert overlay.found == []  # not built yet: the field is usable meanwhile
    qtbot.waitUntil(lambda: bool(overlay.found), timeout=60_000)
    assert CheckerBuilds.of().get(names) is not None


def test_which_fields_are_checked(qtbot: QtBot) -> None:
    prose, spin, password, opted_out = QLineEdit(), QSpinBox(), QLineEdit(), QLineEdit()
    password.setEchoMode(QLineEdit.EchoMode.Password)
    opted_out.setProperty("blameCheck", False)
    for widget in (prose, spin, password, opted_out):
        qtbot.addWidget(widget)
    assert wants_checking(prose)
    assert not wants_checking(spin.findChild(QLineEdit))
    assert not wants_checking(password) and not wants_checking(opted_out)


def test_every_console_text_field_is_checked(qtbot: QtBot, workspace: Workspace) -> None:
    app = AppController(workspace)
    with qtbot.waitActive(app.console):
        app.show()
    page = app.console.show_page("Framing")
    assert isinstance(page, FramingEditor)
    question = page.findChild(QLineEdit, "framing-question-edit")
    assert isinstance(question.property("_blameChecker"), LineEditUnderlines)
    late = QPlainTextEdit(page)  # a field another page adds later, checked once focused
    late.show()
    late.setFocus()
    qtbot.waitUntil(lambda: isinstance(late.property("_blameChecker"), BlameHighlighter))
    qtbot.waitUntil(
        lambda: CheckerBuilds.of().get(tuple(t.name for t in workspace.session.teams)) is not None
    )
    late.setPlainText("Why didn't you page them?")
    assert underlined(late)
    assert workspace.flagged_rule_id == "why-question"
    for window in (app.shared, app.console):
        window.close()


# ---- the framing page on the console ----------------------------------------------------


def test_the_framing_question_is_edited_saved_and_undone(
    qtbot: QtBot, bridge: WorkspaceBridge, tmp_path: Path
) -> None:
    page = FramingEditor(bridge)
    qtbot.addWidget(page)
    workspace = bridge.workspace
    old = workspace.session.framing_question
    page.question.setText("How did the deploy and the retries meet?")
    page.question.editingFinished.emit()
    assert workspace.session.framing_question == "How did the deploy and the retries meet?"
    stored: Session = workspace.store.load_session(workspace.session_id)
    assert stored.framing_question == "How did the deploy and the retries meet?"
    workspace.undo()
    assert workspace.session.framing_question == old
    assert page.question.text() == old
    page.question.setText("   ")
    page.question.editingFinished.emit()
    assert workspace.session.framing_question == "How did our two systems combine to cause this?"


def test_a_show_button_puts_its_rule_on_the_shared_screen(
    qtbot: QtBot, bridge: WorkspaceBridge
) -> None:
    page = FramingEditor(bridge)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.show_buttons["human-error"], Qt.MouseButton.LeftButton)
    assert bridge.workspace.screen_mode is ScreenMode.GUIDE
    assert bridge.workspace.guide_rule_id == "human-error"
