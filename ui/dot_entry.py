"""Dot-vote entry at speed: one key per dot while attendees call out their choices.

With this widget focused, `1`–`9` give the current voter a dot on factor #n (two digits when
there are ten factors or more), Backspace takes their last dot back, Up/Down choose the voter,
and when a voter's dots are used up the next one who still has dots comes up by itself. The keys
are taken before any application shortcut (the floor keys `1`/`2` included) only while this
widget has focus. Every dot is an undoable command of the core (`facilitator_app.voting`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from facilitator_app.errors import UserError
from facilitator_app.voting import cast_dot, dots_left, next_voter, remove_dot, voters
from facilitator_app.workspace import Workspace

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}
_TAKEN = {
    *_DIGITS,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
}
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class DotEntry(QFrame):
    """Shows the current voter; keys cast dots. `message` reports what happened, in words."""

    message = Signal(str)
    voter_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dot-entry")
        self.workspace = workspace
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.voter_id: int | None = None
        self.pending = ""  # digits typed so far when there are ten factors or more
        self._cast: list[tuple[int, int]] = []  # (voter, factor index) for Backspace
        layout = QVBoxLayout(self)
        self.voter_label = QLabel()
        self.voter_label.setObjectName("dot-voter")
        font = self.voter_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.voter_label.setFont(font)
        self.hint = QLabel(
            "Click here, then: 1–9 = a dot on factor #n · Backspace = take the last one back · "
            "↑/↓ = another voter"
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.voter_label)
        layout.addWidget(self.hint)
        self.refresh()

    # ---- state --------------------------------------------------------------------------

    def choose_voter(self, attendee_id: int | None) -> None:
        self.voter_id = attendee_id
        self.pending = ""
        self.refresh()
        self.voter_changed.emit()

    def refresh(self) -> None:
        session = self.workspace.session
        ids = [a.id for a in voters(session)]
        if self.voter_id not in ids:
            first = next_voter(session)
            self.voter_id = first.id if first else (ids[0] if ids else None)
        attendee = session.attendee(self.voter_id)
        if attendee is None:
            self.voter_label.setText("No voters: add attendees to the two teams")
            return
        left = dots_left(session, attendee.id or 0)
        typed = f" — factor #{self.pending}…" if self.pending else ""
        self.voter_label.setText(
            f"{attendee.name}: {left} of {session.dots_per_attendee} dots left{typed}"
        )

    # ---- keys ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.ShortcutOverride
            and event.key() in _TAKEN
            and event.modifiers() in _PLAIN
        ):
            event.accept()  # ours while focused, not the floor keys'
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.isAutoRepeat():
            return
        if key in _DIGITS:
            self._digit(_DIGITS[key])
        elif key == Qt.Key.Key_Backspace:
            self.take_back()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pending:
            self._commit(int(self.pending))
        elif key == Qt.Key.Key_Down:
            self._step(1)
        elif key == Qt.Key.Key_Up:
            self._step(-1)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.pending = ""
        self.refresh()
        super().focusOutEvent(event)

    def _digit(self, digit: int) -> None:
        count = len(self.workspace.session.factors)
        typed = int(self.pending + str(digit))
        if count < 10 or typed * 10 > count:
            self._commit(typed)
        else:
            self.pending += str(digit)
            self.refresh()

    def _commit(self, number: int) -> None:
        self.pending = ""
        self.cast(number)

    def _step(self, delta: int) -> None:
        ids = [a.id for a in voters(self.workspace.session)]
        if not ids:
            return
        index = ids.index(self.voter_id) if self.voter_id in ids else 0
        self.choose_voter(ids[(index + delta) % len(ids)])
        self.setFocus()

    # ---- commands -----------------------------------------------------------------------

    def cast(self, number: int) -> bool:
        """A dot from the current voter on factor #number (1-based); False if refused."""
        session = self.workspace.session
        if self.voter_id is None:
            return False
        if not 1 <= number <= len(session.factors):
            self.message.emit(f"There is no factor #{number}.")
            self.refresh()
            return False
        factor = session.factors[number - 1]
        try:
            cast_dot(self.workspace, self.voter_id, factor)
        except UserError as exc:
            self.message.emit(exc.reason)
            self.refresh()
            return False
        self._cast.append((self.voter_id, number))
        name = session.attendee(self.voter_id)
        self.message.emit(f"{name.name if name else 'Voter'}: a dot on #{number}.")
        if dots_left(session, self.voter_id) == 0:
            following = next_voter(session, after=self.voter_id)
            if following is not None and following.id != self.voter_id:
                self.choose_voter(following.id)
        self.refresh()
        return True

    def take_back(self) -> None:
        """Take back the last dot cast from this entry (by whichever voter)."""
        session = self.workspace.session
        while self._cast:
            voter, number = self._cast.pop()
            if number <= len(session.factors) and remove_dot(
                self.workspace, voter, session.factors[number - 1]
            ):
                self.choose_voter(voter)
                self.message.emit(f"Took back a dot on #{number}.")
                break
        self.refresh()
