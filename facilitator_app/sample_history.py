"""A sample history of reviews, for the demo and the tests: something for the quarterly retro.

`sample_history(seed, today)` makes the same reviews for the same seed and day: at least 24
ended reviews spread over the two full calendar quarters before `today` (so the default range
of `facilitator report`, the last full quarter, has data, and the quarter before it has items
that can still be open), between the team pairs of `resources/sample_history.toml`. It is
realistic where the retro looks:

- contributing factors recur in different words (six families, each worded four ways), beside
  one-off factors the grouping must leave alone;
- follow-through varies by kind: team items mostly get done, joint items often stall (no status
  change for weeks) or run late, process items sometimes get dropped;
- the first pair's reviews keep running over their time-box (the timeline walk and the factors
  phase overrun), the third pair's are dominated by its second team, others are balanced;
- setup slips recur: a pre-read sent late, a lead missing, a review held long after the incident;
- the closing poll's answers improve over the half-year.

Every value comes from one `random.Random(seed)`; `today` only places the dates, so a test can
pin both. The vocabulary is data, not code (`resources/sample_history.toml`).
"""

from __future__ import annotations

import random
import tomllib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Attendee,
    Awareness,
    ClosingPoll,
    ContributingFactor,
    FactorOwner,
    HolderKind,
    Lane,
    Observation,
    Phase,
    Role,
    Session,
    SessionState,
    SpeakingInterval,
    StatusChange,
    Tag,
    TimelineEvent,
    default_phases,
    two_teams,
)
from facilitator_app.paths import read_resource_text

RESOURCE = "sample_history.toml"
DEFAULT_SEED = 2026
DEFAULT_COUNT = 28
RUNS_OVER_PAIR = 0  # index in `pairs`: its reviews overrun the time-box
DOMINATED_PAIR = 2  # its second team takes most of the speaking time


@cache
def _vocabulary() -> dict[str, Any]:
    return tomllib.loads(read_resource_text(RESOURCE))


@dataclass(frozen=True)
class _Plan:
    """What one review will be about, decided before any detail is drawn."""

    index: int
    day: date
    pair: int
    families: tuple[int, ...]


