"""Action items judged as written: relative due dates resolved against the day an item was
written, verdicts that never change as the calendar moves on, and the second opinion."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator_app.actions import check as check_module
from facilitator_app.actions.check import ActionSpec, check_action
from facilitator_app.actions.check.relative import resolve_relative
from facilitator_app.exports import actions_json
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Session,
    StatusChange,
    two_teams,
)
from tests.helpers.eval_sets import SPLITS, read_actions, score_actions

WED = date(2026, 11, 18)  # a Wednesday
FRI = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("phrase", "written", "expected"),
    [
        ("next Friday", WED, date(2026, 11, 20)),
        ("next Friday", FRI, date(2026, 11, 27)),  # strictly after
        ("by Friday", FRI, FRI),  # on or after
        ("this Monday", WED, date(2026, 11, 23)),
        ("last Monday", WED, date(2026, 11, 16)),
        ("EOW", WED, FRI),
        ("end of the week", FRI, FRI),
        ("end of month", WED, date(2026, 11, 30)),
        ("end of next month", date(2027, 1, 31), date(2027, 2, 28)),
        ("end of Q1", FRI, date(2027, 3, 31)),
        ("end of Q1", date(2027, 2, 10), date(2027, 3, 31)),
        ("end of March", date(2027, 4, 1), date(2028, 3, 31)),
        ("EOQ", WED, date(2026, 12, 31)),
        ("end of year", WED, date(2026, 12, 31)),
        ("in two weeks", WED, date(2026, 12, 2)),
        ("within a week", WED, date(2026, 11, 25)),
        ("10 days from now", WED, date(2026, 11, 28)),
        ("in a month", date(2027, 1, 15), date(2027, 2, 15)),
        ("tomorrow", WED, date(2026, 11, 19)),
        ("the day after tomorrow", WED, date(2026, 11, 20)),
        ("yesterday", WED, date(2026, 11, 17)),
    ],
)
def test_relative_phrases_resolve_against_the_day_written(
    phrase: str, written: date, expected: date
) -> None:
    assert resolve_relative(phrase, written) == expected


@pytest.mark.parametrize("phrase", ["soon", "next sprint", "end of sprint", "Q3", "later", "TBD"])
def test_fuzzy_deadlines_do_not_resolve(phrase: str) -> None:
    assert resolve_relative(phrase, WED) is None
    spec = ActionSpec("Add a 5xx alert on the checkout API", owner="Priya", due=phrase, created=WED)
    assert [r.rule for r in check_action(spec).reasons] == ["due"]


def test_a_relative_due_counts_as_a_calendar_date_and_is_shown_resolved() -> None:
    spec = ActionSpec("Add a 5xx alert on checkout", owner="Priya", due="next Friday", created=WED)
    verdict = check_action(spec)
    assert verdict.is_specific and verdict.due == FRI
    assert verdict.to_json()["due"] == "2026-11-20"
    assert "2026-11-20" in verdict.notes[0]


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)))
def test_the_verdict_of_a_written_item_never_changes_with_today(today: date) -> None:
    spec = ActionSpec("Add a 5xx alert on checkout", owner="Priya", due="2026-12-01", created=WED)
    assert check_action(spec, today=today).is_specific
    past = ActionSpec("Add a 5xx alert on checkout", owner="Priya", due="2026-11-01", created=WED)
    assert not check_action(past, today=today).is_specific


def _session_written_on(day: datetime) -> Session:
    session = Session("Checkout outage", two_teams("Payments", "Edge"), scheduled_start=day)
    due = (day + timedelta(days=14)).date()
    for description, owner, item_due in [
        ("Add a 5xx alert on checkout above 2% for 5 minutes", "Priya", due),
        ("Look into the retry storms", "Dana", due),
        ("Publish the failover runbook", "Marco", (day - timedelta(days=1)).date()),
    ]:
        item = ActionItem(ActionKind.TEAM, description, owner=owner, due=item_due)
        item.history.append(StatusChange(ActionStatus.OPEN, day))
        session.actions.append(item)
    session.actions.append(  # no history: judged on the meeting's day
        ActionItem(ActionKind.TEAM, "Write the DNS runbook", owner="Ana", due=due)
    )
    return session


def test_a_session_gives_the_same_verdicts_exported_a_year_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    written = datetime(2026, 11, 18, 10, tzinfo=UTC)
    session = _session_written_on(written)

    def verdicts(now: datetime) -> list[object]:
        monkeypatch.setattr(check_module, "now_utc", lambda: now)  # the checker's clock
        data = actions_json.to_dict(session, now=now)
        return [item["verdict"] for item in data["action_items"]]  # type: ignore[attr-defined,index]

    then = verdicts(written)
    later = verdicts(written + timedelta(days=365))
    assert then == later
    labels = [v["verdict"] for v in then]  # type: ignore[index]
    assert labels == ["specific", "vague", "vague", "specific"]
    overdue = actions_json.to_dict(session, now=written + timedelta(days=365))["action_items"]
    assert all(item["overdue"] for item in overdue)  # type: ignore[index,union-attr]


@pytest.mark.parametrize(
    ("description", "rewrite_contains"),
    [
        ("Look into the retry storms in the payment gateway", "retry storms in the payment"),
        ("Investigate connection pool exhaustion", "connection pool exhaustion"),
        ("Consider a second DNS provider", "a second DNS provider"),
        ("Explore canary analysis for config pushes", "canary analysis for config pushes"),
        ("Review the alert thresholds for checkout", "the alert thresholds for checkout"),
        ("Discuss the on-call handover", "the on-call handover"),
    ],
)
def test_a_second_opinion_rewrites_a_noncommittal_outcome_from_its_own_words(
    description: str, rewrite_contains: str
) -> None:
    spec = ActionSpec(description, owner="Priya", due="2026-12-01", created=WED)
    reasons = check_action(spec).reasons
    assert [r.rule for r in reasons] == ["outcome"]
    message = reasons[0].message
    assert "checkable outcome" in message and rewrite_contains in message.split("e.g.")[1]


def test_no_second_opinion_while_owner_or_date_is_missing() -> None:
    spec = ActionSpec("Look into the retry storms", owner="", due="", created=WED)
    outcome = next(r for r in check_action(spec).reasons if r.rule == "outcome")
    assert "e.g." not in outcome.message


@pytest.mark.parametrize("split", SPLITS)
def test_the_evaluation_items_resolve_and_agree(split: str) -> None:
    """Written without sight of the rules; floors a little below what the checker reaches."""
    score = score_actions(split)
    assert score.total == len(read_actions(split)) >= 40
    assert score.due_right / score.total >= 0.95
    assert score.verdict_right / score.total >= 0.85
