"""Dot voting as a state machine: any sequence of dots, take-backs, undo and redo keeps the
counts consistent, within each attendee's allowance, and equal to what is on disk."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from facilitator_app.actions.check import ActionSpec, check_action
from facilitator_app.errors import UserError
from facilitator_app.factors import add_factor
from facilitator_app.model import ActionKind, FactorOwner, Lane
from facilitator_app.voting import (
    cast_dot,
    dots_used,
    factor_score,
    ranking,
    remove_dot,
    team_weights,
    voters,
)
from facilitator_app.workspace import Workspace
from storage import SqliteStore
from tests.helpers.actions_workspace import small_session


class VotingMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory()
        self.store = SqliteStore.open(Path(self.tmp.name) / "v.db")
        session = small_session()
        self.store.create_session(session)
        self.ws = Workspace(self.store, session)
        for text, owner in (
            ("a", FactorOwner.A),
            ("b", FactorOwner.B),
            ("c", FactorOwner.INTERACTION),
        ):
            add_factor(self.ws, text, owner)
        self.people = [a.id for a in voters(session) if a.id is not None]
        self.ws.undo_stack.clear()  # the machine undoes votes, not the set-up

    def teardown(self) -> None:
        self.store.close()
        self.tmp.cleanup()

    @rule(person=st.integers(0, 5), factor=st.integers(0, 2))
    def dot(self, person: int, factor: int) -> None:
        try:
            cast_dot(self.ws, self.people[person], self.ws.session.factors[factor])
        except UserError:
            assert dots_used(self.ws.session, self.people[person]) == 3

    @rule(person=st.integers(0, 5), factor=st.integers(0, 2))
    def take_back(self, person: int, factor: int) -> None:
        remove_dot(self.ws, self.people[person], self.ws.session.factors[factor])

    @precondition(lambda self: self.ws.undo_stack.can_undo())
    @rule()
    def undo(self) -> None:
        self.ws.undo()

    @precondition(lambda self: self.ws.undo_stack.can_redo())
    @rule()
    def redo(self) -> None:
        self.ws.redo()

    @rule(on=st.booleans())
    def weighting(self, on: bool) -> None:
        self.ws.set_session_fields(equal_team_weighting=on)

    @invariant()
    def consistent(self) -> None:
        session = self.ws.session
        for person in self.people:
            assert 0 <= dots_used(session, person) <= session.dots_per_attendee
        for f in session.factors:
            assert f.votes == sum(f.dots.values())
        ranked = ranking(session)
        assert sorted(r.score for r in ranked) == sorted(
            factor_score(session, f) for f in session.factors
        )
        assert [r.rank for r in ranked] == sorted(r.rank for r in ranked)
        if session.equal_team_weighting and all(
            dots_used(session, p) == session.dots_per_attendee for p in self.people
        ):  # everyone has voted: both teams carry the same weight
            weights, lanes = team_weights(session), {a.id: a.lane for a in session.attendees}
            per_team = {lane: 0.0 for lane in weights}
            for f in session.factors:
                for person, n in f.dots.items():
                    per_team[lanes[person]] += n * weights[lanes[person]]
            assert abs(per_team[Lane.A] - per_team[Lane.B]) < 1e-6
        stored = self.store.load_session(self.ws.session_id)
        assert [(f.votes, f.dots) for f in stored.factors] == [
            (f.votes, f.dots) for f in session.factors
        ]


TestVoting = VotingMachine.TestCase
TestVoting.settings = settings(max_examples=25, stateful_step_count=25, deadline=None)


@settings(max_examples=300, deadline=None)
@given(
    description=st.text(min_size=1),
    owner=st.text(),
    lead=st.text(),
    due=st.text(),
    test=st.text(),
    kind=st.sampled_from(list(ActionKind)),
)
def test_the_checker_gives_a_verdict_on_any_text(
    description: str, owner: str, lead: str, due: str, test: str, kind: ActionKind
) -> None:
    verdict = check_action(ActionSpec(description, kind, owner, lead, due, test))
    assert verdict.verdict in ("specific", "vague")
    assert verdict.is_specific == (not verdict.reasons)
    assert all(r.message and r.short for r in verdict.reasons)
