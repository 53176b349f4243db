"""`facilitator report` as a new user meets it: the demo's history, the range options, errors."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from facilitator_app import session_json
from facilitator_app.cli import main
from facilitator_app.errors import UserError
from facilitator_app.model import ActionKind, SessionState
from facilitator_app.report.follow_through import Bucket, track
from facilitator_app.report.groups import group_factors
from facilitator_app.report.meetings import balance, meeting_lengths
from facilitator_app.report.period import (
    last_full_quarter,
    pair_of,
    parse_quarter,
    parse_teams,
    resolve_period,
)
from facilitator_app.sample_history import sample_history

TODAY = date(2026, 12, 6)


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_the_generator_is_stable_for_a_seed_and_differs_between_seeds():
    def dump(seed: int) -> list[dict]:
        dumped = [json.loads(session_json.dumps(s)) for s in sample_history(seed, today=TODAY)]
        for data in dumped:
            del data["exported_at"]
        return dumped

    assert dump(4) == dump(4)
    assert dump(4) != dump(5)


def test_the_sample_history_is_what_the_retro_needs():
    history = sample_history(today=TODAY)
    assert len(history) >= 24
    assert all(s.state is SessionState.ENDED for s in history)
    assert len({pair_of(s).key() for s in history}) >= 4
    quarters = Counter(last_full_quarter(TODAY).contains(s.incident_start.date()) for s in history)
    assert quarters[True] >= 12 and quarters[False] >= 12  # two quarters, both with data
    groups = group_factors(history)
    assert sum(1 for g in groups if len({m.factor.text for m in g.members}) >= 3) >= 4
    joint = [t for t in track(history, TODAY, 30) if t.item.kind is ActionKind.JOINT]
    assert sum(t.bucket is Bucket.STALLED for t in joint) >= 3
    over = Counter(pair_of(m.session).label for m in meeting_lengths(history) if m.over > 0)
    assert over.most_common(1)[0][0] == "Edge Platform / Payments"
    assert any(r.dominant for r in balance(history))


def test_demo_report_without_dates_covers_last_quarter(capsys):
    status, out, err = run(capsys, "--demo", "report")
    assert status == 0, err
    quarter = last_full_quarter(date.today()).label
    assert f"*{quarter} (" in out
    assert "## Recurring contributing factors" in out
    assert "### How the factors were grouped" in out
    assert "**stalled**" in out
    assert "## Speaking balance" in out


def test_markdown_charts_are_drawn_beside_the_file(tmp_path, capsys):
    target = tmp_path / "retro.md"
    status, _, err = run(capsys, "--demo", "report", "-o", target)
    assert status == 0, err
    text = target.read_text()
    charts = sorted(p.name for p in tmp_path.glob("retro-chart-*.png"))
    assert len(charts) >= 4
    for name in charts:
        assert f"]({name})" in text
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


def test_a_team_pair_narrows_the_report(capsys):
    status, out, _ = run(capsys, "--demo", "report", "--teams", "edge platform,payments")
    assert status == 0
    assert "Edge Platform / Payments" in out
    assert "Identity / Mobile Apps" not in out


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["--quarter", "2026Q5"], "--quarter"),
        (["--quarter", "2026Q3", "--since", "2026-01-01"], "--quarter"),
        (["--until", "2026-01-01"], "--until"),
        (["--since", "2026-02-30"], "--since"),
        (["--since", "2026-03-01", "--until", "2026-02-01"], "--until"),
        (["--teams", "Payments"], "--teams"),
        (["--stalled-days", "0"], "--stalled-days"),
        (["--dominance", "40"], "--dominance"),
        (["--archive", "no-such-folder"], "--archive"),
    ],
)
def test_bad_options_are_one_line_errors(capsys, argv, field):
    status, out, err = run(capsys, "--demo", "report", *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and f"'{field}'" in err


def test_period_rules():
    assert last_full_quarter(date(2026, 1, 15)).label == "2025Q4"
    assert last_full_quarter(date(2026, 7, 1)).label == "2026Q2"
    q = parse_quarter("2026q3")
    assert (q.since, q.until) == (date(2026, 7, 1), date(2026, 9, 30))
    assert q.previous().label == "2026Q2"
    assert parse_quarter("2026Q1").previous().label == "2025Q4"
    span = resolve_period(TODAY, since="2026-10-01", until="2026-12-31")
    assert span.label == "2026Q4"  # a span that is exactly a quarter is called one
    other = resolve_period(TODAY, since="2026-11-01")
    assert (other.since, other.until) == (date(2026, 11, 1), TODAY)
    assert other.previous().until == date(2026, 10, 31)
    with pytest.raises(UserError):
        parse_teams("A,a")


def test_the_dominance_threshold_is_an_option(capsys):
    status, out, _ = run(capsys, "--demo", "report", "--dominance", "51")
    assert status == 0
    assert "more than 51 % of the speaking time" in out


def test_the_demo_still_opens_on_the_demo_session(tmp_path):
    from facilitator_app.cli import _demo_database
    from facilitator_app.session_choice import choose_session
    from storage import SqliteStore

    store = SqliteStore.open(_demo_database(tmp_path))
    try:
        assert len(store.list_sessions()) >= 25
        opened = choose_session(store, None)
        assert opened.id == 1 and opened.title.startswith("Checkout tokenisation")
    finally:
        store.close()
