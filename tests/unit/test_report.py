"""The quarterly retro's numbers, against values computed by hand on a small fixture.

The fixture (today 2026-10-20, so the default period is 2026Q3):

- R0 2026-05-05 Payments/Edge Platform (Q2): a joint item still open -> "still open from before";
- R1 2026-07-10 Payments/Edge Platform: factors "Retry storm from the clients" (interaction)
  and "Certificate expired on the load balancer"; a team item done on time, a joint item
  untouched since the review (stalled), a process item dropped; Payments 75 % of the floor;
  the timeline walk ran 50 minutes for 35 planned;
- R2 2026-08-20 Edge Platform/Payments (lanes swapped): "Retries multiplied load on the
  gateway"; a joint item moved 10 days ago but past due (overdue), a team item done 4 days
  late; 50/50; the factors phase ran 20 minutes for 15;
- R3 2026-09-05 Identity/Mobile Apps: "Runbook out of date"; a team item open, not yet due;
  no speaking time recorded;
- R4 2026-10-05 (Q4): outside the period.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from facilitator_app.exports.render import render_document
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    ClosingPoll,
    ContributingFactor,
    FactorOwner,
    HolderKind,
    Lane,
    Phase,
    Session,
    SessionState,
    SpeakingInterval,
    StatusChange,
    two_teams,
)
from facilitator_app.report import meetings
from facilitator_app.report.build import ReportSettings, build_report
from facilitator_app.report.follow_through import Bucket, by_kind, still_open, track
from facilitator_app.report.gather import select
from facilitator_app.report.groups import group_factors
from facilitator_app.report.period import last_full_quarter, parse_teams

TODAY = date(2026, 10, 20)
NOW = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def item(kind, due, *changes, status=None, lead="", owner="") -> ActionItem:
    history = [StatusChange(ActionStatus(s), at(d)) for s, d in changes]
    return ActionItem(
        ActionKind(kind),
        f"{kind} item due {due}",
        owner=owner,
        lead=lead,
        due=date.fromisoformat(due),
        status=status or (history[-1].status if history else ActionStatus.OPEN),
        history=history,
    )


def review(day, teams, factors=(), actions=(), floor=None, phases=None, poll=None) -> Session:
    start = at(day)
    session = Session(
        f"Review {day}",
        two_teams(*teams),
        incident_start=start,
        incident_end=start + timedelta(hours=1),
        state=SessionState.ENDED,
    )
    session.factors = [ContributingFactor(t, FactorOwner(o), votes=v) for t, o, v in factors]
    session.actions = list(actions)
    if floor:
        session.speaking = [
            SpeakingInterval(HolderKind.TEAM, start, start, lane, seconds=seconds)
            for lane, seconds in zip((Lane.A, Lane.B), floor, strict=True)
        ]
    if phases:
        session.phases = []
        clock = start + timedelta(days=2)
        for key, planned, used in phases:
            session.phases.append(
                Phase(key, key.title(), planned, clock, clock + timedelta(minutes=used))
            )
            clock += timedelta(minutes=used)
    if poll:
        session.poll = ClosingPoll(*poll)
    return session


@pytest.fixture
def reviews() -> list[Session]:
    pe = ("Payments", "Edge Platform")
    return [
        review(
            "2026-05-05",
            pe,
            actions=[item("joint", "2026-06-01", ("open", "2026-05-05"), lead="Marcus Hill")],
        ),
        review(
            "2026-07-10",
            pe,
            factors=[
                ("Retry storm from the clients", "interaction", 3),
                ("Certificate expired on the load balancer", "B", 1),
            ],
            actions=[
                item("team", "2026-07-31", ("open", "2026-07-10"), ("done", "2026-07-25")),
                item("joint", "2026-08-15", ("open", "2026-07-10"), lead="Marcus Hill"),
                item("process", "2026-09-30", ("open", "2026-07-10"), ("dropped", "2026-08-01")),
            ],
            floor=(600, 200),
            phases=[("timeline", 35, 50), ("factors", 15, 15)],
            poll=(4, 1, 3, 2),
        ),
        review(
            "2026-08-20",
            ("Edge Platform", "Payments"),
            factors=[("Retries multiplied load on the gateway", "interaction", 2)],
            actions=[
                item(
                    "joint",
                    "2026-09-10",
                    ("open", "2026-08-20"),
                    ("in progress", "2026-10-10"),
                    lead="Priya Raman",
                ),
                item("team", "2026-09-01", ("open", "2026-08-20"), ("done", "2026-09-05")),
            ],
            floor=(300, 300),
            phases=[("timeline", 35, 36), ("factors", 15, 20)],
            poll=(5, 0, 5, 0),
        ),
        review(
            "2026-09-05",
            ("Identity", "Mobile Apps"),
            factors=[("Runbook out of date", "B", 0)],
            actions=[item("team", "2026-11-30", ("open", "2026-10-01"))],
        ),
        review("2026-10-05", pe, factors=[("Retry storm again", "interaction", 1)]),
    ]


@pytest.fixture
def q3(reviews):
    return select(reviews, last_full_quarter(TODAY))


def test_the_default_period_holds_the_three_reviews_of_last_quarter(q3, reviews):
    assert q3.period.label == "2026Q3"
    assert [s.title for s in q3.sessions] == [
        "Review 2026-07-10",
        "Review 2026-08-20",
        "Review 2026-09-05",
    ]
    assert [s.title for s in q3.earlier] == ["Review 2026-05-05"]


def test_a_team_pair_matches_in_either_order_and_any_case(reviews):
    chosen = select(reviews, last_full_quarter(TODAY), parse_teams("edge platform, PAYMENTS"))
    assert [s.title for s in chosen.sessions] == ["Review 2026-07-10", "Review 2026-08-20"]


def test_differently_worded_factors_of_two_reviews_form_one_group(q3):
    groups = group_factors(q3.sessions)
    assert len(groups) == 1
    (group,) = groups
    assert [m.factor.text for m in group.members] == [
        "Retry storm from the clients",
        "Retries multiplied load on the gateway",
    ]
    assert "retry" in group.label and "retry" in group.members[0].linked_by
    assert group.votes == 5
    assert group.owner_kinds()[FactorOwner.INTERACTION] == 2


def test_follow_through_buckets_by_kind(q3):
    rows = {r.kind: r for r in by_kind(track(q3.sessions, TODAY, 30))}
    team, joint, process = rows[ActionKind.TEAM], rows[ActionKind.JOINT], rows[ActionKind.PROCESS]
    assert dict(team.counts) == {Bucket.DONE_ON_TIME: 1, Bucket.DONE_LATE: 1, Bucket.OPEN: 1}
    assert team.on_time_rate == pytest.approx(1 / 3)
    assert dict(joint.counts) == {Bucket.STALLED: 1, Bucket.OVERDUE: 1}
    assert joint.on_time_rate == 0
    assert dict(process.counts) == {Bucket.DROPPED: 1}
    assert process.on_time_rate is None


def test_stalled_is_a_setting(q3):
    rows = {r.kind: r for r in by_kind(track(q3.sessions, TODAY, 200))}
    # 101 days untouched is not stalled at 200 days; it is past due, so overdue.
    assert dict(rows[ActionKind.JOINT].counts) == {Bucket.OVERDUE: 2}


def test_items_still_open_from_the_period_before(q3):
    (left,) = still_open(track(q3.earlier, TODAY, 30))
    assert left.item.lead == "Marcus Hill" and left.bucket is Bucket.STALLED
    assert left.idle_days == (TODAY - date(2026, 5, 5)).days


def test_speaking_balance_and_the_reviews_over_the_threshold(q3):
    rows = meetings.balance(q3.sessions, 0.65)
    assert [r.share_a for r in rows] == [0.75, 0.5, None]
    assert [r.dominant for r in rows] == ["Payments", None, None]
    assert meetings.balance(q3.sessions, 0.8)[0].dominant is None
    assert meetings.balance_trend(rows) == (0.75, 0.5)


def test_time_box_adherence_per_phase(q3):
    uses = {u.key: u for u in meetings.phase_use(q3.sessions)}
    assert uses["timeline"].mean_planned == 35
    assert uses["timeline"].mean_actual == pytest.approx(43)
    assert [s.title for s in uses["timeline"].overran] == ["Review 2026-07-10"]
    assert [s.title for s in uses["factors"].overran] == ["Review 2026-08-20"]


def test_setup_warnings_that_recur(q3):
    found = {w.key: len(w.sessions) for w in meetings.setup_warnings(q3.sessions)}
    # Nobody is on the fixture's rosters and no pre-read was sent, in all three reviews.
    assert found["lead"] == found["facilitator"] == found["pre-read"] == 3


def test_closing_poll_by_month(q3):
    months = meetings.by_month(meetings.poll_over_time(q3.sessions))
    assert [(m.month, m.learned, m.again, m.answers) for m in months] == [
        ("2026-07", 0.8, 0.6, 5),
        ("2026-08", 1.0, 1.0, 5),
    ]
    assert [[s.title for s in m.sessions] for m in months] == [
        ["Review 2026-07-10"],
        ["Review 2026-08-20"],
    ]


def test_the_report_names_the_reviews_behind_each_finding(q3):
    doc = build_report(q3, settings=ReportSettings(stalled_days=30), now=NOW)
    md = render_document(doc, "md").decode("utf-8")
    assert "2026Q3" in md and "3 reviews" in md
    assert "Retries multiplied load on the gateway" in md
    (stalled,) = [
        line for line in md.splitlines() if "**stalled**" in line and "2026-08-15" in line
    ]
    assert "Marcus Hill" in stalled and "Review 2026-07-10 (2026-07-10)" in stalled
    assert "Still open from the period before (2026Q2)" in md


def test_an_empty_period_says_so(reviews):
    chosen = select(reviews, last_full_quarter(date(2021, 2, 1)))
    md = render_document(build_report(chosen, now=NOW), "md").decode("utf-8")
    assert "No reviews in this period" in md and "0 reviews" in md


def test_a_period_with_one_review(reviews):
    from facilitator_app.report.period import span

    chosen = select(reviews, span(date(2026, 9, 1), date(2026, 9, 30)))
    assert len(chosen.sessions) == 1
    doc = build_report(chosen, now=NOW)
    md = render_document(doc, "md").decode("utf-8")
    assert "1 review" in md
    assert "No contributing factor recurs" in md
    for fmt in ("html", "pdf"):
        assert render_document(doc, fmt)


def test_the_headlines_say_the_numbers_in_words(q3):
    from facilitator_app.report.headlines import headlines

    lines = headlines(
        q3.sessions,
        group_factors(q3.sessions),
        track(q3.sessions, TODAY, 30),
        stalled_days=30,
        dominance=0.65,
    )
    assert lines[0].startswith("1 group(s) of contributing factors recur")
    assert lines[0].endswith("came up in 2 of 3 reviews.")
    assert lines[1] == (
        "1 of 2 joint items have stalled (no status change for 30 days or more) and 1 more "
        "are overdue; 0 were done on time."
    )
    assert lines[2] == (
        "One team had more than 65 % of the speaking time in 1 of 2 reviews (Payments 1 time)."
    )
    assert lines[3] == "0 of 2 timed reviews ran past their time-box."
