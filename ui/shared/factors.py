"""Shared screen, contributing-factors phase: factors by owner with their votes, and the ranking.

Three columns (team A, the interaction between the systems, team B) so each team sees its own
factors and the integration as a factor of its own; each card shows its rank and votes. The
ranking on the right follows equal-team weighting when it is on, and says so.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator_app.factors import factors_by_owner, owner_label
from facilitator_app.model import FactorOwner, Lane, Session
from facilitator_app.voting import RankedFactor, ranking, votes_in
from facilitator_app.workspace import Part
from ui.bridge import WorkspaceBridge
from ui.shared.cards import BODY, SMALL, Card, chip, clear_layout, fill_column, muted, new_column
from ui.theme import current, font_px, shared_px

RANKED = 6
OWNER_ORDER = (FactorOwner.A, FactorOwner.INTERACTION, FactorOwner.B)


def owner_colour(session: Session, owner: FactorOwner) -> str:
    if owner is FactorOwner.INTERACTION:
        return current().interaction
    return session.team(Lane(owner.value)).colour


def votes_text(r: RankedFactor, weighted: bool) -> str:
    votes = f"{r.votes} vote{'s' if r.votes != 1 else ''}"
    return f"{votes} · score {r.score:.1f}" if weighted and r.score != r.votes else votes


class FactorsSharedView(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = bridge.workspace
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("factors-summary")
        outer.addWidget(self.summary)
        body = QHBoxLayout()
        self.columns = QHBoxLayout()
        body.addLayout(self.columns, 3)
        self.ranking_box = QVBoxLayout()
        body.addLayout(self.ranking_box, 1)
        outer.addLayout(body, 1)
        bridge.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, parts: frozenset[Part]) -> None:
        if parts & {Part.FACTORS, Part.TEAMS, Part.ROSTER, Part.SESSION}:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh()

    def refresh(self) -> None:
        session = self.workspace.session
        ranked = ranking(session)
        by_factor = {id(r.factor): r for r in ranked}
        weighted = session.equal_team_weighting
        total = sum(f.votes for f in session.factors)
        parts = [f"{session.dots_per_attendee} dots each", f"{total} votes cast"]
        progress = votes_in(session)
        if progress.started:
            waiting = len(progress.waiting)
            parts.append(f"{waiting} still to vote" if waiting else "everyone has voted")
        if weighted:
            parts.append("both teams weigh equally")
        self.summary.setText(" · ".join(parts))
        self.summary.setFont(font_px(shared_px(self, SMALL), bold=True))

        clear_layout(self.columns)
        spacing = shared_px(self, 0.015, minimum=6)
        self.columns.setSpacing(spacing)
        grouped = factors_by_owner(session)
        width = (self.width() * 3 // 4 - 3 * spacing) // 3
        available = self.height() - self.summary.sizeHint().height() - shared_px(self, 0.08)
        for owner in OWNER_ORDER:
            colour = owner_colour(session, owner)
            box = new_column(
                self.columns, self, chip(owner_label(session, owner), colour, self, 0.034)
            )
            factors = sorted(grouped[owner], key=lambda f: by_factor[id(f)].rank)
            cards: list[QWidget] = []
            for factor in factors:
                r = by_factor[id(factor)]
                header = f"#{r.rank} &nbsp;·&nbsp; {escape(votes_text(r, weighted))}"
                cards.append(Card(self, header, factor.text, colour))
            if not factors:
                box.addWidget(muted("no factor yet", self))
            fill_column(box, cards, width, available, self)
        self._fill_ranking(session, ranked, weighted)

    def _fill_ranking(self, session: Session, ranked: list[RankedFactor], weighted: bool) -> None:
        clear_layout(self.ranking_box)
        title = QLabel("Ranking")
        title.setFont(font_px(shared_px(self, 0.034), bold=True))
        self.ranking_box.addWidget(title)
        voted = [r for r in ranked if r.score > 0]
        if not voted:
            self.ranking_box.addWidget(muted("no votes yet", self))
        cards: list[QWidget] = []
        for r in voted[:RANKED]:
            colour = owner_colour(session, r.factor.owner)
            header = f"{r.rank}. &nbsp;{escape(votes_text(r, weighted))}"
            card = Card(self, header, r.factor.text, colour, lines=2)
            card.set_body_font(font_px(shared_px(self, BODY * 0.85)))
            cards.append(card)
        width = self.width() // 4
        available = self.height() - self.summary.sizeHint().height() - shared_px(self, 0.06)
        fill_column(self.ranking_box, cards, width, available, self)
