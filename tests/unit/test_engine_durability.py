"""Durability: every action on disk at once, checkpoints, crash-and-recover, exports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from facilitator_app import session_json
from facilitator_app.cli import main
from facilitator_app.engine import (
    FACILITATOR,
    NOBODY,
    ClockState,
    Floor,
    HintKind,
    MeetingEngine,
    MeetingSettings,
)
from facilitator_app.errors import StorageError
from facilitator_app.model import Lane
from facilitator_app.workspace import Workspace
from storage import SqliteStore
from tests.helpers.meeting import Meeting, open_meeting, run


def on_disk(m: Meeting, sql: str, *params: object) -> list[tuple]:
    """Read the file through a separate connection, as another process would."""
    conn = sqlite3.connect(m.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def disk_totals(m: Meeting) -> dict[str, float]:
    rows = on_disk(m, "SELECT holder, lane, coalesce(seconds, 0) FROM speaking_interval")
    totals: dict[str, float] = {}
    for holder, lane, seconds in rows:
        key = f"team_{lane.lower()}" if lane else holder
        totals[key] = totals.get(key, 0.0) + seconds
    return totals


def test_every_switch_and_clock_action_is_on_disk_at_once(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.toggle_team(Lane.A)
    assert on_disk(m, "SELECT state, holder, lane FROM meeting_clock") == [("idle", "team", "A")]
    e.start()
    assert on_disk(m, "SELECT state FROM meeting_clock") == [("running",)]
    assert on_disk(m, "SELECT state FROM session") == [("live",)]
    assert on_disk(m, "SELECT count(*) FROM speaking_interval WHERE holder = 'team'") == [(1,)]
    m.clock.advance(2)
    e.toggle_team(Lane.B)
    assert disk_totals(m) == {"team_a": pytest.approx(2), "team_b": 0}
    e.next_phase()
    assert on_disk(m, "SELECT p.key FROM meeting_clock c JOIN phase p ON p.id = c.phase_id") == [
        ("timeline",)
    ]
    assert on_disk(m, "SELECT count(*) FROM phase WHERE started_at IS NOT NULL") == [(2,)]
    e.nudge(+1)
    assert on_disk(m, "SELECT max(nudge_seconds) FROM meeting_phase_clock") == [(60.0,)]
    e.pause()
    assert on_disk(m, "SELECT state, open_interval_id FROM meeting_clock") == [("paused", None)]


def test_undo_is_written_too(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    m.engine.start()
    m.engine.toggle_team(Lane.A)
    run(m, 3)
    m.engine.toggle_team(Lane.B)
    run(m, 1)
    m.workspace.undo()
    assert on_disk(m, "SELECT holder, lane FROM meeting_clock") == [("team", "A")]
    assert disk_totals(m).get("team_b") is None
    assert disk_totals(m)["team_a"] == pytest.approx(4)


def test_the_running_interval_is_checkpointed_by_each_tick(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    m.engine.start()
    m.engine.toggle_team(Lane.A)
    run(m, 3.5)
    assert disk_totals(m)["team_a"] == pytest.approx(3.5)


def test_crash_reopens_live_within_a_second(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    e.toggle_team(Lane.A)
    run(m, 3)
    e.toggle_team(Lane.B)
    run(m, 2)
    e.next_phase()
    m.clock.advance(0.4)  # killed between two ticks
    truth = e.totals()
    m.clock.advance(5)  # the time it takes to restart
    r = m.reopen()
    status = r.engine.status()
    assert status.clock is ClockState.RUNNING
    assert status.holder == Floor.team(Lane.B)
    assert status.phase_index == 1
    assert truth.team_a - status.totals.team_a == pytest.approx(0)
    assert 0 <= truth.team_b - status.totals.team_b <= 1
    assert status.elapsed == pytest.approx(truth.total + 5)  # the outage counts, as nobody's
    assert status.totals.nobody == pytest.approx(5.4)
    notice = status.hint(HintKind.NOTICE)
    assert notice is not None and "Edge has the floor again" in notice.text
    run(r, 2)
    assert r.engine.totals().team_b == pytest.approx(status.totals.team_b + 2)


def test_crash_right_after_a_switch_loses_less_than_a_second(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    e.toggle_team(Lane.A)
    run(m, 10)
    m.clock.advance(0.3)
    e.set_floor(FACILITATOR)  # no tick after this one
    m.clock.advance(0.6)
    truth = e.totals()
    r = m.reopen()
    totals = r.engine.totals()
    assert totals.team_a == pytest.approx(truth.team_a)
    assert 0 <= truth.facilitator - totals.facilitator <= 1


def test_a_long_outage_reopens_paused(tmp_path: Path) -> None:
    m = open_meeting(tmp_path, settings=MeetingSettings(max_recovery_gap_minutes=15))
    m.engine.start()
    m.engine.toggle_team(Lane.A)
    run(m, 60)
    m.clock.advance(3600)
    r = m.reopen(settings=MeetingSettings(max_recovery_gap_minutes=15))
    status = r.engine.status()
    assert status.clock is ClockState.PAUSED
    assert status.elapsed == pytest.approx(60)
    assert status.hint(HintKind.NOTICE) is not None
    r.engine.resume()
    run(r, 1)
    assert r.engine.totals().team_a == pytest.approx(61)


def test_a_clean_close_pauses_the_clock(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    m.engine.start()
    m.engine.toggle_team(Lane.A)
    run(m, 7.2)
    m.engine.shutdown()
    m.clock.advance(600)
    r = m.reopen()
    assert r.engine.status().clock is ClockState.PAUSED
    assert r.engine.totals().team_a == pytest.approx(7.2)
    assert r.engine.elapsed() == pytest.approx(7.2)


def test_paused_and_idle_meetings_reopen_as_they_were(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    m.engine.toggle_team(Lane.B)
    r = m.reopen()
    assert r.engine.state is ClockState.IDLE
    assert r.engine.holder == Floor.team(Lane.B)


def test_a_failed_write_leaves_memory_as_it_was(tmp_path: Path, monkeypatch) -> None:
    m = open_meeting(tmp_path)
    m.engine.start()
    run(m, 1)

    def refuse(*args: object) -> None:
        raise StorageError("disk full")

    monkeypatch.setattr(m.store, "write_meeting", refuse)
    with pytest.raises(StorageError):
        m.engine.toggle_team(Lane.A)
    assert m.engine.holder.is_nobody
    assert len(m.workspace.session.speaking) == 1
    assert m.workspace.undo_stack.undo_text() == "Start the meeting clock"
    assert on_disk(m, "SELECT holder FROM meeting_clock") == [("nobody",)]


def test_session_json_carries_intervals_and_totals(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    e.toggle_team(Lane.A)
    run(m, 3)
    e.toggle_team(Lane.B)
    run(m, 2)
    e.set_floor(NOBODY)
    run(m, 0.7)
    data = json.loads(session_json.dumps(e.export_session()))
    speaking = data["speaking"]
    assert [(i["holder"], i["team"]) for i in speaking["intervals"]] == [
        ("team", "A"),
        ("team", "B"),
        ("nobody", None),
    ]
    assert speaking["intervals"][0]["seconds"] == pytest.approx(3)
    assert speaking["intervals"][-1]["end"] is not None
    totals = speaking["totals_seconds"]
    assert (totals["team_a"], totals["team_b"], totals["nobody"]) == (3.0, 2.0, 0.7)
    assert set(totals) >= {"team_a", "team_b", "facilitator", "crosstalk", "nobody"}


def test_cli_export_after_a_crash_has_the_totals(tmp_path: Path, capsys) -> None:
    m = open_meeting(tmp_path)
    e = m.engine
    e.start()
    e.toggle_team(Lane.A)
    run(m, 3)
    e.toggle_team(Lane.B)
    run(m, 2)
    e.toggle_team(Lane.B)
    run(m, 0.5)
    m.store.close()  # the process dies; nothing more is written
    assert main(["--db", str(m.path), "export", str(m.session_id), "--format", "json"]) == 0
    totals = json.loads(capsys.readouterr().out)["speaking"]["totals_seconds"]
    assert totals["team_a"] == pytest.approx(3)
    assert totals["team_b"] == pytest.approx(2)


def test_opening_writes_nothing_until_the_explicit_recovery_step(tmp_path: Path) -> None:
    m = open_meeting(tmp_path)
    m.engine.start()
    m.engine.toggle_team(Lane.A)
    run(m, 3)
    m.store.close()  # killed while the clock ran
    m.clock.restart()
    m.clock.advance(5)
    store = SqliteStore.open(m.path)
    before = on_disk(m, "SELECT * FROM speaking_interval")
    workspace = Workspace(store, store.load_session(m.session_id))
    with pytest.raises(RuntimeError):
        _ = workspace.meeting  # no engine is created by reading a property
    engine = MeetingEngine(workspace, m.clock)
    workspace.attach_meeting(engine)
    _ = (workspace.meeting, engine.status(), engine.totals())
    assert on_disk(m, "SELECT * FROM speaking_interval") == before
    engine.recover()  # the one step at open that may write: the outage goes to nobody
    after = on_disk(m, "SELECT holder, seconds FROM speaking_interval")
    assert ("nobody", pytest.approx(5)) in after
    store.close()
