"""The import dialog's new sources: a Slack export with its channel picker, and the likely
duplicates of a second source marked in the preview, kept or left out as the facilitator says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from facilitator_app.model import Session, two_teams
from facilitator_app.workspace import Workspace
from tests.helpers.importer_fixtures import PAGERDUTY, SLACK_TEAMS, slack_zip
from tests.helpers.timeline_fixtures import open_workspace
from ui.timeline.import_dialog import LIKELY_COLOUR, ImportDialog


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    session = Session(
        "Checkout 5xx",
        two_teams("Payments", "Edge Platform"),
        incident_start=datetime(2026, 11, 10, 23, 40, tzinfo=UTC),
        incident_end=datetime(2026, 11, 11, 0, 5, tzinfo=UTC),
    )
    workspace = open_workspace(tmp_path / "dialog.db", session)
    yield workspace
    workspace.store.close()  # type: ignore[attr-defined]


def slack_dialog(ws: Workspace, tmp_path: Path, qtbot) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(ws, None, slack_zip(tmp_path / "acme.zip"))
    qtbot.addWidget(dialog)
    dialog.mapping.setPlainText("\n".join(f"team: {pair}" for pair in SLACK_TEAMS))
    return dialog


def test_a_slack_export_offers_its_channels_and_imports_the_chosen_one(
    ws: Workspace, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    dialog = slack_dialog(ws, tmp_path, qtbot)
    assert dialog.format.currentText() == "slack"
    assert not dialog.slack_row.isHidden()
    channels = [dialog.channel.itemText(i) for i in range(dialog.channel.count())]
    assert channels == ["edge-platform (0 days)", "incident-4711 (2 days)", "random (1 day)"]
    assert dialog.channel.currentData() == "incident-4711"
    dialog.workspace_url.setText("https://acme.slack.com")
    dialog.workspace_url.editingFinished.emit()
    assert dialog.preview.rowCount() == 9
    assert dialog.preview.item(0, 4).text() == "PagerDuty"
    assert dialog.parsed is not None
    assert dialog.parsed.events[0].source_url.startswith("https://acme.slack.com/archives/C0")
    dialog.channel.setCurrentIndex(2)
    dialog.channel.activated.emit(2)
    assert dialog.preview.rowCount() == 1 and "lunch" in dialog.preview.item(0, 5).text()


def test_likely_duplicates_are_marked_and_left_out_only_when_asked(
    ws: Workspace, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    first = slack_dialog(ws, tmp_path, qtbot)
    first.accept()
    assert len(ws.session.events) == 9
    dialog = ImportDialog(ws, None, PAGERDUTY)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentText("pagerduty")
    dialog.mapping.setPlainText("team: checkout-api=Payments")
    assert dialog.preview.item(0, 6).text().startswith("[Triggered] #4711 High error rate")
    assert dialog.preview.item(0, 5).background().color() == QColor(LIKELY_COLOUR)
    assert dialog.preview.item(1, 6).text() == ""
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert sum(p.startswith("likely duplicate: line") for p in problems) == 2
    assert dialog.status.text() == "Ready to import 6 events (2 likely duplicates flagged)."
    dialog.drop_likely.setChecked(True)
    assert dialog.status.text().startswith("Ready to import 4 events")
    dialog.accept()
    assert len(ws.session.events) == 13
