"""`facilitator lint-actions` and `facilitator follow-up`, as a script would run them."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from facilitator_app.actions.items import add_action
from facilitator_app.cli import main
from facilitator_app.model import ActionItem, ActionKind, Session, two_teams
from facilitator_app.workspace import Workspace
from storage import SqliteStore

DUE = date(2026, 12, 15)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The issue's three items: vague, specific, and a joint item without a lead."""
    path = tmp_path / "cli.db"
    store = SqliteStore.open(path)
    session = Session("Checkout failover", two_teams("Payments", "Edge"))
    store.create_session(session)
    ws = Workspace(store, session)
    add_action(
        ws,
        ActionItem(
            ActionKind.PROCESS, "Improve communication between teams", owner="Dana Okafor", due=DUE
        ),
    )
    add_action(
        ws,
        ActionItem(
            ActionKind.JOINT,
            "Joint runbook for failover",
            lead="Priya Raman",
            due=DUE,
            test_of_done="runbook reviewed in a game day",
        ),
    )
    add_action(
        ws,
        ActionItem(
            ActionKind.JOINT, "Joint game day for failover", owner="Payments and Edge", due=DUE
        ),
    )
    store.close()
    return path


def _run(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    stdin: str = "",
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_lint_actions_session_json_gives_the_issue_verdicts(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["--db", str(db), "lint-actions", "1", "--json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [r["verdict"] for r in rows] == ["vague", "specific", "vague"]
    assert rows[0]["description"] == "Improve communication between teams"
    assert rows[1]["reasons"] == []
    assert any("lead" in reason for reason in rows[2]["reasons"])


def test_lint_actions_plain_and_fail_on_vague(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--db", str(db), "lint-actions", "1"], capsys)
    assert code == 0 and "3 items: 1 specific, 2 vague" in out
    code, _, _ = _run(["--db", str(db), "lint-actions", "1", "--fail-on-vague"], capsys)
    assert code == 1


def test_lint_actions_jsonl_keeps_input_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [
        {
            "description": "Improve communication between teams",
            "kind": "process",
            "owner": "Dana",
            "due": "2026-12-15",
        },
        {
            "description": "Joint runbook for failover, lead: Priya Raman, due 2026-12-15, "
            "test: runbook reviewed in a game day",
            "kind": "joint",
        },
        {"description": "Joint game day", "kind": "joint", "owner": "A and B", "due": "2026-12-15"},
        {"description": "Add a 5xx alert", "owner": "Ana", "due": "next sprint", "lead": None},
    ]
    stdin = (
        "\n".join(json.dumps(x) for x in lines[:2])
        + "\n\n"
        + "\n".join(json.dumps(x) for x in lines[2:])
        + "\n"
    )
    code, out, _ = _run(
        ["lint-actions", "--jsonl", "--json", "--today", "2026-11-20"], capsys, stdin, monkeypatch
    )
    assert code == 0
    rows = json.loads(out)
    assert [(r["index"], r["line"], r["verdict"]) for r in rows] == [
        (1, 1, "vague"),
        (2, 2, "specific"),
        (3, 4, "vague"),
        (4, 5, "vague"),
    ]
    assert "next sprint" in rows[3]["reasons"][0]


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (
            '{"description": "ok"}\n{"description": "x", "kind": "shared"}\n',
            "<stdin>, line 2, field 'kind'",
        ),
        ('{"description": "ok"}\n{"owner": "Ana"}\n', "line 2, field 'description'"),
        ('{"description": "ok", "due": 20261215}\n', "line 1, field 'due'"),
        ("[1, 2]\n", "line 1: must be a JSON object"),
        ('{"description": "ok", "written_on": "last week"}\n', "line 1, field 'written_on'"),
        ('{"description": "ok"\n', "line 1: not valid JSON"),
    ],
)
def test_a_bad_line_exits_2_naming_line_and_field_with_no_output(
    stdin: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, err = _run(["lint-actions", "--jsonl", "--json"], capsys, stdin, monkeypatch)
    assert code == 2 and out == ""
    assert err.startswith("facilitator: error: ") and message in err


def test_lint_actions_needs_a_session_or_jsonl(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["--db", str(db), "lint-actions"], capsys)[0] == 2
    code, _, err = _run(["--db", str(db), "lint-actions", "7"], capsys)
    assert code == 2 and "no session 7" in err


def test_follow_up_lists_open_items_with_flags(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["--db", str(db), "follow-up", "--today", "2026-12-20", "--json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 3 and all(r["overdue"] for r in rows)
    assert [r["missing_lead"] for r in rows] == [True, False, False]
    code, out, _ = _run(["--db", str(db), "follow-up", "--today", "2026-12-01"], capsys)
    assert "[NO LEAD]" in out and "OVERDUE" not in out


def test_factors_ranks_by_votes_with_equal_team_weighting_on_and_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Payments has four voters, Edge two: weighting both teams equally flips the top two."""
    from facilitator_app import session_json
    from tests.helpers.actions_workspace import small_session

    session = small_session()
    for i, attendee in enumerate(session.attendees):
        attendee.id = -1 - i
    data = session_json.session_to_dict(session)
    ref = {a["name"]: a["ref"] for a in data["attendees"]}

    def votes(**dots: int) -> list[dict[str, int]]:
        return [{"attendee": ref[name], "dots": n} for name, n in dots.items()]

    data["factors"] = [
        {"text": "Retries", "owner": "A", "votes_by_attendee": votes(Ana=2, Ben=2, Cleo=2, Dev=2)},
        {"text": "Canary", "owner": "B", "votes_by_attendee": votes(Eve=3, Finn=3)},
        {
            "text": "Per-IP limit",
            "owner": "interaction",
            "votes_by_attendee": votes(Ana=1, Ben=1, Cleo=1, Dev=1),
        },
    ]
    path = tmp_path / "votes.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "votes.db"
    assert _run(["--db", str(db), "import-session", str(path)], capsys)[0] == 0

    _, out, _ = _run(["--db", str(db), "factors", "1", "--equal-teams", "off", "--json"], capsys)
    assert [(r["text"], r["rank"], r["score"]) for r in json.loads(out)] == [
        ("Retries", 1, 8),
        ("Canary", 2, 6),
        ("Per-IP limit", 3, 4),
    ]
    _, out, _ = _run(["--db", str(db), "factors", "1", "--equal-teams", "on", "--json"], capsys)
    rows = json.loads(out)
    assert [(r["text"], r["rank"], r["score"], r["votes"]) for r in rows] == [
        ("Canary", 1, 9.0, 6),
        ("Retries", 2, 6.0, 8),
        ("Per-IP limit", 3, 3.0, 4),
    ]
    assert rows[1]["votes_by_attendee"] == {"Ana": 2, "Ben": 2, "Cleo": 2, "Dev": 2}
    _, out, _ = _run(["--db", str(db), "factors", "1"], capsys)
    assert out.startswith("equal-team weighting off")


def test_jsonl_items_are_judged_on_the_day_written_with_relative_dates_resolved(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        {
            "description": "Add a 5xx alert above 2% for 5 minutes",
            "owner": "Ana",
            "due": "next Friday",
            "written_on": "2026-11-18",
        },
        {
            "description": "Add a 5xx alert above 2% for 5 minutes",
            "owner": "Ana",
            "due": "2026-11-01",
            "written_on": "2026-11-18",
        },
        {"description": "Look into the retries", "owner": "Ana", "due": "in two weeks"},
    ]
    stdin = "".join(json.dumps(r) + "\n" for r in rows)
    args = ["lint-actions", "--jsonl", "--json", "--today", "2030-01-01"]
    code, out, _ = _run(args, capsys, stdin, monkeypatch)
    first, past, vague = json.loads(out)
    assert code == 0
    assert (first["verdict"], first["due"]) == ("specific", "2026-11-20")
    assert past["verdict"] == "vague" and "written (2026-11-18)" in past["reasons"][0]
    assert vague["due"] == "2030-01-15"  # no written_on: the --today day
    assert "e.g. '" in vague["reasons"][0] and "the retries" in vague["reasons"][0]
