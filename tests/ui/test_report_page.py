"""The console's Quarterly retro page: pickers, charts on the Qt canvas, export buttons."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from facilitator_app.demo import add_sample_history, load_demo_session
from facilitator_app.report.period import last_full_quarter
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Workspace
from storage import SqliteStore
from ui.bridge import WorkspaceBridge
from ui.report_page import ReportPage

pytestmark = pytest.mark.gui


@pytest.fixture
def bridge(tmp_path: Path) -> Iterator[WorkspaceBridge]:
    store = SqliteStore.open(tmp_path / "demo.db")
    store.create_session(load_demo_session())
    add_sample_history(store, now_utc().date())
    b = WorkspaceBridge(Workspace(store, store.load_session(1)))
    yield b
    b.detach()
    store.close()


@pytest.fixture
def page(qtbot: QtBot, bridge: WorkspaceBridge) -> ReportPage:
    page = ReportPage(bridge)
    qtbot.addWidget(page)
    page.resize(1280, 660)
    page.show()
    return page


def test_the_page_opens_on_last_quarter_with_its_charts(page: ReportPage) -> None:
    quarter = last_full_quarter(now_utc().date()).label
    assert page.quarter.currentText() == quarter
    assert page.status.text().startswith(f"{quarter}: ")
    assert len(page.canvases) == 4
    assert "Recurring contributing factors" in page.text.toPlainText()


def test_a_team_pair_narrows_the_report(page: ReportPage) -> None:
    everyone = len(page.view.selection.sessions)
    page.select(page.quarter.currentText(), "Edge Platform / Payments")
    chosen = page.view.selection.sessions
    assert 0 < len(chosen) < everyone
    assert {frozenset(t.name for t in s.teams) for s in chosen} == {
        frozenset({"Payments", "Edge Platform"})
    }
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    assert len(page.chart_box.findChildren(FigureCanvasQTAgg)) == 4  # the old ones are gone


def test_export_buttons_write_the_report(page: ReportPage, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "retro.md"
    monkeypatch.setattr(page, "ask_path", lambda fmt: str(target.with_suffix(f".{fmt}")))
    page.export_buttons["md"].click()
    assert target.exists() and len(list(tmp_path.glob("retro-chart-*.png"))) == 4
    assert "chart file(s)" in page.status.text()
    page.export_buttons["html"].click()
    assert (tmp_path / "retro.html").read_text().count("<svg") == 4


def test_cancelling_the_save_dialog_writes_nothing(page: ReportPage, tmp_path, monkeypatch):
    monkeypatch.setattr(page, "ask_path", lambda fmt: None)
    before = page.status.text()
    page.export_buttons["pdf"].click()
    assert page.status.text() == before


def test_matplotlib_is_imported_only_when_the_page_opens() -> None:
    code = "import sys, ui.report_page; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
