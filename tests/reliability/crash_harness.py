"""A crash harness: a scripted meeting replayed through the real persistence layer, killed at
random with SIGKILL, reopened and checked.

Each run forks the warm test process (no interpreter start-up, so hundreds of kills take
seconds). The child opens a copy of a template database with `SqliteStore`, builds the real
`Workspace` and `MeetingEngine` on a `ManualClock`, and replays a seeded script: floor switches,
clock start/pause, phase changes, observations, votes, action items and ticks. After each
change has returned (committed), it writes `ack <i>` on a pipe. The parent kills it at a random
moment, reads every ack that made it into the pipe, reopens the file and checks:

- `PRAGMA integrity_check` is ok and the database opens without being moved aside;
- the durable state is the state after the last acknowledged change, or after the one change
  that was in flight: every acknowledged change is present, nothing that was never issued is;
- each speaking total lies within [acknowledged, acknowledged + 1 s].

The expected state after each change comes from a reference run of the same script, without a
kill, that reads the file back after every change (the script is deterministic: a manual
clock, a seeded script, the same template).

Run directly for the soak: `python -m tests.reliability.crash_harness --kills 2000`.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from facilitator_app.engine import CROSSTALK, FACILITATOR, NOBODY, ManualClock, MeetingEngine
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    ContributingFactor,
    FactorOwner,
    Lane,
    Observation,
    Session,
    TimelineEvent,
    two_teams,
)
from facilitator_app.voting import set_unattributed_votes
from facilitator_app.workspace import Workspace
from storage import SqliteStore

TOTALS_SLACK = 1.0  # the promise: a crash loses at most one second of speaking time
EPSILON = 1e-6
Op = tuple[Any, ...]


# ---- the script ------------------------------------------------------------------------------


def template_session() -> Session:
    at = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    session = Session("Crash harness", two_teams("Payments", "Edge"), timebox_minutes=30)
    session.events = [
        TimelineEvent(at, Lane.A, "deploy bot", "Deploy 1"),
        TimelineEvent(at + timedelta(minutes=3), Lane.B, "on-call", "Paged"),
    ]
    session.factors = [ContributingFactor("Retry storm", FactorOwner.INTERACTION)]
    return session


def make_template(path: Path) -> int:
    store = SqliteStore.open(path)
    try:
        return store.create_session(template_session())
    finally:
        store.close()


def script(seed: int, length: int) -> list[Op]:
    rng = random.Random(seed)
    ops: list[Op] = [("floor", "A"), ("clock",)]
    while len(ops) < length:
        i = len(ops)
        kind = rng.choices(
            ["tick", "floor", "clock", "phase", "obs", "vote", "action"],
            weights=[8, 5, 1, 1, 2, 2, 2],
        )[0]
        if kind == "tick":
            ops.append(("tick", round(rng.uniform(0.05, 0.9), 3)))
        elif kind == "floor":
            ops.append(("floor", rng.choice("ABFX0")))
        elif kind == "clock":
            ops.append(("clock",))
        elif kind == "phase":
            ops.append(("phase", rng.choice((1, 1, -1))))
        elif kind == "obs":
            ops.append(("obs", rng.randrange(2), rng.choice("AB"), f"obs-{i}"))
        elif kind == "vote":
            ops.append(("vote", i))
        else:
            ops.append(("action", f"action-{i}"))
    return ops


@dataclass
class Replayer:
    """The real persistence stack, driven by the script."""

    store: SqliteStore
    workspace: Workspace
    engine: MeetingEngine
    clock: ManualClock

    @classmethod
    def open(cls, path: Path, session_id: int) -> Replayer:
        store = SqliteStore.open(path)
        workspace = Workspace(store, store.load_session(session_id))
        clock = ManualClock()
        return cls(store, workspace, MeetingEngine(workspace, clock), clock)

    def apply(self, op: Op) -> None:
        e = self.engine
        kind = op[0]
        if kind == "tick":
            self.clock.advance(op[1])
            e.tick()
        elif kind == "floor":
            which = op[1]
            if which in "AB":
                e.toggle_team(Lane(which))
            elif which == "F":
                e.set_floor(FACILITATOR)
            elif which == "X":
                e.set_floor(CROSSTALK)
            else:
                e.set_floor(NOBODY)
        elif kind == "clock":
            e.toggle_clock()
        elif kind == "phase":
            e.request_phase_change(op[1], confirmed=True)
        elif kind == "obs":
            event = self.workspace.session.sorted_events()[op[1]]
            lane = Lane(op[2])
            observations = dict(event.observations)
            observations[lane] = Observation(lane, op[3])
            self.workspace.update(event, observations=observations)
        elif kind == "vote":
            set_unattributed_votes(self.workspace, self.workspace.session.factors[0], op[1])
        elif kind == "action":
            self.workspace.add(ActionItem(ActionKind.TEAM, op[1], owner="Ana", lane=Lane.A))


# ---- what is durable -------------------------------------------------------------------------


@dataclass(frozen=True)
class Durable:
    """The part of the file the script changes, read through a separate connection."""

    state: tuple[Any, ...]
    totals: dict[str, float]


def read_durable(path: Path) -> Durable:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        clock = conn.execute(
            "SELECT c.state, c.holder, c.lane, p.key FROM meeting_clock c "
            "LEFT JOIN phase p ON p.id = c.phase_id"
        ).fetchall()
        actions = sorted(r[0] for r in conn.execute("SELECT description FROM action_item"))
        observations = sorted(
            conn.execute(
                "SELECT e.description, o.lane, o.saw FROM observation o "
                "JOIN timeline_event e ON e.id = o.event_id"
            ).fetchall()
        )
        votes = conn.execute("SELECT votes FROM factor").fetchall()
        totals: dict[str, float] = {}
        for holder, lane, seconds in conn.execute(
            "SELECT holder, lane, coalesce(seconds, 0) FROM speaking_interval"
        ):
            key = f"team_{lane.lower()}" if lane and holder in ("team", "attendee") else holder
            totals[key] = totals.get(key, 0.0) + seconds
    finally:
        conn.close()
    return Durable((tuple(clock), tuple(actions), tuple(observations), tuple(votes)), totals)


def reference(template: Path, work: Path, session_id: int, ops: list[Op]) -> list[Durable]:
    """The durable state before any change ([0]) and after each change ([i + 1])."""
    path = work / "reference.db"
    shutil.copyfile(template, path)
    replay = Replayer.open(path, session_id)
    states = [read_durable(path)]
    try:
        for op in ops:
            replay.apply(op)
            states.append(read_durable(path))
    finally:
        replay.store.close()
    return states


# ---- one kill --------------------------------------------------------------------------------


def _child(path: Path, session_id: int, ops: list[Op], fd: int) -> None:
    """Never returns: `os._exit` keeps the forked copy of pytest from running anything more."""
    status = 0
    try:
        replay = Replayer.open(path, session_id)
        os.write(fd, b"ready\n")
        for i, op in enumerate(ops):
            replay.apply(op)
            os.write(fd, f"ack {i}\n".encode())
        os.write(fd, b"done\n")
        time.sleep(60)  # the parent kills us
    except BaseException as exc:
        os.write(fd, f"error {type(exc).__name__}: {exc}\n".encode()[:4000])
        status = 1
    finally:
        os._exit(status)


def fork_and_kill(
    target: Callable[[int], None], rng: random.Random, *, kill_after: int, jitter: float
) -> list[str]:
    """Run `target(write_fd)` in a forked child, SIGKILL it after `kill_after` lines (plus up
    to `jitter` seconds), and return every line it managed to write."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        gc.disable()  # a collection would touch (and copy) every page of the forked parent
        os.close(read_fd)
        try:
            target(write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    buffer = b""
    lines = 0
    with os.fdopen(read_fd, "rb", buffering=0) as pipe:
        while lines < kill_after:
            chunk = pipe.read(4096)
            if not chunk:
                break
            buffer += chunk
            lines = buffer.count(b"\n")
        if jitter:
            time.sleep(rng.uniform(0, jitter))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        buffer += pipe.read()  # acks written before the kill are acknowledged too
    return buffer.decode(errors="replace").splitlines()


@dataclass
class KillResult:
    acked: int  # index of the last acknowledged change; -1: none
    lines: list[str]
    in_flight_landed: bool  # the change being made when the kill came was committed


def kill_meeting(
    template: Path,
    work: Path,
    session_id: int,
    ops: list[Op],
    states: list[Durable],
    rng: random.Random,
    run: int,
) -> KillResult:
    path = work / f"kill-{run}.db"
    shutil.copyfile(template, path)
    kill_after = rng.randrange(1, len(ops) + 1)
    lines = fork_and_kill(
        lambda fd: _child(path, session_id, ops, fd), rng, kill_after=kill_after, jitter=0.002
    )
    errors = [ln for ln in lines if ln.startswith("error")]
    assert not errors, errors
    acks = [int(ln.split()[1]) for ln in lines if ln.startswith("ack ")]
    acked = max(acks, default=-1)
    landed = check_after_kill(path, states, acked, len(ops))
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return KillResult(acked, lines, landed)


def check_after_kill(path: Path, states: list[Durable], acked: int, count: int) -> bool:
    """Raises AssertionError on a broken promise; True when the change in flight landed."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    store = SqliteStore.open(path)  # the real opening: nothing moved aside, no error
    try:
        assert not store.notices, store.notices
    finally:
        store.close()
    found = read_durable(path)
    acknowledged = states[acked + 1]
    in_flight = states[min(acked + 2, count)]
    assert found.state in (acknowledged.state, in_flight.state), (acked, found, acknowledged)
    for key in set(found.totals) | set(acknowledged.totals):
        have = found.totals.get(key, 0.0)
        ack = acknowledged.totals.get(key, 0.0)
        assert ack - EPSILON <= have <= ack + TOTALS_SLACK + EPSILON, (key, have, ack, acked)
    return found.state != acknowledged.state


# ---- kills during a migration and an export --------------------------------------------------


def kill_during_export(template: Path, work: Path, session_id: int, rng: random.Random) -> str:
    """SIGKILL while `export` writes over an earlier export: the file is the old one or the
    whole new one, never a mix; the database is untouched."""
    from facilitator_app.atomic_write import write_atomically
    from facilitator_app.exports.formats import FORMATS

    db = work / "export.db"
    if not db.exists():
        shutil.copyfile(template, db)
    target = work / "export.json"
    old = b'{"old": true}\n'
    target.write_bytes(old)

    def child(fd: int) -> None:
        store = SqliteStore.open(db)
        session = store.load_session(session_id)
        data = FORMATS["json"].render(session)
        os.write(fd, b"ready\n")
        for _ in range(50):
            write_atomically(target, data)
            os.write(fd, b"wrote\n")
        os._exit(0)

    lines = fork_and_kill(child, rng, kill_after=1, jitter=0.03)
    content = target.read_bytes()
    assert content == old or (content.startswith(b"{") and content.rstrip().endswith(b"}"))
    if content != old:
        import json

        json.loads(content)  # whole, parseable
    for leftover in work.glob(".export.json.*.tmp"):
        leftover.unlink()
    return "old" if content == old else f"new after {len(lines)} lines"


def kill_during_migration(work: Path, rng: random.Random) -> int:
    """SIGKILL while a database is created (and migrated) by `SqliteStore.open`: the next open
    finds a sound database at the current version, or a fresh start; never an error."""
    from storage import schema

    path = work / "migrate.db"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for leftover in work.glob("migrate.db.*"):
        leftover.unlink()
    prepare_old_version(path)

    def child(fd: int) -> None:
        os.write(fd, b"ready\n")
        store = SqliteStore.open(path)
        os.write(fd, b"opened\n")
        store.close()
        os._exit(0)

    fork_and_kill(child, rng, kill_after=1, jitter=0.02)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    store = SqliteStore.open(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        titles = [s.title for s in store.list_sessions()]
        if len(schema.MIGRATIONS) > 1:
            assert titles == ["Before the upgrade"], titles  # nothing lost by the migration
    finally:
        store.close()
    return schema.SCHEMA_VERSION


def prepare_old_version(path: Path) -> None:
    """A database one schema version behind, holding a session; or nothing if there is only
    one version (then the kill lands while the database is created)."""
    from storage import schema

    if len(schema.MIGRATIONS) < 2:
        return
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        for statements in schema.MIGRATIONS[:-1]:
            for statement in statements:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION - 1}")
        conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        now = "2026-03-02T09:00:00+00:00"
        conn.execute(
            "INSERT INTO session (id, title, created_at, updated_at) VALUES (1, ?, ?, ?)",
            ("Before the upgrade", now, now),
        )
        conn.execute("INSERT INTO team (session_id, lane, name, colour) VALUES (1, 'A', 'P', '')")
        conn.execute("INSERT INTO team (session_id, lane, name, colour) VALUES (1, 'B', 'E', '')")
        conn.commit()
    finally:
        conn.close()


# ---- many kills ------------------------------------------------------------------------------


@dataclass
class Summary:
    kills: int = 0
    acked_changes: int = 0
    in_flight_landed: int = 0
    migration_kills: int = 0
    export_kills: int = 0


def run_kills(
    work: Path,
    kills: int,
    *,
    seed: int = 16,
    script_length: int = 24,
    kills_per_script: int = 25,
) -> Summary:
    """`kills` kills of scripted meetings, plus one kill in a migration and one in an export
    for every script."""
    rng = random.Random(seed)
    template = work / "template.db"
    session_id = 1 if template.exists() else make_template(template)
    summary = Summary()
    gc.freeze()  # the parent's objects stay out of the children's way (copy-on-write)
    try:
        _kill_loop(work, template, session_id, kills, rng, summary, script_length, kills_per_script)
    finally:
        gc.unfreeze()
    return summary


def _kill_loop(
    work: Path,
    template: Path,
    session_id: int,
    kills: int,
    rng: random.Random,
    summary: Summary,
    script_length: int,
    kills_per_script: int,
) -> None:
    while summary.kills < kills:
        ops = script(rng.randrange(2**31), script_length)
        states = reference(template, work, session_id, ops)
        for _ in range(min(kills_per_script, kills - summary.kills)):
            result = kill_meeting(template, work, session_id, ops, states, rng, summary.kills)
            summary.kills += 1
            summary.acked_changes += result.acked + 1
            summary.in_flight_landed += result.in_flight_landed
        kill_during_migration(work, rng)
        summary.migration_kills += 1
        kill_during_export(template, work, session_id, rng)
        summary.export_kills += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    import tempfile

    started = time.perf_counter()
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None  # a process crash: no fsync cost
    with tempfile.TemporaryDirectory(prefix="facilitator-soak-", dir=shm) as tmp:
        summary = run_kills(Path(tmp), args.kills, seed=args.seed)
    elapsed = time.perf_counter() - started
    print(
        f"seed {args.seed}: {summary.kills} kills of a meeting "
        f"({summary.acked_changes} acknowledged changes checked, {summary.in_flight_landed} "
        "kills after a commit and before its ack), "
        f"{summary.migration_kills} during a migration, {summary.export_kills} during an "
        f"export; no failure; {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
