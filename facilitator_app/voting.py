"""Dot voting on contributing factors: N dots per attendee, optional equal-team weighting, ranking.

The facilitator enters the dots at speed (one key per dot), so each dot is its own undoable
command and the per-attendee limit is enforced here, not in the widget. Who may vote: attendees
present and belonging to a team (the facilitator and guests without a team do not vote).

Equal-team weighting multiplies each team's dots by (voters in both teams) / (2 x voters in the
team): once everyone has voted, both teams carry the same weight whatever their head-count, and
the weighted total equals the dots cast. Votes without an attendee (entered as counts) weigh 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.errors import UserError
from facilitator_app.model import Attendee, ContributingFactor, Lane, Session
from facilitator_app.workspace import Workspace

_TIE = 1e-9


def voters(session: Session) -> list[Attendee]:
    """Attendees who get dots: present, and on one of the two teams."""
    return [a for a in session.attendees if a.present and a.lane is not None and a.id is not None]


def dots_used(session: Session, attendee_id: int) -> int:
    return sum(f.dots.get(attendee_id, 0) for f in session.factors)


def dots_left(session: Session, attendee_id: int) -> int:
    return max(0, session.dots_per_attendee - dots_used(session, attendee_id))


@dataclass(frozen=True)
class VoterStatus:
    attendee: Attendee
    used: int
    allowed: int

    @property
    def left(self) -> int:
        return max(0, self.allowed - self.used)

    @property
    def has_voted(self) -> bool:
        return self.used > 0

    @property
    def done(self) -> bool:
        return self.used >= self.allowed


def voter_statuses(session: Session) -> list[VoterStatus]:
    return [
        VoterStatus(a, dots_used(session, a.id or 0), session.dots_per_attendee)
        for a in voters(session)
    ]


@dataclass(frozen=True)
class VotesIn:
    """Who has voted, by the one rule every view uses (the shared screen's room counts, the
    factors view's "still to vote", the console's "not voted yet" lists): a voter has voted once
    they cast at least one dot. Dots left over do not make them "still to vote" -- a participant
    may choose not to spend every dot."""

    voted: tuple[Attendee, ...]
    waiting: tuple[Attendee, ...]  # voters with no dot yet, in roster order

    @property
    def voters(self) -> int:
        return len(self.voted) + len(self.waiting)

    @property
    def started(self) -> bool:
        return bool(self.voted)


def votes_in(session: Session) -> VotesIn:
    statuses = voter_statuses(session)
    return VotesIn(
        tuple(s.attendee for s in statuses if s.has_voted),
        tuple(s.attendee for s in statuses if not s.has_voted),
    )


def with_dots_left(session: Session) -> list[VoterStatus]:
    """Voters with dots left (nobody yet, or some but not all), in roster order: who the
    console's dot entry offers next. Not "who has voted" (that is `votes_in`)."""
    return [s for s in voter_statuses(session) if not s.done]


def next_voter(session: Session, after: int | None = None) -> Attendee | None:
    """The next voter (after `after`, wrapping round) who still has dots; None when all done."""
    statuses = voter_statuses(session)
    ids = [s.attendee.id for s in statuses]
    start = ids.index(after) + 1 if after in ids else 0
    for s in statuses[start:] + statuses[:start]:
        if not s.done:
            return s.attendee
    return None


def team_weights(session: Session) -> dict[Lane, float]:
    """The weight of one dot from each team (1 each unless equal-team weighting is on)."""
    counts = {lane: sum(1 for a in voters(session) if a.lane is lane) for lane in Lane}
    if not session.equal_team_weighting or 0 in counts.values():
        return dict.fromkeys(Lane, 1.0)
    total = sum(counts.values())
    return {lane: total / (2 * counts[lane]) for lane in Lane}


