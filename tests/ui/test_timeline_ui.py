"""The timeline on screen: keys, the current event kept in view, tags, the walk view, the detail
panel (observations, log link), the import dialog and the incident-flow exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from facilitator_app.model import Awareness, Lane, Tag
from facilitator_app.timeline.walk import current_event, next_event, ordered_events, toggle_tag
from facilitator_app.workspace import Workspace
from tests.helpers.timeline_fixtures import open_workspace, write
from ui import registry
from ui.bridge import WorkspaceBridge
from ui.timeline.detail import EventDetailPanel
from ui.timeline.flow_view import IncidentFlowPage, png_bytes, svg_bytes
from ui.timeline.import_dialog import ImportDialog
from ui.timeline.walk_view import TimelineWalkView
from ui.timeline.widget import TimelineWidget

pytestmark = pytest.mark.gui


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "ui.db")
    yield workspace
    workspace.store.close()  # type: ignore[attr-defined]


@pytest.fixture
def bridge(ws: Workspace, qtbot) -> WorkspaceBridge:  # type: ignore[no-untyped-def]
    return WorkspaceBridge(ws)


@pytest.fixture
def timeline(bridge: WorkspaceBridge, qtbot) -> TimelineWidget:  # type: ignore[no-untyped-def]
    widget = TimelineWidget(bridge)
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored(ws: Workspace):  # type: ignore[no-untyped-def]
    return ws.store.load_session(ws.session_id)


def test_arrow_keys_walk_the_timeline_and_keep_the_current_event_in_view(
    timeline: TimelineWidget, ws: Workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    order = [e.id for e in ordered_events(ws)]
    timeline.setFocus()
    for expected in order[1:]:
        qtbot.keyClick(timeline, Qt.Key.Key_Right)
        assert ws.current_event_id == expected
        assert timeline.current_card_on_screen()
    assert timeline.scroll_offset() > 0  # it had to scroll to show the last ones
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    assert ws.current_event_id == order[0] and timeline.current_card_on_screen()
    assert timeline.scroll_offset() == 0
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    assert ws.current_event_id == order[-1] and timeline.current_card_on_screen()
    qtbot.keyClick(timeline, Qt.Key.Key_PageUp)
    assert ws.current_event_id == order[-2]


def test_a_change_from_elsewhere_scrolls_the_widget_too(
    timeline: TimelineWidget, ws: Workspace
) -> None:
    last = ordered_events(ws)[-1]
    ws.set_current_event(last.id)  # e.g. from the hotkey table or the shared screen
    assert timeline.current_card_on_screen()


def test_clicking_a_card_makes_it_current(timeline: TimelineWidget, ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    card = timeline.layout_.cards[1]
    point = QPoint(round(card.x + 20 - timeline.scroll_offset()), round(card.y + 20))
    qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert ws.current_event_id == card.event_id


def test_zoom_keys(timeline: TimelineWidget, qtbot) -> None:  # type: ignore[no-untyped-def]
    width = timeline.layout_.width
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Plus)
    assert timeline.zoom > 1 and timeline.layout_.width > width
    qtbot.keyClick(timeline, Qt.Key.Key_0)
    assert timeline.zoom == 1 and timeline.layout_.width == pytest.approx(width)
    qtbot.keyClick(timeline, Qt.Key.Key_Minus)
    assert timeline.zoom < 1 and timeline.current_card_on_screen()


def test_quiet_stretches_longer_than_five_minutes_are_breaks(timeline: TimelineWidget) -> None:
    # at zoom 1 a card is four minutes wide and a step stays to scale up to 1.25 cards (5 min);
    # the fixture's longer silences: 81 minutes (14:14-15:35 CET), then 6 minutes
    assert [round(b.seconds / 60) for b in timeline.layout_.breaks] == [81, 6]


def test_the_widget_paints_without_error(timeline: TimelineWidget) -> None:
    image = timeline.grab().toImage()
    assert image.width() == timeline.width()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert "#0072b2" in colours and "#e69f00" in colours  # both team colours are on screen


def test_walk_view_centres_the_current_event_and_shows_both_observations(
    bridge: WorkspaceBridge, ws: Workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    view = TimelineWalkView(bridge)
    qtbot.addWidget(view)
    view.resize(1280, 600)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(2):
        next_event(ws)  # the checkout alert: both teams' observations recorded
    strip = view.strip
    card = strip.layout_.card(ws.current_event_id)
    assert card is not None
    centre = (
        strip.scroll_offset()
        + strip.layout_.params.label_width
        + (strip.viewport().width() - strip.layout_.params.label_width) / 2
    )
    assert abs(card.x + card.width / 2 - centre) <= 1
    a, b = view.observations[Lane.A], view.observations[Lane.B]
    assert a.title.text() == "What Payments saw"
    assert "Checkout error rate alert fires" in a.saw.text()
    assert b.saw.text() == "Nothing unusual on the edge"
    assert a.aware.text() == "Aware of Edge Platform: ✗ no"
    assert "divergence point" in view.badges.text()
    next_event(ws)
    assert b.saw.text() == "— not recorded yet —"
    assert b.aware.text() == "Aware of Payments: ? not known"


def test_walk_view_type_is_large_at_720p(bridge: WorkspaceBridge, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = TimelineWalkView(bridge)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    assert view.headline.font().pixelSize() >= 20
    font, lines = view.observations[Lane.A].saw.fitted()
    assert font.pixelSize() >= 18 and lines
    assert view.strip.font_pixels() >= 18


def test_tags_show_on_the_walk_view_when_toggled(
    bridge: WorkspaceBridge, ws: Workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    view = TimelineWalkView(bridge)
    qtbot.addWidget(view)
    next_event(ws)  # "Deploy dashboards green": no tags
    assert view.badges.text() == ""
    toggle_tag(ws, Tag.LOCALLY_CORRECT)
    assert "locally correct, globally unexpected" in view.badges.text()
    ws.undo()
    assert view.badges.text() == ""


def test_detail_panel_edits_an_observation_with_undo(
    bridge: WorkspaceBridge, ws: Workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    panel = EventDetailPanel(bridge)
    qtbot.addWidget(panel)
    editor = panel.observations[Lane.B]
    before = editor.saw.toPlainText()
    assert before == "Rate limit config v2 deployed to the edge (as B saw it)"
    editor.saw.setPlainText("Edge saw green dashboards")
    editor.commit_text()
    editor.aware.setCurrentIndex(editor.aware.findData(Awareness.YES))
    editor.commit_awareness()
    event = current_event(ws)
    assert event is not None
    saved = next(e for e in stored(ws).events if e.id == event.id).observation(Lane.B)
    assert (saved.saw, saved.aware_of_other) == ("Edge saw green dashboards", Awareness.YES)
    ws.undo()
    ws.undo()
    assert editor.saw.toPlainText() == before
    assert event.observation(Lane.B).saw == before
    assert next(e for e in stored(ws).events if e.id == event.id).observation(Lane.B).saw == (
        before
    )


def test_detail_panel_follows_the_current_event(
    bridge: WorkspaceBridge, ws: Workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    panel = EventDetailPanel(bridge)
    qtbot.addWidget(panel)
    next_event(ws)
    event = current_event(ws)
    assert event is not None
    assert panel.description.toPlainText() == event.description
    assert panel.team.currentText() == "Edge Platform"
    panel.tag_boxes[Tag.DIVERGENCE.value].click()
    assert Tag.DIVERGENCE.value in event.tags


@pytest.mark.parametrize(
    ("link", "opened"),
    [
        ("https://logs.example.com/a b", None),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("HTTPS://Logs.Example.com/x?q=<1>", "https://logs.example.com/x?q=%3C1%3E"),
    ],
)
def test_the_log_link_opens_only_for_http_with_a_host(
    bridge: WorkspaceBridge,
    ws: Workspace,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    link: str,
    opened: str | None,
) -> None:  # type: ignore[no-untyped-def]
    calls: list[QUrl] = []
    refused: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: refused.append(a[2]))
    panel = EventDetailPanel(bridge, opener=calls.append)
    qtbot.addWidget(panel)
    event = current_event(ws)
    assert event is not None
    event.source_url = link  # as if an old file had stored it
    panel.refresh()
    panel.open_log()
    if opened is None:
        assert calls == [] and len(refused) == 1
    else:
        assert [c.toString() for c in calls] == [opened] and refused == []


def test_import_dialog_lists_bad_rows_and_skip_imports_the_good_ones(
    ws: Workspace, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    source = write(
        tmp_path / "in.csv",
        "timestamp,team,event\n"
        "2026-11-10T16:00:00Z,Payments,Late page\n"
        "2026-11-10T16:01:00Z,Nobody,Stray row\n"
        "2026-11-10T16:02:00,Edge Platform,Naive time\n",
    )
    dialog = ImportDialog(ws, None, source)
    qtbot.addWidget(dialog)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("line 3, field 'team'" in p for p in problems)
    assert any("line 4, field 'timestamp'" in p for p in problems)
    assert not dialog.import_button.isEnabled()
    dialog.zone.setCurrentText("Europe/Berlin")
    assert dialog.problems.count() == 1
    dialog.skip.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert dialog.preview.rowCount() == 2
    assert dialog.preview.item(1, 1).text() == "2026-11-10T15:02:00Z"
    dialog.accept()
    assert len(stored(ws).events) == 12
    assert ws.undo_stack.undo_text() == "Import 2 events from in.csv"
    ws.undo()
    assert len(stored(ws).events) == 10


def test_import_dialog_reports_an_unreadable_file(ws: Workspace, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(ws, None, tmp_path / "missing.csv")
    qtbot.addWidget(dialog)
    assert "cannot read the file" in dialog.problems.item(0).text()
    assert not dialog.import_button.isEnabled()


def test_flow_exports_svg_and_png(
    ws: Workspace, bridge: WorkspaceBridge, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    ws.update(ws.session.links[0], note="429s <reach> checkout & more")
    svg = svg_bytes(ws.session, "UTC").decode("utf-8")
    assert "Payments" in svg and "Edge Platform" in svg
    assert "&lt;reach&gt;" in svg and "<reach>" not in svg
    data = png_bytes(ws.session, "UTC", width=900, scale=2)
    image = QImage.fromData(data, "PNG")
    assert image.width() == 1800 and image.height() > 300
    page = IncidentFlowPage(bridge)
    qtbot.addWidget(page)
    written = page.export_svg(tmp_path / "flow.svg")
    assert written is not None and written.read_bytes().startswith(b"<?xml")
    assert page.export_png(tmp_path / "flow.png") is not None
    assert QImage(str(tmp_path / "flow.png")).width() > 0


def test_the_pages_are_registered() -> None:
    titles = dict(registry.CONSOLE_PAGES)
    assert registry.load(titles["Timeline"]).__name__ == "TimelinePage"
    assert registry.load(titles["Incident flow"]).__name__ == "IncidentFlowPage"
    assert registry.load(registry.SHARED_PHASE_VIEWS["timeline"]) is TimelineWalkView


def test_the_timeline_page_adds_and_deletes_events_with_undo(
    bridge: WorkspaceBridge, ws: Workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from ui.timeline.page import TimelinePage

    page = TimelinePage(bridge)
    qtbot.addWidget(page)
    page.add_event()
    assert len(stored(ws).events) == 11
    added = current_event(ws)
    assert added is not None and added.description.startswith("New event")
    page.delete_event()
    assert len(stored(ws).events) == 10
    assert ws.current_event_id is not None and ws.current_event_id != added.id
    ws.undo()
    assert len(stored(ws).events) == 11
    page.zone.setCurrentText("Europe/Berlin")
    page.set_zone()
    assert ws.display_zone == "Europe/Berlin"
    assert page.timeline.layout_.ticks[0].labelled
