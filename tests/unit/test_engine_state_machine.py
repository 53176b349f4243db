"""Random sequences of facilitator actions against the engine, checked by an independent oracle.

The oracle is deliberately naive: it keeps the list of actions that took effect (undo pops one,
redo pushes it back) and replays them on a timeline of fake seconds to get the expected totals.
The engine, with its snapshots, caches and database, must agree with it at every step, and a
simulated crash (the store closed with nothing more written, then reopened by a "new process")
must lose at most one second of anyone's time.
"""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from facilitator_app.engine import CROSSTALK, FACILITATOR, NOBODY, ClockState, Floor
from facilitator_app.engine.floor import toggled_team
from facilitator_app.model import Lane
from tests.helpers.meeting import Meeting, new_session, open_meeting

BUCKETS = ("team_a", "team_b", "facilitator", "crosstalk", "nobody")
CHECKPOINT_STEP = 0.5


def bucket(floor: Floor) -> str:
    if floor.team_lane is Lane.A:
        return "team_a"
    if floor.team_lane is Lane.B:
        return "team_b"
    return floor.kind.value


@dataclass
class Base:
    """Where the oracle's replay starts: the beginning, or the state just after a recovery."""

    time: float
    state: ClockState = ClockState.IDLE
    holder: Floor = NOBODY
    totals: dict[str, float] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0.0))
    phase: int | None = None


@dataclass
class Replay:
    state: ClockState
    holder: Floor
    phase: int | None
    totals: dict[str, float]
    run_start: float  # when the current run began: reassign reaches no further back


def replay(base: Base, actions: list[tuple[str, float, object]], now: float, phases: int) -> Replay:
    state, holder, phase = base.state, base.holder, base.phase
    segments: list[list] = []  # [floor, start, end | None]
    run_start = base.time
    if state is ClockState.RUNNING:
        segments.append([holder, base.time, None])
    for kind, t, arg in actions:
        if kind == "floor":
            if state is ClockState.RUNNING:
                segments[-1][2] = t
                segments.append([arg, t, None])
            holder = arg  # type: ignore[assignment]
        elif kind in ("start", "resume"):
            state, run_start = ClockState.RUNNING, t
            segments.append([holder, t, None])
            if kind == "start":
                phase = 0
        elif kind == "pause":
            segments[-1][2] = t
            state = ClockState.PAUSED
        elif kind == "reassign":
            floor, seconds = arg  # type: ignore[misc]
            cut = t - min(seconds, t - run_start)
            segments = [s for s in segments if s[1] < cut]
            if segments and (segments[-1][2] is None or segments[-1][2] > cut):
                segments[-1][2] = cut
            segments.append([floor, cut, None])
            holder = floor
        elif kind == "phase":
            assert phase is not None
            phase += arg  # type: ignore[operator]
    totals = dict(base.totals)
    for floor, start, end in segments:
        totals[bucket(floor)] += (now if end is None else end) - start
    return Replay(state, holder, phase, totals, run_start)


def fingerprint(m: Meeting) -> tuple:
    """The engine's state without anything that changes as time passes."""
    e = m.engine
    intervals = tuple(
        (s.holder, s.lane, s.started_at, None if s is e.open else (s.ended_at, s.seconds))
        for s in m.workspace.session.speaking
    )
    return (e.state, e.holder, e.phase_id, intervals, tuple(sorted(e.phase_clocks.items())))


class MeetingMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory()
        self.m = open_meeting(Path(self._tmp.name), new_session(timebox=30))
        self.t = 0.0
        self.base = Base(0.0)
        self.actions: list[tuple[str, float, object]] = []
        self.undone: list[tuple[str, float, object]] = []
        self.prints: list[tuple[tuple, tuple]] = []  # fingerprints before/after each action
        self.redo_prints: list[tuple[tuple, tuple]] = []
        self.last = dict.fromkeys(BUCKETS, 0.0)
        self.since_tick = 0.0

    def teardown(self) -> None:
        self.m.store.close()
        self._tmp.cleanup()

    # ---- helpers --------------------------------------------------------------------------

    @property
    def expected(self) -> Replay:
        return replay(self.base, self.actions, self.t, len(self.m.workspace.session.phases))

    def record(self, done: bool, expected: bool, kind: str, arg: object, before: tuple) -> None:
        assert done == expected, f"{kind} {arg}: engine said {done}, oracle expected {expected}"
        if done:
            self.actions.append((kind, self.t, arg))
            self.prints.append((before, fingerprint(self.m)))
            self.undone.clear()
            self.redo_prints.clear()

    def totals(self) -> dict[str, float]:
        t = self.m.engine.totals()
        return {
            "team_a": t.team_a,
            "team_b": t.team_b,
            "facilitator": t.facilitator,
            "crosstalk": t.crosstalk,
            "nobody": t.nobody,
        }

    # ---- rules ----------------------------------------------------------------------------

    @initialize()
    def begin(self) -> None:
        self.last = self.totals()

    @rule(seconds=st.floats(0.05, 40, allow_nan=False))
    def time_passes(self, seconds: float) -> None:
        left = seconds
        while left > 1e-9:
            dt = min(CHECKPOINT_STEP, left)
            self.m.clock.advance(dt)
            self.t += dt
            self.m.engine.tick()
            left -= dt

    @rule(
        floor=st.sampled_from(
            [Floor.team(Lane.A), Floor.team(Lane.B), FACILITATOR, CROSSTALK, NOBODY]
        )
    )
    def set_floor(self, floor: Floor) -> None:
        exp = self.expected
        before = fingerprint(self.m)
        done = self.m.engine.set_floor(floor)
        self.record(
            done, floor != exp.holder and exp.state is not ClockState.ENDED, "floor", floor, before
        )

    @rule(lane=st.sampled_from(list(Lane)))
    def team_key(self, lane: Lane) -> None:
        exp = self.expected
        floor = toggled_team(exp.holder, lane)
        before = fingerprint(self.m)
        done = self.m.engine.toggle_team(lane)
        self.record(done, True, "floor", floor, before)
        assert self.m.engine.holder == floor

    @rule()
    def space(self) -> None:
        exp = self.expected
        kind = {
            ClockState.IDLE: "start",
            ClockState.RUNNING: "pause",
            ClockState.PAUSED: "resume",
        }.get(exp.state)
        before = fingerprint(self.m)
        done = self.m.engine.toggle_clock()
        self.record(done, kind is not None, kind or "end", None, before)

    @rule(step=st.sampled_from([1, -1]))
    def phase_key(self, step: int) -> None:
        exp = self.expected
        count = len(self.m.workspace.session.phases)
        ok = (
            exp.state in (ClockState.RUNNING, ClockState.PAUSED)
            and exp.phase is not None
            and 0 <= exp.phase + step < count
        )
        before = fingerprint(self.m)
        done = self.m.engine.request_phase_change(step, confirmed=True)
        self.record(done, ok, "phase", step, before)

    @rule(
        floor=st.sampled_from([Floor.team(Lane.A), Floor.team(Lane.B), FACILITATOR]),
        seconds=st.sampled_from([5.0, 30.0, 120.0]),
    )
    def reassign(self, floor: Floor, seconds: float) -> None:
        total_before = sum(self.totals().values())
        exp = self.expected
        before = fingerprint(self.m)
        done = self.m.engine.reassign_last(floor, seconds)
        ok = exp.state is ClockState.RUNNING and self.t - exp.run_start > 1e-9
        self.record(done, ok, "reassign", (floor, seconds), before)
        assert sum(self.totals().values()) == pytest.approx(total_before, abs=1e-6)
        self.last = self.totals()

    @precondition(lambda self: bool(self.actions))
    @rule()
    def undo(self) -> None:
        total_before = sum(self.totals().values())
        self.m.workspace.undo()
        self.undone.append(self.actions.pop())
        prints = self.prints.pop()
        self.redo_prints.append(prints)
        assert fingerprint(self.m) == prints[0]  # exactly the state before the action
        if self.undone[-1][0] not in ("start", "pause", "resume"):
            assert sum(self.totals().values()) == pytest.approx(total_before, abs=1e-6)
        self.last = self.totals()

    @precondition(lambda self: bool(self.undone))
    @rule()
    def redo(self) -> None:
        self.m.workspace.redo()
        self.actions.append(self.undone.pop())
        prints = self.redo_prints.pop()
        self.prints.append(prints)
        assert fingerprint(self.m) == prints[1]  # exactly the state after the action
        self.last = self.totals()

    @rule(outage=st.floats(0, 30, allow_nan=False))
    def crash_and_recover(self, outage: float) -> None:
        truth = self.totals()
        self.m.clock.advance(outage)  # the app is dead: no ticks
        self.t += outage
        self.m = self.m.reopen()
        after = self.totals()
        for name in ("team_a", "team_b", "facilitator", "crosstalk"):
            assert -1e-6 <= truth[name] - after[name] <= 1.0 + 1e-6, name
        assert after["nobody"] >= truth["nobody"] - 1.0 - 1e-6
        e = self.m.engine
        self.base = Base(self.t, e.state, e.holder, after, e.phase_index())
        self.actions, self.undone, self.prints, self.redo_prints = [], [], [], []
        self.last = after

    # ---- invariants -----------------------------------------------------------------------

    @invariant()
    def at_most_one_floor_holder(self) -> None:
        e = self.m.engine
        speaking = self.m.workspace.session.speaking
        open_ones = [s for s in speaking if s.ended_at is None]
        if e.state is ClockState.RUNNING:
            assert open_ones == [speaking[-1]] and e.open is speaking[-1]
            assert Floor.of(speaking[-1]) == e.holder
        else:
            assert open_ones == [] and e.open is None

    @invariant()
    def intervals_neither_negative_nor_overlapping(self) -> None:
        speaking = self.m.workspace.session.speaking
        for s in speaking:
            assert s.seconds is None or s.seconds >= 0
        for a, b in itertools.pairwise(speaking):
            assert a.ended_at is not None and b.started_at >= a.ended_at

    @invariant()
    def matches_the_oracle(self) -> None:
        exp = self.expected
        e = self.m.engine
        assert e.state is exp.state
        assert e.holder == exp.holder
        assert e.phase_index() == exp.phase
        totals = self.totals()
        for name in BUCKETS:
            assert totals[name] == pytest.approx(exp.totals[name], abs=1e-6), name

    @invariant()
    def buckets_add_up_to_the_meeting_time(self) -> None:
        status = self.m.engine.status()
        assert status.totals.total == pytest.approx(status.elapsed, abs=1e-6)
        if self.m.engine.state in (ClockState.RUNNING, ClockState.PAUSED):
            assert sum(p.spent for p in status.phases) == pytest.approx(status.elapsed, abs=1e-6)

    @invariant()
    def totals_never_decrease(self) -> None:
        now = self.totals()
        for name in BUCKETS:
            assert now[name] >= self.last[name] - 1e-6, name
        self.last = now

    @invariant()
    def the_database_agrees(self) -> None:
        e = self.m.engine
        conn = sqlite3.connect(self.m.path)
        try:
            rows = conn.execute(
                "SELECT id, holder, lane, seconds FROM speaking_interval "
                "WHERE session_id = ? ORDER BY id",
                (self.m.session_id,),
            ).fetchall()
            clock = conn.execute("SELECT state, holder, lane FROM meeting_clock").fetchall()
        finally:
            conn.close()
        memory = self.m.workspace.session.speaking
        assert [r[0] for r in rows] == [s.id for s in memory]
        for row, s in zip(rows, memory, strict=True):
            assert (row[1], row[2]) == (s.holder.value, s.lane.value if s.lane else None)
            if s is e.open:
                held = e.totals().total - sum(x.seconds or 0 for x in memory if x is not s)
                assert -1e-6 <= held - (row[3] or 0) <= CHECKPOINT_STEP + 1e-6
            else:
                assert row[3] == pytest.approx(s.seconds)
        if clock:
            h = e.holder
            assert clock[0] == (e.state.value, h.kind.value, h.lane.value if h.lane else None)


MeetingMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_meeting_engine_state_machine = MeetingMachine.TestCase