def factor_score(
    session: Session, factor: ContributingFactor, weights: dict[Lane, float] | None = None
) -> float:
    weights = weights or team_weights(session)
    lanes = {a.id: a.lane for a in session.attendees}
    score = float(factor.unattributed_votes)
    for attendee_id, n in factor.dots.items():
        lane = lanes.get(attendee_id)
        score += n * (weights[lane] if lane is not None else 1.0)
    return score


@dataclass(frozen=True)
class RankedFactor:
    rank: int  # 1 = most votes; equal scores share a rank (1, 2, 2, 4)
    factor: ContributingFactor
    score: float  # weighted when equal-team weighting is on, else the plain votes
    votes: int


def ranking(session: Session) -> list[RankedFactor]:
    """Factors by score, highest first; ties keep the order they were added in."""
    weights = team_weights(session)
    scored = [(factor_score(session, f, weights), i, f) for i, f in enumerate(session.factors)]
    scored.sort(key=lambda t: (-round(t[0], 6), -t[2].votes, t[1]))
    ranked: list[RankedFactor] = []
    for position, (score, _, factor) in enumerate(scored, start=1):
        tied = ranked and abs(ranked[-1].score - score) < _TIE
        rank = ranked[-1].rank if tied else position
        ranked.append(RankedFactor(rank, factor, score, factor.votes))
    return ranked


# ---- commands (undoable through the workspace) ----------------------------------------------


def _voter(session: Session, attendee_id: int) -> Attendee:
    attendee = session.attendee(attendee_id)
    if attendee is None:
        raise UserError("there is no such attendee", field="attendee")
    if attendee.lane is None:
        raise UserError(f"{attendee.name} is on neither team and does not vote", field="attendee")
    return attendee


def cast_dot(workspace: Workspace, attendee_id: int, factor: ContributingFactor) -> None:
    """One dot from an attendee on a factor; refused once their dots are used up."""
    session = workspace.session
    attendee = _voter(session, attendee_id)
    if dots_used(session, attendee_id) >= session.dots_per_attendee:
        raise UserError(
            f"{attendee.name} has used all {session.dots_per_attendee} dots", field="votes"
        )
    dots = dict(factor.dots)
    dots[attendee_id] = dots.get(attendee_id, 0) + 1
    workspace.update(factor, f"Dot from {attendee.name}", votes=factor.votes + 1, dots=dots)


def remove_dot(workspace: Workspace, attendee_id: int, factor: ContributingFactor) -> bool:
    """Take back one of an attendee's dots on a factor; False when they had none there."""
    if factor.dots.get(attendee_id, 0) == 0:
        return False
    dots = dict(factor.dots)
    dots[attendee_id] -= 1
    attendee = workspace.session.attendee(attendee_id)
    name = attendee.name if attendee else "attendee"
    workspace.update(factor, f"Take back a dot from {name}", votes=factor.votes - 1, dots=dots)
    return True


def clear_dots(workspace: Workspace, attendee_id: int) -> None:
    """Take back all of one attendee's dots (one undo step)."""
    with workspace.undo_stack.group("Clear an attendee's dots"):
        for factor in workspace.session.factors:
            n = factor.dots.get(attendee_id, 0)
            if n:
                dots = {k: v for k, v in factor.dots.items() if k != attendee_id}
                workspace.update(factor, votes=factor.votes - n, dots=dots)


def set_unattributed_votes(workspace: Workspace, factor: ContributingFactor, count: int) -> None:
    """Votes counted by show of hands rather than per attendee (added to the attendees' dots)."""
    if count < 0:
        raise UserError("cannot be negative", field="votes")
    workspace.update(factor, "Set vote count", votes=sum(factor.dots.values()) + count)


def set_voting_options(
    workspace: Workspace,
    *,
    dots_per_attendee: int | None = None,
    equal_team_weighting: bool | None = None,
) -> None:
    values: dict[str, object] = {}
    if dots_per_attendee is not None:
        values["dots_per_attendee"] = dots_per_attendee
    if equal_team_weighting is not None:
        values["equal_team_weighting"] = equal_team_weighting
    if values:
        workspace.set_session_fields("Voting options", **values)
