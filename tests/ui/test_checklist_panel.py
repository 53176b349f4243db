"""The setup checklist on the console: warnings with fixes, live as the roster changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator_app.engine import SystemClock
from facilitator_app.model import Attendee, Lane, Role
from facilitator_app.session_open import open_workspace
from facilitator_app.workspace import Workspace
from storage import SqliteStore
from tests.helpers.sessions import rich_session
from ui.bridge import WorkspaceBridge
from ui.checklist_panel import SetupChecklistPanel
from ui.setup_page import SetupPage

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    session = rich_session()
    session.attendees = [
        Attendee("Dana Okafor", Role.FACILITATOR),
        Attendee("Ama Mensah", Role.LEAD, Lane.A),
        Attendee("Luis Ortega", Role.ON_CALL, Lane.A),
        Attendee("Kenji Sato", Role.LEAD, Lane.B),
    ]
    assert session.incident_end is not None
    session.scheduled_start = session.incident_end + timedelta(days=1)
    session.pre_read_sent_at = session.scheduled_start - timedelta(hours=3)
    session.timebox_minutes = 75
    store = SqliteStore.open(tmp_path / "checklist.db")
    session_id = store.create_session(session)
    yield open_workspace(store, store.load_session(session_id), SystemClock())
    store.close()


def fixed_clock(workspace: Workspace) -> datetime:
    start = workspace.session.scheduled_start
    assert start is not None
    return (start - timedelta(days=2)).astimezone(UTC)


def rows(panel: SetupChecklistPanel) -> dict[str, str]:
    return {
        label.property("checkKey"): label.text() for label in panel.rows if label.isVisibleTo(panel)
    }


def test_the_issue_example_shows_two_warnings_each_with_a_fix(
    qtbot: QtBot, workspace: Workspace
) -> None:
    panel = SetupChecklistPanel(WorkspaceBridge(workspace), clock=lambda: fixed_clock(workspace))
    qtbot.addWidget(panel)
    assert "2 warnings" in panel.summary.text()
    shown = rows(panel)
    team_b = workspace.session.team(Lane.B).name
    assert "⚠ Warning" in shown["on-call-B"] and team_b in shown["on-call-B"]
    assert "Fix:" in shown["on-call-B"]
    assert "3 hours before the start" in shown["pre-read"] and "Fix:" in shown["pre-read"]
    assert all(
        "✓ OK" in text for key, text in shown.items() if key not in {"on-call-B", "pre-read"}
    )
    # the warnings come first
    assert [label.property("checkKey") for label in panel.rows[:2]] == ["on-call-B", "pre-read"]


def test_adding_the_missing_on_call_engineer_clears_that_warning(
    qtbot: QtBot, workspace: Workspace
) -> None:
    panel = SetupChecklistPanel(WorkspaceBridge(workspace), clock=lambda: fixed_clock(workspace))
    qtbot.addWidget(panel)
    workspace.add(Attendee("Priya Nair", Role.ON_CALL, Lane.B))
    assert "1 warning</b>" in panel.summary.text()
    assert "✓ OK" in rows(panel)["on-call-B"]
    workspace.undo()
    assert "2 warnings" in panel.summary.text()


def test_names_typed_by_users_are_shown_as_text(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.update(workspace.session.attendees[3], name="<b>Kenji</b>", present=False)
    panel = SetupChecklistPanel(WorkspaceBridge(workspace), clock=lambda: fixed_clock(workspace))
    qtbot.addWidget(panel)
    assert "&lt;b&gt;Kenji&lt;/b&gt;" in rows(panel)["lead-B"]


def test_the_setup_page_shows_the_checklist(qtbot: QtBot, workspace: Workspace) -> None:
    page = SetupPage(WorkspaceBridge(workspace))
    qtbot.addWidget(page)
    assert page.findChild(SetupChecklistPanel) is not None
