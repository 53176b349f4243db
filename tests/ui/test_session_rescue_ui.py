"""The session list with the reason (issue 16, item 8): what the facilitator sees and can do."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from PySide6.QtWidgets import QDialogButtonBox

from facilitator_app.session_choice import NEW_SESSION
from facilitator_app.store import SessionSummary
from ui.session_rescue import SessionRescueDialog

REASON = (
    "session 7 holds a value it cannot have: field 'speaking.seconds': longer than a meeting "
    "can be (604800 s) <b>not markup</b>"
)


def _sessions() -> list[SessionSummary]:
    at = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
    return [
        SessionSummary(3, "Checkout outage", "Payments", "Edge", "ended", at, at),
        SessionSummary(2, "DNS flap", "Core", "Edge", "draft", None, at),
    ]


def test_the_reason_is_shown_as_text_and_another_session_can_be_opened(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SessionRescueDialog(_sessions(), REASON)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "longer than a meeting can be" in dialog.reason.text()
    assert "&lt;b&gt;not markup" in dialog.reason.text()  # the reason is never read as markup
    folder = os.environ.get("FACILITATOR_SHOTS")
    if folder:
        dialog.grab().save(os.path.join(folder, "session-rescue.png"))
    dialog.table.selectRow(1)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Open).click()
    assert dialog.result() == 1 and dialog.selected_id() == 2


def test_new_session_is_offered(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SessionRescueDialog([], REASON)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_session.click()
    assert dialog.result() == 2  # ask_with_reason turns this into NEW_SESSION
    assert NEW_SESSION == 0