def history_span(today: date) -> tuple[date, date]:
    """The first and last day of the two full quarters before `today`'s quarter."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last = quarter_start - timedelta(days=1)
    first_of_last = date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
    before = first_of_last - timedelta(days=1)
    return date(before.year, 3 * ((before.month - 1) // 3) + 1, 1), last


def sample_history(
    seed: int = DEFAULT_SEED, *, today: date, count: int = DEFAULT_COUNT
) -> list[Session]:
    """`count` ended reviews (at least 24 for the demo), oldest first; unsaved, no ids."""
    rng = random.Random(seed)
    vocab = _vocabulary()
    first, last = history_span(today)
    days = (last - first).days
    pairs = len(vocab["pairs"])
    families = len(vocab["factor_families"])
    plans = []
    for i in range(count):
        # Evenly spread with a little jitter, so both quarters hold about half the reviews.
        offset = min(days, int((i + rng.uniform(0.1, 0.9)) * days / count))
        pair = i % pairs if i < 2 * pairs else rng.choice([0, 0, 1, 2, 3, 4])
        # The first pair meets about retries and timeouts again and again.
        chosen = {rng.randrange(families) for _ in range(rng.randint(1, 3))}
        if pair == RUNS_OVER_PAIR:
            chosen |= {0, 1}
        plans.append(_Plan(i, first + timedelta(days=offset), pair, tuple(sorted(chosen))))
    return [_review(rng, vocab, plan, today, count) for plan in plans]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _review(
    rng: random.Random, vocab: dict[str, Any], plan: _Plan, today: date, count: int
) -> Session:
    name_a, name_b = vocab["pairs"][plan.pair]
    incident = _at(plan.day, rng.randint(6, 20), rng.choice((0, 15, 30, 45)))
    incident_end = incident + timedelta(minutes=rng.randint(25, 240))
    # Most reviews are held within a few days; one in six waits two weeks or more.
    delay = rng.randint(14, 20) if rng.random() < 0.17 else rng.randint(1, 4)
    held = _at(incident_end.date() + timedelta(days=delay), rng.choice((10, 14, 15, 16)))
    late_pre_read = rng.random() < 0.25
    pre_read = held - timedelta(hours=rng.randint(3, 12) if late_pre_read else rng.randint(26, 60))
    session = Session(
        f"{rng.choice(vocab['incidents'])} ({name_a} / {name_b})",
        two_teams(name_a, name_b),
        incident_start=incident,
        incident_end=incident_end,
        severity=rng.choice(vocab["severities"]),
        impact_summary="A fictional incident from the sample history.",
        scheduled_start=held,
        pre_read_sent_at=pre_read,
        timebox_minutes=75,
        state=SessionState.ENDED,
        uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        revised_at=held + timedelta(hours=2),
    )
    session.attendees = _attendees(rng, vocab)
    session.phases = _phases(rng, plan, held)
    session.events = _events(rng, vocab, incident, (name_a, name_b))
    session.speaking = _speaking(rng, plan, held, count)
    session.factors = _factors(rng, vocab, plan)
    session.actions = _actions(rng, vocab, session, held.date(), today)
    session.poll = _poll(rng, plan, count)
    return session


def _attendees(rng: random.Random, vocab: dict[str, Any]) -> list[Attendee]:
    people = rng.sample(vocab["people"], 4)
    attendees = [Attendee(rng.choice(vocab["facilitators"]), Role.FACILITATOR, None)]
    missing_lead = rng.random() < 0.2
    for i, lane in enumerate(Lane):
        # Now and then one team's lead cannot come: a recurring setup warning.
        absent = missing_lead and lane is Lane.B
        attendees.append(Attendee(people[2 * i], Role.LEAD, lane, present=not absent))
        attendees.append(Attendee(people[2 * i + 1], Role.ON_CALL, lane))
    for i, a in enumerate(attendees):
        a.id = -1 - i
    return attendees


def _phases(rng: random.Random, plan: _Plan, held: datetime) -> list[Phase]:
    phases = default_phases()
    at = held
    for phase in phases:
        stretch = rng.uniform(0.85, 1.1)
        if plan.pair == RUNS_OVER_PAIR and phase.key in ("timeline", "factors"):
            stretch = rng.uniform(1.25, 1.6)
        phase.started_at = at
        at = at + timedelta(minutes=round(phase.planned_minutes * stretch, 1))
        phase.ended_at = at
    return phases


def _events(
    rng: random.Random, vocab: dict[str, Any], incident: datetime, names: tuple[str, str]
) -> list[TimelineEvent]:
    templates = vocab["events"]
    at = incident
    events = []
    for i, (lane_text, actor, text) in enumerate(templates[: rng.randint(6, len(templates))]):
        lane = Lane(lane_text)
        other = names[1] if lane is Lane.A else names[0]
        at = at + timedelta(minutes=rng.randint(2, 14))
        # Early on each team sees only its own dashboards; now and then neither knows the
        # other is involved at all (both observations say "no").
        aware = Awareness.NO if i < 4 else rng.choice((Awareness.YES, Awareness.NO))
        blind = i in (1, 3) and rng.random() < 0.6
        events.append(
            TimelineEvent(
                at,
                lane,
                actor,
                text.format(other=other),
                observations={
                    lane: Observation(lane, "Saw it in its own dashboards", aware),
                    lane.other: Observation(
                        lane.other,
                        "Nothing unusual on its side" if blind else "",
                        Awareness.NO if blind else Awareness.UNKNOWN,
                    ),
                },
                seq=i,
                id=-1 - i,
            )
        )
    locally, divergence = rng.sample(range(min(4, len(events))), 2)
    events[locally].tags.append(Tag.LOCALLY_CORRECT.value)
    events[divergence].tags.append(Tag.DIVERGENCE.value)
    return events


def _speaking(
    rng: random.Random, plan: _Plan, held: datetime, count: int
) -> list[SpeakingInterval]:
    if plan.pair == DOMINATED_PAIR:
        # Dominated early on, closer to balanced later: a trend worth showing.
        share_a = 0.2 + 0.15 * plan.index / count + rng.uniform(-0.04, 0.04)
    else:
        share_a = rng.uniform(0.4, 0.62)
    team_seconds = rng.uniform(2400, 3600)
    intervals = []
    at = held
    for i in range(6):
        lane = Lane.A if i % 2 == 0 else Lane.B
        share = share_a if lane is Lane.A else 1 - share_a
        seconds = round(team_seconds * share / 3, 1)
        end = at + timedelta(seconds=seconds)
        intervals.append(SpeakingInterval(HolderKind.TEAM, at, end, lane, seconds=seconds))
        at = end
    facilitator = round(rng.uniform(300, 600), 1)
    intervals.append(
        SpeakingInterval(
            HolderKind.FACILITATOR, at, at + timedelta(seconds=facilitator), seconds=facilitator
        )
    )
    return intervals


def _factors(rng: random.Random, vocab: dict[str, Any], plan: _Plan) -> list[ContributingFactor]:
    factors = []
    for family in plan.families:
        entry = vocab["factor_families"][family]
        factors.append(
            ContributingFactor(
                rng.choice(entry["texts"]), FactorOwner(entry["owner"]), rng.randint(1, 7)
            )
        )
    if rng.random() < 0.35:
        owner = rng.choice(list(FactorOwner))
        factors.append(
            ContributingFactor(rng.choice(vocab["one_off_factors"]), owner, rng.randint(0, 3))
        )
    return factors


# How items of each kind fare: weights of done on time, done late, in progress, untouched
# (stalls), dropped. Joint items are the most failure-prone kind.
_FATES = {
    ActionKind.TEAM: (55, 15, 15, 10, 5),
    ActionKind.JOINT: (20, 20, 15, 40, 5),
    ActionKind.PROCESS: (35, 15, 15, 15, 20),
}


def _actions(
    rng: random.Random, vocab: dict[str, Any], session: Session, held: date, today: date
) -> list[ActionItem]:
    chosen = rng.sample(vocab["actions"], rng.randint(3, 5))
    if not any(kind == "joint" for kind, _, _ in chosen):
        chosen[0] = rng.choice([a for a in vocab["actions"] if a[0] == "joint"])
    leads = [a for a in session.attendees if a.role is Role.LEAD]
    items = []
    for i, (kind_text, description, test) in enumerate(chosen):
        kind = ActionKind(kind_text)
        due = held + timedelta(days=rng.choice((14, 21, 30, 45, 60)))
        lane = rng.choice(list(Lane)) if kind is ActionKind.TEAM else None
        owner = next(a.name for a in leads if a.lane is lane) if lane else ""
        lead = rng.choice(leads).name if kind is not ActionKind.TEAM else ""
        created = datetime.combine(held, time(17), tzinfo=UTC)
        item = ActionItem(
            kind,
            description,
            owner=owner,
            lane=lane,
            lead=lead,
            due=due,
            test_of_done=test,
            history=[StatusChange(ActionStatus.OPEN, created)],
            id=-1 - i,
        )
        _decide_fate(rng, item, created, today)
        items.append(item)
    return items


def _decide_fate(rng: random.Random, item: ActionItem, created: datetime, today: date) -> None:
    assert item.due is not None
    fate = rng.choices(range(5), weights=_FATES[item.kind])[0]
    horizon = datetime.combine(today, time(9), tzinfo=UTC) - timedelta(days=1)
    started = min(horizon, created + timedelta(days=rng.randint(2, 10)))

    def change(status: ActionStatus, when: datetime) -> None:
        item.history.append(StatusChange(status, max(created, min(when, horizon))))
        item.status = status

    if fate == 0:  # done on time
        change(ActionStatus.IN_PROGRESS, started)
        done = datetime.combine(item.due, time(12), tzinfo=UTC) - timedelta(days=rng.randint(1, 9))
        if done <= horizon:
            change(ActionStatus.DONE, max(done, started))
    elif fate == 1:  # done late (or still going, if "late" is still in the future)
        change(ActionStatus.IN_PROGRESS, started)
        done = datetime.combine(item.due, time(12), tzinfo=UTC) + timedelta(days=rng.randint(3, 25))
        if done <= horizon:
            change(ActionStatus.DONE, done)
    elif fate == 2:  # in progress, touched recently
        change(ActionStatus.IN_PROGRESS, horizon - timedelta(days=rng.randint(1, 12)))
    elif fate == 4:  # dropped
        change(ActionStatus.DROPPED, started + timedelta(days=rng.randint(5, 20)))
    # fate 3: untouched since the review; it stalls once enough days have passed.


def _poll(rng: random.Random, plan: _Plan, count: int) -> ClosingPoll:
    answered = rng.randint(5, 8)
    progress = plan.index / max(1, count - 1)
    learned = min(answered, round(answered * (0.55 + 0.4 * progress + rng.uniform(-0.1, 0.1))))
    again = min(answered, round(answered * (0.5 + 0.35 * progress + rng.uniform(-0.1, 0.1))))
    return ClosingPoll(
        learned_yes=max(0, learned),
        learned_no=answered - max(0, learned),
        again_yes=max(0, again),
        again_no=answered - max(0, again),
    )
