"""Dot voting: N dots per attendee, ranking with and without equal-team weighting, undo, storage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator_app import session_json
from facilitator_app.errors import UserError, ValidationError
from facilitator_app.factors import add_factor, add_factor_from_current_event, link_event
from facilitator_app.model import ContributingFactor, FactorOwner, Lane
from facilitator_app.voting import (
    cast_dot,
    clear_dots,
    dots_left,
    next_voter,
    ranking,
    remove_dot,
    set_unattributed_votes,
    set_voting_options,
    team_weights,
    voters,
    votes_in,
    with_dots_left,
)
from facilitator_app.workspace import Workspace
from tests.helpers.actions_workspace import by_name, stored_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with stored_workspace(tmp_path) as workspace:
        yield workspace


def _vote(ws: Workspace, name: str, factor: ContributingFactor, dots: int) -> None:
    for _ in range(dots):
        cast_dot(ws, by_name(ws.session, name), factor)


def _order(ws: Workspace) -> list[str]:
    return [r.factor.text for r in ranking(ws.session)]


def test_payments_outvotes_edge_by_head_count_unless_teams_weigh_equally(ws: Workspace) -> None:
    retries = add_factor(ws, "Client retried 429s four times", FactorOwner.A)
    canary = add_factor(ws, "Canary allowed 5% errors", FactorOwner.B)
    for name in ("Ana", "Ben", "Cleo", "Dev"):  # Payments: 4 voters x 2 dots = 8
        _vote(ws, name, retries, 2)
    for name in ("Eve", "Finn"):  # Edge: 2 voters x 3 dots = 6
        _vote(ws, name, canary, 3)

    assert (retries.votes, canary.votes) == (8, 6)
    assert _order(ws) == ["Client retried 429s four times", "Canary allowed 5% errors"]

    set_voting_options(ws, equal_team_weighting=True)
    weights = team_weights(ws.session)
    assert weights[Lane.A] * 4 == pytest.approx(weights[Lane.B] * 2)
    ranked = ranking(ws.session)
    assert [r.factor.text for r in ranked] == [
        "Canary allowed 5% errors",
        "Client retried 429s four times",
    ]
    assert [r.score for r in ranked] == [pytest.approx(9.0), pytest.approx(6.0)]
    assert [r.votes for r in ranked] == [6, 8]  # the plain votes are still shown

    ws.undo()  # weighting off again
    assert _order(ws)[0] == "Client retried 429s four times"


def test_equal_scores_share_a_rank_and_keep_the_order_they_were_added(ws: Workspace) -> None:
    a = add_factor(ws, "first", FactorOwner.A)
    b = add_factor(ws, "second", FactorOwner.B)
    c = add_factor(ws, "third", FactorOwner.INTERACTION)
    _vote(ws, "Ana", b, 2)
    _vote(ws, "Eve", c, 2)
    _vote(ws, "Ben", a, 1)
    assert [(r.rank, r.factor.text) for r in ranking(ws.session)] == [
        (1, "second"),
        (1, "third"),
        (3, "first"),
    ]


def test_an_attendee_gets_n_dots_and_no_more(ws: Workspace) -> None:
    f = add_factor(ws, "factor", FactorOwner.A)
    ana = by_name(ws.session, "Ana")
    _vote(ws, "Ana", f, 3)
    assert dots_left(ws.session, ana) == 0
    with pytest.raises(UserError, match="Ana has used all 3 dots"):
        cast_dot(ws, ana, f)
    assert f.votes == 3
    set_voting_options(ws, dots_per_attendee=5)
    cast_dot(ws, ana, f)
    assert f.votes == 4


def test_the_facilitator_does_not_vote(ws: Workspace) -> None:
    f = add_factor(ws, "factor", FactorOwner.A)
    assert "Dana Okafor" not in [a.name for a in voters(ws.session)]
    with pytest.raises(UserError, match="neither team"):
        cast_dot(ws, by_name(ws.session, "Dana Okafor"), f)


def test_one_dot_spent_counts_as_voted_and_dots_left_do_not_make_a_voter_wait(
    ws: Workspace,
) -> None:
    f = add_factor(ws, "factor", FactorOwner.A)
    assert votes_in(ws.session).started is False
    _vote(ws, "Ana", f, 3)
    _vote(ws, "Ben", f, 1)
    progress = votes_in(ws.session)
    assert [a.name for a in progress.voted] == ["Ana", "Ben"]
    assert [a.name for a in progress.waiting] == ["Cleo", "Dev", "Eve", "Finn"]
    assert progress.voters == 6
    clear_dots(ws, by_name(ws.session, "Ben"))
    assert votes_in(ws.session).waiting[0].name == "Ben"


def test_who_has_not_voted_yet_and_who_is_next(ws: Workspace) -> None:
    f = add_factor(ws, "factor", FactorOwner.A)
    assert [s.attendee.name for s in with_dots_left(ws.session)] == [
        "Ana",
        "Ben",
        "Cleo",
        "Dev",
        "Eve",
        "Finn",
    ]
    _vote(ws, "Ana", f, 3)
    _vote(ws, "Ben", f, 1)
    waiting = with_dots_left(ws.session)
    assert [(s.attendee.name, s.left, s.has_voted) for s in waiting][:2] == [
        ("Ben", 2, True),
        ("Cleo", 3, False),
    ]
    assert next_voter(ws.session, after=by_name(ws.session, "Ana")).name == "Ben"
    assert next_voter(ws.session, after=by_name(ws.session, "Finn")).name == "Ben"


def test_each_dot_is_one_undo_step_and_clearing_is_one_more(ws: Workspace) -> None:
    f = add_factor(ws, "factor", FactorOwner.A)
    g = add_factor(ws, "other", FactorOwner.B)
    eve = by_name(ws.session, "Eve")
    _vote(ws, "Eve", f, 2)
    _vote(ws, "Eve", g, 1)
    assert ws.undo_stack.undo_text() == "Dot from Eve"
    ws.undo()
    assert (f.votes, g.votes) == (2, 0)
    ws.redo()
    clear_dots(ws, eve)
    assert (f.votes, g.votes, f.dots, g.dots) == (0, 0, {}, {})
    ws.undo()
    assert (f.dots, g.dots) == ({eve: 2}, {eve: 1})
    assert remove_dot(ws, eve, f) and f.votes == 1
    assert not remove_dot(ws, by_name(ws.session, "Ana"), f)


def test_counted_votes_add_to_the_attendees_dots(ws: Workspace) -> None:
    f = add_factor(ws, "factor", FactorOwner.A)
    _vote(ws, "Ana", f, 2)
    set_unattributed_votes(ws, f, 4)
    assert (f.votes, f.unattributed_votes) == (6, 4)
    with pytest.raises(ValidationError):
        ContributingFactor("x", FactorOwner.A, votes=1, dots={1: 2})


def test_votes_and_settings_survive_the_store_and_session_json(ws: Workspace) -> None:
    f = add_factor(ws, "factor", FactorOwner.INTERACTION)
    _vote(ws, "Ana", f, 2)
    _vote(ws, "Finn", f, 1)
    set_unattributed_votes(ws, f, 3)
    set_voting_options(ws, dots_per_attendee=4, equal_team_weighting=True)

    loaded = ws.store.load_session(ws.session_id)
    again = loaded.factors[0]
    names = {a.id: a.name for a in loaded.attendees}
    assert {names[k]: v for k, v in again.dots.items()} == {"Ana": 2, "Finn": 1}
    assert again.votes == 6
    assert (loaded.dots_per_attendee, loaded.equal_team_weighting) == (4, True)

    data = session_json.session_to_dict(loaded)
    assert data["factors"][0]["votes"] == 6  # the total, as other tools read it
    assert {v["name"]: v["dots"] for v in data["factors"][0]["votes_by_attendee"]} == {
        "Ana": 2,
        "Finn": 1,
    }
    imported = session_json.loads(session_json.dumps(loaded))
    new_id = ws.store.create_session(imported)
    round_trip = ws.store.load_session(new_id)
    assert session_json.session_to_dict(round_trip)["factors"] == data["factors"]
    assert [r.score for r in ranking(round_trip)] == [r.score for r in ranking(loaded)]


def test_a_file_with_only_vote_totals_still_imports(ws: Workspace) -> None:
    data = session_json.session_to_dict(ws.session)
    data["factors"] = [{"text": "old file", "owner": "A", "votes": 5, "events": [1]}]
    session = session_json.session_from_dict(data)
    assert (session.factors[0].votes, session.factors[0].dots) == (5, {})
    data["factors"][0]["votes_by_attendee"] = [{"attendee": 1, "dots": 9}]
    with pytest.raises(UserError, match="votes"):
        session_json.session_from_dict(data)


def test_factors_come_from_the_current_event_and_link_events(ws: Workspace) -> None:
    first, second = ws.session.sorted_events()
    ws.set_current_event(first.id)
    f = add_factor_from_current_event(ws)
    assert (f.text, f.owner, f.event_ids) == (first.description, FactorOwner.B, [first.id])
    assert second.id is not None
    link_event(ws, f, second.id)
    assert f.event_ids == [first.id, second.id]
    ws.undo()
    ws.undo()
    assert ws.session.factors == []
    ws.set_current_event(None)
    with pytest.raises(UserError, match="no timeline event"):
        add_factor_from_current_event(ws, "text")
