"""The console's Room page: what the room proposed, and the facilitator's switches.

The queue lists each proposal with its sender's name and team, its kind and its words; with the
queue focused, one key accepts (Enter), edits then accepts (E) or dismisses (Delete) the selected
one (keys from the one hotkey table, remappable). Every button and key calls one method of the
core's `Room`; the rules (who may propose what, budgets, attribution, undo) live there. Beside
the queue: who has not voted yet and who has not answered the "ready?" check (names stay on the
console; the shared screen shows counts only), and the refusal log, one line each.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.room import Room
from facilitator_app.room.views import QueueRow, queue_rows
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.hotkeys.table import Keymap
from ui.room.dialogs import EditProposalDialog
from ui.room.keys import keymap_of, keys_text
from ui.room.switch import RoomSwitch
from ui.theme import MUTED_TEXT, RED

QUEUE_SCOPE = "queue"
COLUMNS = ["From", "Kind", "Proposal"]
MAX_LOG_LINES = 1000


class ProposalQueue(QTreeWidget):
    """The list; its keys come from the hotkey table's "queue" rows."""

    key_action = Signal(str)

    def __init__(self, keymap: Callable[[], Keymap], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("room-queue")
        self.keymap = keymap
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(COLUMNS)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)  # a long proposal wraps onto more lines instead of eliding
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setColumnWidth(0, 250)
        self.setColumnWidth(1, 100)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        action = self.keymap().scoped_action(QUEUE_SCOPE, mods.value | event.key())
        if action is not None:
            if not event.isAutoRepeat():  # holding Enter is one acceptance
                self.key_action.emit(action)
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_id(self) -> int | None:
        item = self.currentItem()
        if item is None or not item.isSelected():
            return None
        value = item.data(0, Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None


class RoomPage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("room-page")
        self.bridge = bridge
        self.switch = RoomSwitch.of(bridge)

        self.status = QLabel()
        self.status.setObjectName("room-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.toggle_button = QPushButton()
        self.toggle_button.setObjectName("room-toggle")
        self.toggle_button.clicked.connect(self._toggle_clicked)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.toggle_button)

        self.voting = QCheckBox("Voting open")
        self.voting.setObjectName("room-voting-open")
        self.voting.toggled.connect(lambda on: self._on_room(lambda r: r.set_voting_open(on)))
        self.direct = QCheckBox("Count votes and poll answers directly")
        self.direct.setObjectName("room-count-directly")
        self.direct.toggled.connect(lambda on: self._on_room(lambda r: r.set_count_directly(on)))
        self.private = QCheckBox("Factors written privately")
        self.private.setObjectName("room-private-factors")
        self.private.toggled.connect(lambda on: self._on_room(lambda r: r.set_private_factors(on)))
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("room-reveal")
        self.reveal_button.clicked.connect(self.reveal)
        self.ready_button = QPushButton("Ready? check")
        self.ready_button.setObjectName("room-ready")
        self.ready_button.setToolTip("Ask every device whether it is ready to move on")
        self.ready_button.clicked.connect(self.ask_ready)
        switches = QHBoxLayout()
        for widget in (self.voting, self.direct, self.private, self.reveal_button):
            switches.addWidget(widget)
        switches.addStretch(1)
        switches.addWidget(self.ready_button)

        self.queue = ProposalQueue(lambda: keymap_of(bridge))
        self.queue.key_action.connect(self.run_key_action)
        self.queue_hint = QLabel()
        self.queue_hint.setStyleSheet(f"color: {MUTED_TEXT}")
        self.message = QLabel()
        self.message.setObjectName("room-message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(f"color: {RED}")
        queue_box = QGroupBox("Proposals from the room")
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.addWidget(self.queue_hint)
        queue_layout.addWidget(self.queue, 1)
        self.detail = QLabel()
        self.detail.setObjectName("room-detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.queue.currentItemChanged.connect(lambda *_: self._show_detail())
        queue_layout.addWidget(self.detail)
        queue_layout.addWidget(self.message)
        buttons = QHBoxLayout()
        for text, action in (
            ("Accept", "room.accept"),
            ("Edit, then accept…", "room.edit_accept"),
            ("Dismiss", "room.dismiss"),
        ):
            button = QPushButton(text)
            button.setObjectName(action.replace(".", "-"))
            button.clicked.connect(lambda _=False, a=action: self.run_key_action(a))
            buttons.addWidget(button)
        buttons.addStretch(1)
        queue_layout.addLayout(buttons)

        self.counts = QLabel()
        self.counts.setObjectName("room-counts")
        self.not_voted = QListWidget()
        self.not_voted.setObjectName("room-not-voted")
        self.not_voted.setAccessibleName("Not voted yet")
        self.not_ready = QListWidget()
        self.not_ready.setObjectName("room-not-ready")
        self.not_ready.setAccessibleName("Not ready yet")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.counts)
        side_layout.addWidget(QLabel("Not voted yet (console only):"))
        side_layout.addWidget(self.not_voted, 1)
        side_layout.addWidget(QLabel("Not ready yet:"))
        side_layout.addWidget(self.not_ready, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(queue_box)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.refusals = QPlainTextEdit()
        self.refusals.setObjectName("room-refusals")
        self.refusals.setReadOnly(True)
        self.refusals.setMaximumBlockCount(MAX_LOG_LINES)
        self.refusals.setMaximumHeight(110)
        self.refusals.setPlaceholderText("Nothing refused.")
        log_box = QGroupBox("Refused (one line each)")
        log_layout = QVBoxLayout(log_box)
        log_layout.addWidget(self.refusals)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(switches)
        layout.addWidget(split, 1)
        layout.addWidget(log_box)

        self.switch.room_changed.connect(self.refresh)
        self.switch.started.connect(lambda *_: self.refresh())
        self.switch.stopped.connect(self.refresh)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    # ---- showing ----------------------------------------------------------------------------

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.FACTORS, Part.ROSTER, Part.PHASES}:
            self.refresh()

    def refresh(self) -> None:
        room = self.switch.room
        keymap = keymap_of(self.bridge)
        self.toggle_button.setText(
            f"Stop the room's page ({keys_text(keymap, 'room.toggle')})"
            if room is not None
            else f"Let the room join… ({keys_text(keymap, 'room.toggle')})"
        )
        self.reveal_button.setText(f"Reveal factors ({keys_text(keymap, 'room.reveal')})")
        self.queue_hint.setText(
            f"{keys_text(keymap, 'room.accept')}: accept · "
            f"{keys_text(keymap, 'room.edit_accept')}: edit, then accept · "
            f"{keys_text(keymap, 'room.dismiss')}: dismiss"
        )
        for widget in (self.voting, self.direct, self.private, self.reveal_button):
            widget.setEnabled(room is not None)
        self.ready_button.setEnabled(room is not None)
        if room is None:
            self.status.setText(
                "The room cannot join: its page is off. Session → Let the room join… starts it "
                "for this session; participants then add observations, factors, votes and "
                "ideas, which wait here until you accept them."
            )
            self._fill_queue([])
            self.counts.setText("")
            self.not_voted.clear()
            self.not_ready.clear()
            return
        running = self.switch.running
        assert running is not None
        counts = room.counts()
        self.status.setText(f"The room can join: {running.url}   code {room.code}")
        for box, value in (
            (self.voting, room.voting_open),
            (self.direct, room.count_directly),
            (self.private, room.private_factors),
        ):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        hidden = f" · {counts.hidden} written privately" if counts.hidden else ""
        ready = f" · ready {counts.ready} of {counts.asked}" if counts.asked else ""
        self.counts.setText(
            f"{counts.joined} of {counts.expected} joined · votes in {counts.votes_in} of "
            f"{counts.voters}{ready}{hidden}"
        )
        self._fill_list(self.not_voted, room.not_voted())
        self._fill_list(self.not_ready, room.not_ready())
        self._fill_queue(queue_rows(room))
        lines = room.refusal_lines()
        if self.refusals.toPlainText().splitlines() != lines[-MAX_LOG_LINES:]:
            self.refusals.setPlainText("\n".join(lines[-MAX_LOG_LINES:]))
            bar = self.refusals.verticalScrollBar()
            bar.setValue(bar.maximum())

    @staticmethod
    def _fill_list(widget: QListWidget, names: list[str]) -> None:
        if [widget.item(i).text() for i in range(widget.count())] != names:
            widget.clear()
            widget.addItems(names)

    def _fill_queue(self, rows: list[QueueRow]) -> None:
        selected = self.queue.selected_id()
        current = self.queue.currentItem()
        was_at = self.queue.indexOfTopLevelItem(current) if current is not None else -1
        self.queue.clear()
        keep: QTreeWidgetItem | None = None
        for row in rows:
            notes = f"  [{row.notes}]" if row.notes else ""
            item = QTreeWidgetItem([row.author, row.kind, row.summary + notes])
            item.setData(0, Qt.ItemDataRole.UserRole, row.proposal_id)
            item.setToolTip(2, row.summary)
            self.queue.addTopLevelItem(item)
            if row.proposal_id == selected:
                keep = item
        if keep is None and self.queue.topLevelItemCount():
            # After an accept or dismiss, the next proposal comes up: Enter, Enter, Enter.
            index = min(max(was_at, 0), self.queue.topLevelItemCount() - 1)
            keep = self.queue.topLevelItem(index)
        if keep is not None:
            self.queue.setCurrentItem(keep)
            keep.setSelected(True)

    def _show_detail(self) -> None:
        """The whole of the selected proposal, wrapped (the list shows one line of each)."""
        item = self.queue.currentItem()
        self.detail.setText(f"{item.text(0)}: {item.text(2)}" if item is not None else "")

    # ---- acting (each calls one core method) ------------------------------------------------

    def run_key_action(self, action: str) -> None:
        handlers = {
            "room.accept": self.accept_selected,
            "room.edit_accept": self.edit_then_accept,
            "room.dismiss": self.dismiss_selected,
        }
        handlers[action]()

    def _selected(self) -> tuple[Room, int] | None:
        room = self.switch.room
        proposal_id = self.queue.selected_id()
        if room is None or proposal_id is None:
            self._say("Select a proposal first")
            return None
        return room, proposal_id

    def accept_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            room, proposal_id = chosen
            self._do(lambda: room.accept(proposal_id), decided=True)

    def edit_then_accept(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        room, proposal_id = chosen
        proposal = next((p for p in room.pending() if p.id == proposal_id), None)
        if proposal is None:
            return
        edits = EditProposalDialog.ask(proposal, self)
        if edits is not None:
            self._do(lambda: room.accept(proposal_id, **edits), decided=True)

    def dismiss_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            room, proposal_id = chosen
            self._do(lambda: room.dismiss(proposal_id), decided=True)

    def reveal(self) -> None:
        room = self.switch.room
        if room is None:
            self._say("The room's page is off: nothing to reveal")
            return
        shown = room.reveal_factors()
        self._say(f"Revealed {shown} factor{'s' if shown != 1 else ''} written privately", ok=True)

    def ask_ready(self) -> None:
        self._on_room(lambda r: r.ask_ready())

    def _on_room(self, call: Callable[[Room], object]) -> None:
        room = self.switch.room
        if room is not None:
            self._do(lambda: call(room))

    def _do(self, call: Callable[[], object], *, decided: bool = False) -> None:
        """Run one core call; its refusal is shown here. After a decision the queue keeps the
        keys, so the next proposal is one key away."""
        self._say("")
        try:
            call()
        except UserError as exc:
            self._say(exc.message)
        self.refresh()
        if decided:
            self.queue.setFocus()

    def _say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(f"color: {MUTED_TEXT if ok else RED}")
        self.message.setText(text)

    def _toggle_clicked(self) -> None:
        from ui.room.hook import toggle_room

        toggle_room(self.bridge, self, ask=True)
