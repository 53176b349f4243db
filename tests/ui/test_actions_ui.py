"""The Factors, Actions, Wrap-up and Follow-up pages and the three shared-screen views."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from facilitator_app.actions.items import add_action
from facilitator_app.factors import add_factor
from facilitator_app.model import ActionItem, ActionKind, ActionStatus, FactorOwner
from facilitator_app.workspace import Workspace
from tests.helpers.actions_workspace import by_name, stored_workspace
from ui.actions_page import ActionsPage, safe_link
from ui.bridge import WorkspaceBridge
from ui.factors_page import FactorsPage
from ui.follow_up_page import FollowUpPage
from ui.poll_page import ClosingPollPage
from ui.shared.actions import ActionsSharedView
from ui.shared.cards import Card
from ui.shared.factors import FactorsSharedView
from ui.shared.wrapup import WrapUpSharedView
from ui.widgets.clamped_text import clamp_text

pytestmark = pytest.mark.gui


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with stored_workspace(tmp_path) as workspace:
        yield workspace


@pytest.fixture
def bridge(ws: Workspace) -> Iterator[WorkspaceBridge]:
    b = WorkspaceBridge(ws)
    yield b
    b.detach()


def test_a_factor_is_added_from_the_keyboard_and_from_the_current_event(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    page = FactorsPage(bridge)
    qtbot.addWidget(page)
    page.owner_input.setCurrentIndex(2)  # Edge
    qtbot.keyClicks(page.text_input, "Canary allowed 5% errors")
    qtbot.keyClick(page.text_input, Qt.Key.Key_Return)
    assert [(f.text, f.owner) for f in ws.session.factors] == [
        ("Canary allowed 5% errors", FactorOwner.B)
    ]
    assert page.text_input.text() == ""
    event = ws.session.sorted_events()[1]
    ws.set_current_event(event.id)
    page.add_from_event()
    assert ws.session.factors[1].event_ids == [event.id]
    assert page.table.rowCount() == 2
    ws.undo()
    assert page.table.rowCount() == 1


def test_dot_votes_are_entered_one_key_each_even_over_an_app_shortcut(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    a = add_factor(ws, "first", FactorOwner.A)
    b = add_factor(ws, "second", FactorOwner.B)
    page = FactorsPage(bridge)
    qtbot.addWidget(page)
    floor_key_presses: list[int] = []
    floor = QShortcut(QKeySequence("1"), page)  # like the floor key of the engine
    floor.setContext(Qt.ShortcutContext.ApplicationShortcut)
    floor.activated.connect(lambda: floor_key_presses.append(1))
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.entry.setFocus()
    ana = by_name(ws.session, "Ana")
    assert page.entry.voter_id == ana
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_2):
        qtbot.keyClick(page.entry, key)
    assert (a.dots, b.dots) == ({ana: 1}, {ana: 2})
    assert floor_key_presses == []
    assert page.entry.voter_id == by_name(ws.session, "Ben")  # Ana is done: next voter
    assert "Not voted yet: Ben" in page.waiting.text()
    qtbot.keyClick(page.entry, Qt.Key.Key_Backspace)
    assert b.dots == {ana: 1} and page.entry.voter_id == ana
    qtbot.keyClick(page.entry, Qt.Key.Key_9)
    assert "no factor #9" in page.status.text()
    page.equal_input.setChecked(True)
    assert ws.session.equal_team_weighting


def test_the_verdict_follows_the_typing_and_saving_is_undoable(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    page = ActionsPage(bridge)
    qtbot.addWidget(page)
    editor = page.editor
    qtbot.keyClicks(editor.description, "Improve communication between teams")
    assert "VAGUE" in editor.verdict.text() and "Improve" in editor.verdict.text()
    editor.description.setPlainText("Joint runbook for failover")
    editor.kind.setCurrentIndex(editor.kind.findData(ActionKind.JOINT))
    qtbot.keyClicks(editor.due, "2099-12-15")
    assert "no designated lead" in editor.verdict.text()
    qtbot.keyClicks(editor.lead, "Priya Raman")
    assert "SPECIFIC" in editor.verdict.text()
    page.save()
    assert [a.description for a in ws.session.actions] == ["Joint runbook for failover"]
    item = ws.session.actions[0]
    assert item.due == date(2099, 12, 15) and len(item.history) == 1
    assert page.table.item(0, 5).text() == "✓ specific"
    page.status.setCurrentIndex(page.status.findData(ActionStatus.IN_PROGRESS))
    page.status.activated.emit(page.status.currentIndex())
    assert item.status is ActionStatus.IN_PROGRESS and len(item.history) == 2
    assert page.history.count() == 2 and "in progress" in page.history.item(0).text()
    editor.due.setText("next sprint")
    page.save()
    assert "calendar date" in page.message.text() and item.due == date(2099, 12, 15)
    ws.undo()
    ws.undo()
    assert ws.session.actions == [] and page.table.rowCount() == 0


def test_a_relative_due_is_shown_resolved_and_saved_as_its_date(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    from datetime import timedelta

    from facilitator_app.actions.check.relative import resolve_relative
    from facilitator_app.timeutil import now_utc

    page = ActionsPage(bridge)
    qtbot.addWidget(page)
    editor = page.editor
    editor.description.setPlainText("Add a 5xx alert on checkout above 2% for 5 minutes")
    qtbot.keyClicks(editor.owner, "Priya")
    qtbot.keyClicks(editor.due, "in two weeks")
    expected = now_utc().date() + timedelta(weeks=2)
    assert resolve_relative("in two weeks", now_utc().date()) == expected
    assert "SPECIFIC" in editor.verdict.text() and expected.isoformat() in editor.verdict.text()
    page.save()
    assert ws.session.actions[0].due == expected


def test_a_parked_idea_becomes_an_item_from_the_actions_page(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    page = ActionsPage(bridge)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.parking.input, "Shared on-call channel")
    qtbot.keyClick(page.parking.input, Qt.Key.Key_Return)
    assert page.parking.list.count() == 1
    page.parking.list.setCurrentRow(0)
    page.parking.kind.setCurrentIndex(page.parking.kind.findData(ActionKind.PROCESS))
    page.parking.make_action()
    assert [a.kind for a in ws.session.actions] == [ActionKind.PROCESS]
    assert page.editing is ws.session.actions[0]
    assert page.parking.list.item(0).text().startswith("[→ action item]")


def test_only_web_links_open() -> None:
    assert safe_link("https://tracker.example/PAY-1") is not None
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://", "tracker/PAY-1"):
        assert safe_link(bad) is None


def test_the_poll_is_entered_with_y_and_n_per_attendee(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    page = ClosingPollPage(bridge)
    qtbot.addWidget(page)
    page.table.setFocus()
    page.table.selectRow(0)
    for key in (Qt.Key.Key_Y, Qt.Key.Key_N, Qt.Key.Key_Y):
        qtbot.keyClick(page.table, key)
    poll = ws.session.poll
    assert (poll.learned_yes, poll.again_no) == (2, 1)
    assert page.table.currentRow() == 1
    page._bump("again_yes")
    assert ws.session.poll.again_yes == 1
    assert "Cleo" in page.summary.text()


def test_follow_up_flags_a_joint_item_without_lead(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    add_action(ws, ActionItem(ActionKind.JOINT, "Joint runbook", due=date(2099, 1, 1)))
    page = FollowUpPage(bridge)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 1
    assert page.table.item(0, 0).text() == "NO LEAD"


def _card_headers(view: QWidget) -> list[str]:
    return [c.header.text() for c in view.findChildren(Card) if c.isVisibleTo(view)]


def test_shared_views_show_ranking_verdicts_and_the_poll(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    add_factor(ws, "Client retried 429s", FactorOwner.A)
    add_action(ws, ActionItem(ActionKind.JOINT, "Improve communication between teams"))
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1280, 720)
    factors = FactorsSharedView(bridge, host)
    actions = ActionsSharedView(bridge, host)
    wrapup = WrapUpSharedView(bridge, host)
    for view in (factors, actions, wrapup):
        view.resize(1240, 600)
        view.refresh()
    assert any(h.startswith("#1") for h in _card_headers(factors))
    assert any("VAGUE" in h and "a lead" in h for h in _card_headers(actions))
    labels = [w.text() for w in wrapup.findChildren(QLabel) if w.isVisibleTo(wrapup)]
    assert any("Did you learn something?" in text for text in labels)


def test_clamped_text_ends_in_an_ellipsis_within_its_lines(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    metrics = QFontMetrics(widget.font())
    text = " ".join(["word"] * 200)
    shown = clamp_text(text, metrics, 200, 2)
    assert shown.endswith("…") and len(shown) < len(text)
    assert clamp_text("short", metrics, 200, 2) == "short"


def test_the_shared_actions_view_shows_an_open_item_past_its_date_as_overdue(
    qtbot: QtBot, ws: Workspace, bridge: WorkspaceBridge
) -> None:
    """Judged as written, the item stays specific; past its date it is OVERDUE, not vague."""
    from datetime import UTC, datetime

    from facilitator_app.model import StatusChange

    item = ActionItem(
        ActionKind.TEAM,
        "Add a 5xx alert on checkout above 2% for 5 minutes",
        owner="Priya",
        due=date(2026, 11, 30),
    )
    item.history.append(StatusChange(ActionStatus.OPEN, datetime(2026, 11, 16, 10, tzinfo=UTC)))
    add_action(ws, item)
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1280, 720)
    view = ActionsSharedView(bridge, host)
    view.resize(1240, 600)
    view.refresh()
    cards = [c for c in view.findChildren(Card) if c.isVisibleTo(view)]
    (card,) = [c for c in cards if "5xx alert" in c.body.text()]
    assert "SPECIFIC" in card.header.text()
    assert card.footer is not None
    assert "OVERDUE" in card.footer.toolTip() + card.footer._text  # the due date is long past
