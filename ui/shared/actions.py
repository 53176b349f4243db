"""Shared screen, action-item phase: items by kind with owner, due date and the verdict badge.

The room sees at once which items pass the specific test ("SPECIFIC", green) and which do not
("VAGUE: no lead", red, with the reason in words), so a vague item is fixed while everyone is
still there. Joint items sit in the middle: the most failure-prone kind.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator_app.actions.check import Verdict, check_item
from facilitator_app.actions.items import accountable
from facilitator_app.follow_up import due_label
from facilitator_app.model import ActionItem, ActionKind, ActionStatus, Session
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.shared.cards import SMALL, Card, chip, clear_layout, fill_column, muted, new_column
from ui.theme import current, font_px, shared_px

KIND_TITLES = {
    ActionKind.TEAM: "Team items",
    ActionKind.JOINT: "Joint items",
    ActionKind.PROCESS: "Process items",
}


def kind_colour(kind: ActionKind) -> str:
    theme = current()
    return {
        ActionKind.TEAM: theme.team_kind,
        ActionKind.JOINT: theme.interaction,
        ActionKind.PROCESS: theme.process,
    }[kind]


def badge_html(verdict: Verdict) -> str:
    """The verdict in words on its colour: never colour alone."""
    theme = current()
    ink = theme.ink_on_state
    if verdict.is_specific:
        return f"<span style='background:{theme.ok}; color:{ink}'>&nbsp;✓ SPECIFIC&nbsp;</span>"
    why = ", ".join(dict.fromkeys(r.short for r in verdict.reasons))
    return (
        f"<span style='background:{theme.red}; color:{ink}'>&nbsp;✗ VAGUE&nbsp;</span>"
        f"&nbsp;<span style='color:{theme.red}'>needs {escape(why)}</span>"
    )


def item_footer(session: Session, item: ActionItem, today: date | None = None) -> str:
    who = accountable(item)
    if item.kind is ActionKind.JOINT:
        who = f"lead: {item.lead}" if item.lead else "no lead"
    elif item.kind is ActionKind.TEAM and item.lane is not None:
        who = f"{who or 'no owner'} ({session.team(item.lane).name})"
    parts = [due_label(item, today or now_utc().date()), who or "no owner"]
    if item.status is not ActionStatus.OPEN:
        parts.append(item.status.value)
    return " · ".join(parts)


class ActionsSharedView(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = bridge.workspace
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("actions-summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)  # a narrow or scaled-up screen wraps it, never cuts it
        outer.addWidget(self.summary)
        self.columns = QHBoxLayout()
        outer.addLayout(self.columns, 1)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.ACTIONS, Part.TEAMS, Part.SESSION}:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh()

    def refresh(self) -> None:
        session = self.workspace.session
        items = [a for a in session.actions if a.status is not ActionStatus.DROPPED]
        verdicts = [check_item(item, session) for item in items]
        specific = sum(v.is_specific for v in verdicts)
        self.summary.setText(
            f"{len(items)} action items &nbsp;·&nbsp; "
            f"<span style='color:{current().ok}'>{specific} specific</span> &nbsp;·&nbsp; "
            f"<span style='color:{current().red}'>{len(items) - specific} vague</span>"
            f"<span style='color:{current().muted}'> &nbsp;— every item needs an outcome, "
            "one owner and a date</span>"
        )
        self.summary.setFont(font_px(shared_px(self, SMALL), bold=True))
        clear_layout(self.columns)
        spacing = shared_px(self, 0.015, minimum=6)
        self.columns.setSpacing(spacing)
        width = (self.width() - 2 * spacing) // 3
        available = (
            self.height() - self.summary.heightForWidth(self.width()) - shared_px(self, 0.08)
        )
        for kind in ActionKind:
            in_kind = [(i, v) for i, v in zip(items, verdicts, strict=True) if i.kind is kind]
            box = new_column(
                self.columns, self, chip(KIND_TITLES[kind], kind_colour(kind), self, 0.034)
            )
            cards: list[QWidget] = [
                Card(
                    self,
                    badge_html(verdict),
                    item.description,
                    current().ok if verdict.is_specific else current().red,
                    footer=item_footer(session, item),
                    lines=2,
                )
                for item, verdict in in_kind
            ]
            if not in_kind:
                box.addWidget(muted("none yet", self))
            fill_column(box, cards, width, available, self)
