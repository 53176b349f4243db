"""The specific test on action items: each rule on its own, and the labelled sets' accuracy."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator_app.actions.check import ActionSpec, check_action, split_inline
from facilitator_app.actions.check.dates import parse_calendar_date
from facilitator_app.model import ActionKind
from tests.helpers.action_corpus import SETS, evaluate, load

CREATED = date(2026, 11, 20)


def verdict(
    description: str,
    kind: str = "team",
    owner: str = "Priya Raman",
    lead: str = "",
    due: str | None = "2026-12-15",
    test: str = "",
    teams: tuple[str, ...] = (),
):
    spec = ActionSpec(description, ActionKind(kind), owner, lead, due, test, CREATED)
    return check_action(spec, team_names=teams)


def test_the_issue_examples() -> None:
    vague = verdict("Improve communication between teams")
    assert vague.verdict == "vague"
    assert [r.rule for r in vague.reasons] == ["outcome"]
    assert "Improve" in vague.reasons[0].message
    specific = verdict(
        "Joint runbook for failover",
        "joint",
        owner="",
        lead="Priya Raman",
        test="runbook reviewed in a game day",
    )
    assert specific.verdict == "specific" and specific.reasons == ()
    no_lead = verdict("Joint runbook for failover", "joint", owner="Payments and Edge")
    assert no_lead.verdict == "vague"
    assert [(r.rule, r.field) for r in no_lead.reasons] == [("owner", "lead")]
    assert "lead" in no_lead.reasons[0].message


@pytest.mark.parametrize(
    ("description", "test"),
    [
        ("Look into the timeout issue", ""),
        ("Be more careful when deploying config", ""),
        ("Better communication during incidents", ""),
        ("Follow up with the vendor", ""),
        ("Add more monitoring", ""),
        ("Regular sync between the teams", ""),
        ("Update the documentation", ""),
        ("Improve failover", "failover works better"),
    ],
)
def test_vague_wording_without_a_concrete_outcome_fails(description: str, test: str) -> None:
    result = verdict(description, test=test)
    assert result.verdict == "vague"
    assert [r.rule for r in result.reasons] == ["outcome"]


@pytest.mark.parametrize(
    ("description", "test"),
    [
        ("Improve failover", "p99 failover time under 60 s in the quarterly drill"),
        ("Investigate the latency spike", "root-cause write-up published in the incident doc"),
        ("Follow up with the CDN vendor to get the per-IP limit raised to 2000 rps", ""),
        ("Improve communication by creating a shared incident channel #pay-edge", ""),
        ("Set up a weekly 15-minute sync between the two on-call leads", ""),
        ("Fix PAY-1432: retries ignore the Retry-After header", ""),
        ("Update the failover runbook with the new DNS switch step", ""),
    ],
)
def test_a_deliverable_threshold_or_test_of_done_makes_it_verifiable(
    description: str, test: str
) -> None:
    assert verdict(description, test=test).verdict == "specific"


@pytest.mark.parametrize(
    ("kind", "owner", "lead", "field", "words"),
    [
        ("team", "", "", "owner", "no accountable owner"),
        ("team", "everyone", "", "owner", "not one accountable"),
        ("team", "the team", "", "owner", "not one accountable"),
        ("team", "TBD", "", "owner", "not one accountable"),
        ("team", "Alice and Bob", "", "owner", "no lead"),
        ("team", "Payments team", "", "owner", "is a team"),
        ("team", "Payments", "", "owner", "is a team"),  # a team name of the session
        ("joint", "Priya Raman", "", "lead", "no designated lead"),
        ("joint", "", "Priya and Sam", "lead", "names 2 people"),
        ("process", "both teams", "", "owner", "not one accountable"),
    ],
)
def test_one_accountable_owner(kind: str, owner: str, lead: str, field: str, words: str) -> None:
    result = verdict(
        "Add a 5xx alert on the checkout API", kind, owner, lead, teams=("Payments", "Edge")
    )
    assert result.verdict == "vague"
    assert [(r.rule, r.field) for r in result.reasons] == [("owner", field)]
    assert words in result.reasons[0].message


def test_a_role_or_a_lead_is_an_owner() -> None:
    for owner, lead in [
        ("Payments on-call lead", ""),
        ("Marco Rossi (Payments lead)", ""),
        ("", "Marco Rossi"),
        ("Payments, Edge", "Priya Raman"),
    ]:
        kind = "joint" if lead and owner else "team"
        assert verdict("Add a 5xx alert on the checkout API", kind, owner, lead).is_specific


@pytest.mark.parametrize(
    "due",
    [
        "",
        None,
        "soon",
        "ASAP",
        "next sprint",
        "Q1 2027",
        "end of sprint",
        "before the next peak season",
        "2026-02-30",
        "December",
        "TBD",
    ],
)
def test_a_calendar_due_date_is_required(due: str | None) -> None:
    result = verdict("Add a 5xx alert on the checkout API", due=due)
    assert [r.rule for r in result.reasons] == ["due"]


def test_a_date_already_past_when_created_is_flagged_but_today_is_fine() -> None:
    past = verdict("Add a 5xx alert on the checkout API", due="2026-10-01")
    assert "already past" in past.reasons[0].message
    assert verdict("Add a 5xx alert on the checkout API", due="2026-11-20").is_specific


def test_dates_in_words_and_in_the_description() -> None:
    assert parse_calendar_date("1 December 2026") == date(2026, 12, 1)
    assert parse_calendar_date("Dec 15, 2026") == date(2026, 12, 15)
    assert parse_calendar_date("Jan 2027") is None
    found = verdict("Joint runbook for failover by 2026-12-15", "joint", "", "Priya Raman", due="")
    assert found.is_specific and found.due == date(2026, 12, 15)


def test_owner_due_and_test_written_inside_the_description() -> None:
    text = (
        "Joint runbook for failover, lead: Priya Raman, due 2026-12-15, "
        "test: runbook reviewed in a game day"
    )
    rest, found = split_inline(text)
    assert found == {"lead": "Priya Raman", "test": "runbook reviewed in a game day"}
    assert rest.startswith("Joint runbook for failover")
    assert verdict(text, "joint", owner="", due="").is_specific


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_labelled_sets_agree_with_the_checker(name: str) -> None:
    items = load(name)
    assert len(items) >= 60 and {i.label for i in items} == {"specific", "vague"}
    accuracy, wrong = evaluate(name)
    assert accuracy >= 0.95, [w[0].spec.description for w in wrong]


def test_the_labelled_data_is_large_enough_and_has_the_tricky_kinds() -> None:
    items = [i for name in SETS for i in load(name)]
    assert len(items) >= 80
    specific_no_owner = [
        i
        for i in items
        if i.label == "vague"
        and not i.spec.owner
        and not i.spec.lead
        and "alert" in i.spec.description
    ]
    joint_no_lead = [
        i
        for i in items
        if i.spec.kind is ActionKind.JOINT and not i.spec.lead and "lead" not in i.spec.description
    ]
    specific_process = [
        i for i in items if i.spec.kind is ActionKind.PROCESS and i.label == "specific"
    ]
    assert specific_no_owner and joint_no_lead and len(specific_process) >= 5
