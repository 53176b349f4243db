"""The parking lot names the moment an idea was parked at in the timeline's display zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from facilitator_app.engine import SystemClock
from facilitator_app.model import Lane, ParkedIdea, Session, TimelineEvent, two_teams
from facilitator_app.session_open import open_workspace
from storage import SqliteStore
from ui.bridge import WorkspaceBridge
from ui.parking_panel import ParkingPanel

pytestmark = pytest.mark.gui


def test_a_parked_idea_shows_its_events_time_in_the_display_zone(qtbot, tmp_path: Path):
    store = SqliteStore.open(tmp_path / "p.db")
    at = datetime(2026, 11, 10, 7, 58, tzinfo=timezone(timedelta(hours=-5)))  # 12:58 UTC
    session = Session("Parked", two_teams("Payments", "Edge"))
    session.events.append(TimelineEvent(at, Lane.B, "deploy-bot", "Config rollout starts"))
    store.create_session(session)
    workspace = open_workspace(store, store.load_session(session.id or 0), SystemClock())
    workspace.add(
        ParkedIdea("Rate-limit by service identity", event_id=workspace.session.events[0].id)
    )
    panel = ParkingPanel(WorkspaceBridge(workspace))
    qtbot.addWidget(panel)
    assert "(at 12:58 Config rollout starts)" in panel.list.item(0).text()  # UTC by default
    workspace.set_display_zone("Asia/Kolkata")
    panel.refresh()
    assert "(at 18:28 Config rollout starts)" in panel.list.item(0).text()
    store.close()
