"""The issue's "done means", through the CLI: a Slack export zip, PagerDuty log entries and
kubectl events into one session, in time order, with the duplicate alert flagged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from facilitator_app.cli import main
from facilitator_app.model import Session, two_teams
from storage import SqliteStore
from tests.helpers.importer_fixtures import (
    K8S_EVENTS,
    PAGERDUTY,
    SLACK_EXPORT,
    SLACK_TEAMS,
    slack_zip,
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "sources.db"
    store = SqliteStore.open(path, lock=False)
    store.create_session(
        Session(
            "Checkout 5xx",
            two_teams("Payments", "Edge Platform"),
            incident_start=datetime(2026, 11, 10, 23, 40, tzinfo=UTC),
            incident_end=datetime(2026, 11, 11, 0, 5, tzinfo=UTC),
        )
    )
    store.close()
    return path


def timeline(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "--db", str(db), "export", "1", "--format", "json")
    assert code == 0
    return json.loads(out)["timeline"]  # type: ignore[no-any-return]


def slack_args(db: Path, source: Path, *more: str) -> list[str]:
    teams = [arg for pair in SLACK_TEAMS for arg in ("--team-value", pair)]
    return [
        "--db",
        str(db),
        "import-timeline",
        "1",
        str(source),
        "--channel",
        "incident-4711",
        *teams,
        *more,
    ]


def test_slack_zip_then_pagerduty_then_kubectl_events(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = slack_zip(tmp_path / "acme-export.zip")
    code, out, err = run(
        capsys, *slack_args(db, archive, "--workspace-url", "https://acme.slack.com")
    )
    assert code == 0, err
    assert out.strip() == "imported 9 events into session 1"
    assert "skipped 2 join/leave/topic/purpose messages" in err
    events = timeline(db, capsys)
    assert [e["event"] for e in events][:3] == [
        "[Triggered] #4711 High error rate on checkout-api",
        "@Lee Chan checkout 5xx spiking, see checkout dashboard (https://grafana.example.com/d/checkout)",
        "[FIRING:1] RateLimiterRejecting edge-gateway — severity: critical",
    ]
    by_text = {e["event"]: e for e in events}
    assert "lunch anyone?" not in by_text  # the other channel is untouched
    assert by_text["[Triggered] #4711 High error rate on checkout-api"]["actor"] == "PagerDuty"
    assert by_text["shared error-rate.png"]["actor"] == "dana"
    assert by_text["mitigated: checkout error rate back to baseline"]["timestamp"] == (
        "2026-11-10T23:50:00.000700Z"
    )
    assert all(
        str(e["source_url"]).startswith("https://acme.slack.com/archives/C0INC4711/p17943")
        for e in events
    )
    assert events[0]["source_url"] == (
        "https://acme.slack.com/archives/C0INC4711/p1794354000000100"
    )
    replies = [e["event"] for e in events if "rate limit config" in str(e["event"])]
    assert replies == [
        "we rolled out a rate limit config to edge-gateway at 23:35, looking",
        "rolling back the rate limit config now",
    ]

    code, out, err = run(
        capsys,
        "--db",
        str(db),
        "import-timeline",
        "1",
        str(PAGERDUTY),
        "--format",
        "pagerduty",
        "--team-value",
        "checkout-api=Payments",
    )
    assert code == 0, err
    assert out.strip() == "imported 6 events into session 1 (2 likely duplicates flagged)"
    flagged = [line for line in err.splitlines() if "likely duplicate" in line]
    assert len(flagged) == 2
    assert "('Triggered: High error rate on checkout-api (via Datadog)') looks like " in flagged[0]
    assert "'[Triggered] #4711 High error rate on checkout-api' from acme-export.zip" in flagged[0]

    code, out, err = run(
        capsys,
        "--db",
        str(db),
        "import-timeline",
        "1",
        str(K8S_EVENTS),
        "--format",
        "k8s-events",
        "--team-value",
        "checkout=Payments",
        "--team-value",
        "edge-gateway=Edge Platform",
    )
    assert code == 0, err
    assert out.strip() == "imported 4 events into session 1"
    events = timeline(db, capsys)
    times = [datetime.fromisoformat(str(e["timestamp"])) for e in events]
    assert times == sorted(times) and len(events) == 19
    assert events[0]["event"].startswith("ScalingReplicaSet Deployment/edge-gateway")  # type: ignore[union-attr]
    sources = {str(e["source_url"]).split("/")[2] for e in events if e["source_url"]}
    assert sources == {"acme.slack.com", "acme.pagerduty.com"}


def test_dropping_the_likely_duplicates(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *slack_args(db, SLACK_EXPORT))[0] == 0
    code, out, err = run(
        capsys,
        "--db",
        str(db),
        "import-timeline",
        "1",
        str(PAGERDUTY),
        "--format",
        "pagerduty",
        "--team",
        "Payments",
        "--drop-likely-duplicates",
    )
    assert code == 0
    assert out.strip() == "imported 4 events into session 1"
    assert err.count("likely duplicate:") == 2


def test_an_unknown_channel_lists_the_channels(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = slack_zip(tmp_path / "export.zip")
    code, out, err = run(
        capsys, "--db", str(db), "import-timeline", "1", str(archive), "--channel", "incidnet"
    )
    assert code == 2 and out == ""
    assert err.strip() == (
        f"facilitator: error: {archive}: has no channel 'incidnet'; its channels: "
        "edge-platform, incident-4711, random; nothing was imported"
    )


def test_a_zip_with_a_climbing_member_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = slack_zip(tmp_path / "evil.zip", {"../../outside.json": b"[]"})
    code, _, err = run(capsys, *slack_args(db, archive))
    assert code == 2
    assert "points outside it ('../../outside.json'); refused" in err
    assert not (tmp_path.parent / "outside.json").exists()


def test_the_window_defaults_to_the_incident_and_can_be_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "short.db"
    store = SqliteStore.open(path, lock=False)
    store.create_session(
        Session(
            "Short",
            two_teams("Payments", "Edge Platform"),
            incident_start=datetime(2026, 11, 11, 1, 0, tzinfo=UTC),
            incident_end=datetime(2026, 11, 11, 1, 30, tzinfo=UTC),
        )
    )
    store.close()
    code, out, err = run(capsys, *slack_args(path, SLACK_EXPORT, "--dry-run"))
    assert code == 0
    assert out.strip() == "would import 2 events into session 1"  # 00:00 to 02:30
    assert "left out 7 events outside the window 2026-11-11T00:00+00:00 to " in err
    code, out, err = run(
        capsys, *slack_args(path, SLACK_EXPORT, "--dry-run", "--since", "2026-11-10T23:45:00Z")
    )
    assert out.strip() == "would import 5 events into session 1"
    code, out, err = run(capsys, *slack_args(path, SLACK_EXPORT, "--since", "yesterday"))
    assert code == 2 and out == ""
    assert err.strip() == ("facilitator: error: field '--since': not an ISO 8601 time: 'yesterday'")
