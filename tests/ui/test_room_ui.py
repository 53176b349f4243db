"""The room in the app's windows: the join screen, the console's queue and its one-key
decisions, the flow view, and the server's lifetime following the session's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator_app.model import FactorOwner, Session, two_teams
from facilitator_app.room import ProposalStatus
from facilitator_app.workspace import Workspace
from storage import SqliteStore
from tests.helpers.room_ui import InProcessRoom, Starter, demo_store, open_demo
from tests.ui.live import press
from ui.app import AppController
from ui.room.display import RoomDisplay
from ui.room.overlays import RoomOverlays
from ui.room.qr import qr_matrix
from ui.room.queue_page import RoomPage
from ui.shared.cards import Card

pytestmark = pytest.mark.gui


@dataclass
class Rig:
    app: AppController
    starter: Starter
    store: SqliteStore
    qtbot: QtBot

    @property
    def workspace(self) -> Workspace:
        return self.app.workspace

    @property
    def running(self) -> InProcessRoom:
        return self.starter.last

    def overlays(self) -> RoomOverlays:
        found = RoomOverlays.of(self.app.shared)
        assert found is not None
        return found

    def to_phase(self, key: str) -> None:
        engine = self.workspace.meeting
        if engine.state.value == "idle":
            engine.start()
        keys = [p.key for p in self.workspace.session.phases]
        while (phase := engine.status().current_phase) is None or phase.key != key:
            step = 1 if phase is None or keys.index(key) > keys.index(phase.key) else -1
            assert engine.request_phase_change(step, confirmed=True)

    def member(self, name: str) -> int:
        found = next(a for a in self.workspace.session.attendees if a.name == name)
        assert found.id is not None
        return found.id

    def device(self, call: Any) -> Any:
        """A request from a device on the server's thread; waits for the GUI thread's answer."""
        future = self.running.from_device(call)
        self.qtbot.waitUntil(future.done)
        return future.result()

    def join(self, name: str) -> str:
        code, member = self.running.code, self.member(name)
        reply = self.device(lambda room: room.join("10.0.0.7", code, attendee_id=member))
        return str(reply["token"])

    def page(self) -> RoomPage:
        page = self.app.console.show_page("Room")
        assert isinstance(page, RoomPage)
        return page


@pytest.fixture
def rig(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    from ui.room import dialogs

    # Where to listen: the dialog's answer (network tests bind to loopback only).
    monkeypatch.setattr(
        dialogs.StartRoomDialog, "ask", classmethod(lambda cls, parent=None: ("127.0.0.1", 0))
    )
    with demo_store(tmp_path / "room-ui.db") as (store, session_id):
        starter = Starter()
        app = AppController(open_demo(store, session_id), room_starter=starter)
        with qtbot.waitActive(app.console):
            app.show()
        app.shared.resize(1280, 720)
        yield Rig(app, starter, store, qtbot)
        app.room_switch.stop()
        app.close_session()  # its timers stop before the store closes
        for window in (app.shared, app.console):
            window.hide()
            window.deleteLater()


def visible_text(text: str) -> str:
    return text.replace("\u200b", "")


# ---- the join screen ----------------------------------------------------------------------------


def test_joining_starts_by_key_and_the_shared_screen_shows_address_code_and_qr(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    running = rig.running
    join = rig.overlays().join
    assert join.isVisible()
    assert visible_text(join.url.text()) == running.url
    assert join.code.text().replace(" ", "") == running.code
    assert join.qr.text() == running.qr_url
    assert "0 of" in join.counts.text() and "joined" in join.counts.text()
    # The QR code is large enough to scan from the back of the room at 1280x720 ...
    assert join.qr.code_rect().height() >= 0.4 * 720
    # ... and what is painted is the code segno encoded, module by module.
    image = join.qr.grab().toImage()
    area, matrix = join.qr.code_rect(), qr_matrix(running.qr_url)
    side = area.width() / len(matrix)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = QColor(
                image.pixel(int(area.x() + (x + 0.5) * side), int(area.y() + (y + 0.5) * side))
            )
            assert (pixel.lightness() < 128) == dark, (x, y)


def test_j_hides_and_shows_the_join_screen_from_either_window(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    join = rig.overlays().join
    press(rig.app.shared, "J")
    assert not join.isVisible()
    press(rig.app.console, "J")
    assert join.isVisible()


def test_j_while_the_room_is_off_says_how_to_start_it(rig: Rig) -> None:
    press(rig.app.console, "J")
    assert not rig.overlays().join.isVisible()
    assert "Let the room join" in rig.app.console.statusBar().currentMessage()


def test_the_join_screen_counts_devices_never_names(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    rig.join("Amara Diallo")
    counts = rig.overlays().join.counts.text()
    assert counts.startswith("1 of ")
    assert "Amara" not in counts
    badge = rig.overlays().badge
    assert not badge.isVisible()  # the join screen says it already
    press(rig.app.console, "J")
    assert badge.isVisible() and badge.text() == f"Room: {counts}"


# ---- the queue: one key per decision ---------------------------------------------------------


def propose_observation(rig: Rig, token: str, saw: str) -> None:
    event_id = rig.workspace.current_event_id
    reply = rig.device(
        lambda room: room.handle(
            token, {"type": "observation", "event_id": event_id, "saw": saw, "aware": "no"}
        )
    )
    assert reply["ok"]


def test_enter_accepts_an_observation_it_reaches_the_shared_screen_and_undo_removes_it(
    rig: Rig,
) -> None:
    press(rig.app.console, "Ctrl+J")
    rig.to_phase("timeline")
    token = rig.join("Amara Diallo")
    lane = rig.workspace.session.attendee(rig.member("Amara Diallo")).lane
    assert lane is not None
    propose_observation(rig, token, "Checkout retries tripled in the dashboard")
    page = rig.page()
    row = page.queue.topLevelItem(0)
    assert "Amara Diallo" in row.text(0) and row.text(1) == "Observation"
    assert "Checkout retries tripled" in row.text(2)
    press(rig.app.console, "J")  # the join screen goes; the walk view shows
    walk = rig.app.shared.current_view()
    box = walk.observations[lane]  # type: ignore[union-attr]
    assert "Checkout retries tripled" not in box.saw.text()

    page.queue.setFocus()
    press(page.queue, "Return")
    assert "Checkout retries tripled" in box.saw.text()
    assert page.queue.topLevelItemCount() == 0
    assert rig.workspace.undo_stack.undo_text().endswith("from Amara Diallo (room)")

    press(rig.app.console, "Ctrl+Z")
    assert "Checkout retries tripled" not in box.saw.text()


def test_e_edits_then_accepts_a_factor_on_the_factors_screen(rig: Rig, monkeypatch) -> None:
    from ui.room import dialogs

    press(rig.app.console, "Ctrl+J")
    rig.to_phase("factors")
    token = rig.join("Amara Diallo")
    reply = rig.device(
        lambda room: room.handle(
            token, {"type": "factor", "text": "Retry storms are not capped", "owner": "own"}
        )
    )
    assert reply["ok"]
    monkeypatch.setattr(
        dialogs.EditProposalDialog,
        "ask",
        classmethod(lambda cls, p, parent=None: {"text": "Retries are not capped per client"}),
    )
    page = rig.page()
    page.queue.setFocus()
    press(page.queue, "E")
    factors = [f.text for f in rig.workspace.session.factors]
    assert "Retries are not capped per client" in factors
    assert "Retry storms are not capped" not in factors
    made = next(f for f in rig.workspace.session.factors if f.text.startswith("Retries are"))
    assert made.owner is FactorOwner.A  # Amara's own team
    # Her dots count directly: the factor climbs into view on the factors screen.
    rig.device(lambda room: room.handle(token, {"type": "votes", "dots": {str(made.id): 3}}))
    assert made.dots.get(rig.member("Amara Diallo")) == 3
    view = rig.app.shared.current_view()
    shown = [card.body.text() for card in view.findChildren(Card)]
    assert "Retries are not capped per client" in shown


def test_delete_dismisses_and_nothing_reaches_the_session(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    rig.to_phase("timeline")
    token = rig.join("Amara Diallo")
    before = [e.observations.copy() for e in rig.workspace.session.events]
    propose_observation(rig, token, "We saw nothing unusual")
    page = rig.page()
    page.queue.setFocus()
    press(page.queue, "Del")
    assert page.queue.topLevelItemCount() == 0
    assert [p.status for p in rig.running.room.queue.items] == [ProposalStatus.DISMISSED]
    assert [e.observations for e in rig.workspace.session.events] == before
    assert not rig.workspace.undo_stack.can_undo() or "room" not in (
        rig.workspace.undo_stack.undo_text()
    )


def test_queue_keys_belong_to_the_queue_only(rig: Rig) -> None:
    """Enter and Delete elsewhere on the console keep their own meaning (no acceptance)."""
    press(rig.app.console, "Ctrl+J")
    rig.to_phase("timeline")
    token = rig.join("Amara Diallo")
    propose_observation(rig, token, "Pager went off twice")
    rig.page()
    press(rig.app.console, "Return")
    press(rig.app.console, "Del")
    assert len(rig.running.room.pending()) == 1


def test_the_refusal_log_shows_one_line_per_refusal(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    page = rig.page()
    with pytest.raises(Exception, match="wrong join code"):
        rig.device(lambda room: room.check_code("10.0.0.66", "WRONG1"))
    lines = page.refusals.toPlainText().splitlines()
    assert len(lines) == 1 and "10.0.0.66" in lines[0] and "wrong join code" in lines[0]


def test_the_console_lists_who_has_not_voted_and_the_ready_check_counts(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    rig.to_phase("factors")
    page = rig.page()
    names = [page.not_voted.item(i).text() for i in range(page.not_voted.count())]
    assert "Amara Diallo" in names
    token = rig.join("Amara Diallo")
    factor = rig.workspace.session.factors[0]
    rig.device(lambda room: room.handle(token, {"type": "votes", "dots": {str(factor.id): 1}}))
    names = [page.not_voted.item(i).text() for i in range(page.not_voted.count())]
    assert "Amara Diallo" not in names
    page.ready_button.click()
    assert "ready 0 of 1" in page.counts.text()
    ready_id = rig.running.room.ready_id
    rig.device(lambda room: room.handle(token, {"type": "ready", "id": ready_id}))
    assert "ready 1 of 1" in page.counts.text()


def test_voting_and_direct_counting_switches_reach_the_room(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    page = rig.page()
    page.voting.click()
    page.direct.click()
    assert not rig.running.room.voting_open
    assert not rig.running.room.count_directly


def test_r_reveals_the_factors_written_privately(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    rig.to_phase("factors")
    page = rig.page()
    page.private.click()
    token = rig.join("Amara Diallo")
    rig.device(
        lambda room: room.handle(token, {"type": "factor", "text": "Hidden one", "owner": "own"})
    )
    assert page.queue.topLevelItemCount() == 0
    press(rig.app.console, "R")
    assert page.queue.topLevelItemCount() == 1


# ---- the flow view ---------------------------------------------------------------------------


def test_the_flow_view_grows_as_a_proposed_link_is_accepted(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    rig.to_phase("timeline")
    press(rig.app.console, "I")
    flow = rig.overlays().flow
    assert flow.isVisible() and not rig.overlays().join.isVisible()
    before = len(flow.current().flow.rows)
    session = rig.workspace.session
    linked = {(link.source_id, link.target_id) for link in session.links}
    source, target = next(
        (a, b)
        for a in session.sorted_events()
        for b in session.sorted_events()
        if a.lane is not b.lane and a.occurred_at < b.occurred_at and (a.id, b.id) not in linked
    )
    token = rig.join("Amara Diallo")
    rig.device(
        lambda room: room.handle(
            token,
            {"type": "link", "source_id": source.id, "target_id": target.id, "note": "retries"},
        )
    )
    page = rig.page()
    page.queue.setFocus()
    press(page.queue, "Return")
    assert len(flow.current().flow.rows) == before + 1
    press(rig.app.shared, "I")
    assert not flow.isVisible()


# ---- the server's lifetime ---------------------------------------------------------------------


def test_opening_another_session_stops_the_room(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    first = rig.running
    other = rig.store.create_session(Session("Another", two_teams("Payments", "Edge")))
    rig.app._switch_to(other)
    assert first.stopped
    future = first.from_device(lambda room: room.check_code("10.0.0.7", first.code))
    with pytest.raises(Exception, match="stopped"):
        future.result(timeout=5)
    assert RoomDisplay.of(rig.app.bridge).card is None


def test_ctrl_j_again_stops_the_room_and_hides_the_join_screen(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    press(rig.app.console, "Ctrl+J")
    assert rig.running.stopped
    assert not rig.overlays().join.isVisible()


def test_quitting_stops_the_room(rig: Rig) -> None:
    press(rig.app.console, "Ctrl+J")
    rig.app.quit_app()
    # Under pytest no event loop runs, so Qt's quit cannot return from exec(); the signal it
    # emits on the way out is sent by hand (a subprocess test covers the real exit).
    instance = QApplication.instance()
    assert instance is not None
    instance.aboutToQuit.emit()
    assert rig.running.stopped


def test_an_edit_the_core_refuses_is_shown_and_the_proposal_stays(rig: Rig, monkeypatch) -> None:
    from ui.room import dialogs

    press(rig.app.console, "Ctrl+J")
    rig.to_phase("factors")
    token = rig.join("Amara Diallo")
    rig.device(lambda room: room.handle(token, {"type": "factor", "text": "Caps", "owner": "own"}))
    before = len(rig.workspace.session.factors)
    monkeypatch.setattr(
        dialogs.EditProposalDialog, "ask", classmethod(lambda cls, p, parent=None: {"text": " "})
    )
    page = rig.page()
    page.queue.setFocus()
    press(page.queue, "E")
    assert page.message.text()  # the core's reason, in one line
    assert len(rig.workspace.session.factors) == before
    assert page.queue.topLevelItemCount() == 1
