"""The quarterly cross-team report finds what recurs across stored reviews."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from facilitator_app.exports import patterns
from facilitator_app.exports.render import render_document
from facilitator_app.exports.render_markdown import escape_text
from facilitator_app.exports.report import build_report
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    ContributingFactor,
    FactorOwner,
    HolderKind,
    Lane,
    SpeakingInterval,
    Team,
)
from tests.helpers.export_sessions import export_session

NOW = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


def review(
    day: date,
    factors: list[tuple[str, FactorOwner, int]],
    *,
    teams: tuple[str, str] = ("Payments", "Edge Platform"),
    actions: list[ActionItem] | None = None,
    share_a: float | None = 0.5,
):
    session = export_session(events=4, actions=0)
    session.teams = (Team(Lane.A, teams[0]), Team(Lane.B, teams[1]))
    session.title = f"Review of {day.isoformat()}"
    start = datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
    session.incident_start, session.incident_end = start, start + timedelta(hours=1)
    session.factors = [ContributingFactor(t, o, votes=v) for t, o, v in factors]
    session.actions = actions or []
    session.speaking = []
    if share_a is not None:
        for lane, seconds in ((Lane.A, 600 * share_a), (Lane.B, 600 * (1 - share_a))):
            session.speaking.append(
                SpeakingInterval(HolderKind.TEAM, start, start, lane, seconds=seconds)
            )
    return session


def joint(description: str, due: date, status=ActionStatus.OPEN, lead="Marcus Hill"):
    return ActionItem(ActionKind.JOINT, description, lead=lead, due=due, status=status)


@pytest.fixture
def quarter():
    return [
        review(
            date(2026, 10, 5),
            [
                ("Retries without backoff hit the rate limits", FactorOwner.A, 5),
                ("No shared alert channel between the teams", FactorOwner.INTERACTION, 7),
            ],
            actions=[
                joint("Joint runbook for failover", date(2026, 11, 1)),
                ActionItem(
                    ActionKind.TEAM,
                    "Add backoff",
                    owner="Tom",
                    due=date(2026, 11, 1),
                    status=ActionStatus.DONE,
                ),
            ],
            share_a=0.8,
        ),
        review(
            date(2026, 11, 12),
            [
                ("Rate limit changed for all regions at once", FactorOwner.B, 4),
                ("Shared alert channel missing again", FactorOwner.INTERACTION, 2),
                ("Client retries amplified load", FactorOwner.A, 1),
            ],
            actions=[
                joint("Joint game day", date(2027, 2, 1)),
                joint("Joint dashboard", date(2026, 12, 1), lead=""),
            ],
            share_a=0.45,
        ),
        review(
            date(2026, 12, 20),
            [
                ("Deploy had no canary", FactorOwner.B, 3),
                ("The rate limit config was not reviewed by payments", FactorOwner.INTERACTION, 6),
            ],
            teams=("payments", "Search"),
            share_a=None,
        ),
    ]


def test_recurring_themes_are_the_terms_of_several_reviews(quarter):
    themes = {t.term: t for t in patterns.recurring_themes(quarter)}
    assert "rate limit" in themes
    assert len(themes["rate limit"].sessions) == 3
    assert "alert channel" in themes and len(themes["alert channel"].sessions) == 2
    assert "retry" in themes  # "Retries" and "retries" are one theme
    assert "rate" not in themes and "limit" not in themes  # covered by the phrase
    assert "canary" not in themes  # mentioned in one review only
    owners = themes["rate limit"].owners
    assert owners["Payments"] == 1 and owners["Edge Platform"] == 1
    assert owners[patterns.INTERACTION] == 1


def test_owners_are_matched_by_name_across_reviews(quarter):
    loads = {o.name.casefold(): o for o in patterns.factor_owners(quarter)}
    assert loads["payments"].reviews == 2 and loads["payments"].factors == 2
    assert loads[patterns.INTERACTION.casefold()].factors == 3
    assert loads[patterns.INTERACTION.casefold()].votes == 15


def test_the_interaction_as_a_factor(quarter):
    rows = patterns.interaction_as_factor(quarter)
    assert [r.interaction for r in rows] == [1, 1, 1]
    assert [r.top_voted for r in rows] == [True, False, True]
    assert rows[0].vote_share == pytest.approx(7 / 12)


def test_completion_and_overdue_joint_items(quarter):
    today = NOW.date()
    by_kind = {c.kind: c for c in patterns.completion(quarter, today)}
    assert by_kind[ActionKind.TEAM].rate == 1.0
    assert by_kind[ActionKind.JOINT].total == 3 and by_kind[ActionKind.JOINT].overdue == 2
    overdue = [a.description for _, a in patterns.overdue_joint_items(quarter, today)]
    assert overdue == ["Joint runbook for failover", "Joint dashboard"]  # most overdue first
    assert [a.description for _, a in patterns.joint_items_without_lead(quarter)] == [
        "Joint dashboard"
    ]


def test_speaking_balance_flags_a_dominating_team(quarter):
    rows = patterns.speaking_balance(quarter)
    assert [r.dominant for r in rows] == ["Payments", None, None]
    averages = patterns.average_share_by_team(rows)
    assert averages["Payments"] == (pytest.approx((0.8 + 0.45) / 2), 2)


def test_period_selection_is_inclusive_and_counts_undated(quarter):
    undated = review(date(2026, 10, 1), [])
    undated.incident_start = undated.incident_end = undated.scheduled_start = None
    chosen, missing = patterns.in_period(
        [*reversed(quarter), undated], date(2026, 10, 5), date(2026, 11, 12)
    )
    assert [s.title for s in chosen] == ["Review of 2026-10-05", "Review of 2026-11-12"]
    assert missing == 1


def test_report_document_in_every_format(quarter):
    doc = build_report(quarter, date(2026, 10, 1), date(2026, 12, 31), now=NOW)
    md = render_document(doc, "md").decode("utf-8")
    for heading in (
        "Recurring contributing-factor themes",
        "Who owns the contributing factors",
        "The interaction as a contributing factor",
        "Action items",
        "Overdue joint items",
        "Speaking balance across reviews",
    ):
        assert heading in md
    assert "named a contributing factor in 3 of 3 reviews" in md
    assert escape_text("Joint runbook for failover") in md
    assert "**Payments**" in md  # dominated one review
    assert render_document(doc, "html", None).count(b"<svg") == 2
    assert render_document(doc, "pdf").startswith(b"%PDF-")


def test_report_of_an_empty_period():
    doc = build_report([], date(2020, 1, 1), date(2020, 3, 31), now=NOW)
    assert "No reviews in this period." in render_document(doc, "md").decode("utf-8")


def test_teams_are_listed_once_whatever_their_case(quarter):
    md = render_document(
        build_report(quarter, date(2026, 10, 1), date(2026, 12, 31), now=NOW), "md"
    ).decode("utf-8")
    assert "- **Teams:** Edge Platform, Payments, Search" in md
