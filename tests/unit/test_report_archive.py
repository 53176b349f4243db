"""The organisation's archive: one file per review by UUID, the newest revision counted once."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_app import session_json
from facilitator_app.cli import main
from facilitator_app.model import Session
from facilitator_app.report.archive import publish, read_archive
from facilitator_app.report.gather import latest_revisions
from facilitator_app.sample_history import sample_history
from storage import SqliteStore, schema

TODAY = date(2026, 12, 6)


@pytest.fixture
def history() -> list[Session]:
    return sample_history(11, today=TODAY, count=6)


def revised(session: Session, hours: int, title: str) -> Session:
    copy = session_json.loads(session_json.dumps(session))
    copy.revised_at = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(hours=hours)
    copy.title = title
    return copy


def test_publish_writes_one_file_named_by_uuid_and_a_newer_revision_replaces_it(tmp_path, history):
    first = revised(history[0], 1, "first")
    path, written = publish(first, tmp_path)
    assert written and path.name == f"{first.uuid}.json"
    path, written = publish(revised(history[0], 2, "second"), tmp_path)
    assert written
    assert [p.name for p in tmp_path.iterdir()] == [f"{first.uuid}.json"]
    assert json.loads(path.read_text())["session"]["title"] == "second"


def test_an_older_revision_published_after_a_newer_one_changes_nothing(tmp_path, history):
    path, _ = publish(revised(history[0], 5, "newer"), tmp_path)
    before = path.read_bytes()
    _, written = publish(revised(history[0], 1, "older"), tmp_path)
    assert not written
    assert path.read_bytes() == before


def test_duplicates_count_once_and_the_latest_revision_wins(tmp_path, history):
    (tmp_path / "a-copy.json").write_text(session_json.dumps(revised(history[0], 1, "old")))
    (tmp_path / "b-copy.json").write_text(session_json.dumps(revised(history[0], 9, "new")))
    (tmp_path / "c-copy.json").write_text(session_json.dumps(revised(history[0], 3, "mid")))
    read = read_archive(tmp_path)
    assert read.files == 3 and not read.problems
    (only,) = latest_revisions(read.sessions)
    assert only.title == "new"


def test_the_local_copy_and_the_archive_copy_are_one_review(history):
    local = revised(history[1], 4, "local")
    archived = revised(history[1], 2, "archived")
    assert [s.title for s in latest_revisions([local], [archived])] == ["local"]
    assert [s.title for s in latest_revisions([archived], [local])] == ["local"]


def test_bad_files_are_reported_by_name_and_skipped(tmp_path, history):
    publish(history[0], tmp_path)
    (tmp_path / "corrupt.json").write_text('{"format": "facilitator-session", "vers')
    newer = json.loads(session_json.dumps(history[1]))
    newer["version"] = 2
    (tmp_path / "from-the-future.json").write_text(json.dumps(newer))
    bad_value = json.loads(session_json.dumps(history[2]))
    bad_value["session"]["uuid"] = "not-a-uuid"
    (tmp_path / "bad-uuid.json").write_text(json.dumps(bad_value))
    (tmp_path / "notes.txt").write_text("not a session, not a .json file")
    read = read_archive(tmp_path)
    assert [s.uuid for s in read.sessions] == [history[0].uuid]
    problems = sorted(read.problems)
    assert problems[0].startswith("bad-uuid.json") and "session.uuid" in problems[0]
    assert problems[1].startswith("corrupt.json") and "not valid JSON" in problems[1]
    assert problems[2].startswith("from-the-future.json") and "version 2" in problems[2]


def test_a_thousand_files(tmp_path):
    reviews = sample_history(3, today=TODAY, count=40)
    for i in range(1000):
        session = reviews[i % 40]
        if i >= 40:  # the rest are later revisions of the same 40 reviews
            session.revised_at = datetime(2027, 1, 1, tzinfo=UTC) + timedelta(minutes=i)
        (tmp_path / f"{i:04d}.json").write_text(session_json.dumps(session))
    read = read_archive(tmp_path)
    assert read.files == 1000 and not read.problems
    latest = latest_revisions(read.sessions)
    assert len(latest) == 40
    newest = {s.uuid: s.revised_at for s in latest}
    assert newest[reviews[0].uuid] == datetime(2027, 1, 1, tzinfo=UTC) + timedelta(minutes=960)


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_publish_from_two_databases_then_report_counts_each_review_once(tmp_path, capsys):
    archive = tmp_path / "archive"
    archive.mkdir()
    reviews = sample_history(5, today=TODAY, count=8)
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    for db, chosen in ((first, reviews[:5]), (second, reviews[3:])):  # 3 and 4 in both
        store = SqliteStore.open(db)
        try:
            for s in chosen:
                store.create_session(session_json.loads(session_json.dumps(s)))
        finally:
            store.close()
        for session_id in range(1, len(chosen) + 1):
            status, _, err = run(capsys, "--db", db, "publish", session_id, archive)
            assert status == 0 and ("published" in err or "newer revision" in err)
    assert len(list(archive.glob("*.json"))) == 8
    (archive / "broken.json").write_text("{")
    status, out, err = run(
        capsys, "--db", first, "report", "--archive", archive, "--since", "2026-01-01"
    )
    assert status == 0
    assert "- **Reviews:** 8" in out
    assert "- **Archive files read:** 9" in out
    assert "broken.json" in err and "broken.json" in out


def test_publish_into_a_missing_folder_is_a_one_line_error(tmp_path, capsys):
    db = tmp_path / "one.db"
    run(capsys, "--db", db, "new-session", "--title", "T", "--team-a", "A", "--team-b", "B")
    status, _, err = run(capsys, "--db", db, "publish", 1, tmp_path / "nowhere")
    assert status == 2
    assert err.count("\n") == 1 and "nowhere" in err


def test_the_migration_gives_every_existing_session_a_uuid(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        m.setattr(schema, "SCHEMA_VERSION", 1)
        store = SqliteStore.open(path)
        try:
            for title in ("one", "two"):
                store.conn.execute(
                    "INSERT INTO session (title, created_at, updated_at) VALUES (?, ?, ?)",
                    (title, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00"),
                )
            store.conn.commit()
        finally:
            store.close()
    store = SqliteStore.open(path)
    try:
        rows = store.conn.execute("SELECT uuid FROM session ORDER BY id").fetchall()
    finally:
        store.close()
    ids = [uuid.UUID(r[0]) for r in rows]
    assert len(set(ids)) == 2 and all(u.version == 4 for u in ids)
    assert [str(u) for u in ids] == [r[0] for r in rows]  # canonical, lower-case


def test_importing_the_same_file_twice_makes_a_second_review(tmp_path, history):
    store = SqliteStore.open(tmp_path / "x.db")
    try:
        text = session_json.dumps(history[0])
        a = store.create_session(session_json.loads(text))
        b = store.create_session(session_json.loads(text))
        assert store.load_session(a).uuid == history[0].uuid
        assert store.load_session(b).uuid != history[0].uuid
    finally:
        store.close()


def test_an_archive_path_that_is_a_file_is_refused(tmp_path: Path):
    from facilitator_app.errors import UserError

    (tmp_path / "f").write_text("x")
    with pytest.raises(UserError, match="not a folder"):
        read_archive(tmp_path / "f")


def test_loading_every_session_at_once_equals_loading_each(tmp_path):
    from tests.helpers.sessions import snapshot

    store = SqliteStore.open(tmp_path / "all.db")
    try:
        for s in sample_history(8, today=TODAY, count=5):
            store.create_session(s)
        every = store.load_all_sessions()
        assert [snapshot(s) for s in every] == [
            snapshot(store.load_session(i)) for i in range(1, 6)
        ]
        assert [s.uuid for s in every] == [store.load_session(i).uuid for i in range(1, 6)]
    finally:
        store.close()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(data, prefix=()):  # type: ignore[no-untyped-def]
    """Every key path of a JSON document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data(), JSON_VALUES)
def test_a_damaged_file_is_read_or_reported_never_a_crash(tmp_path, data, replacement):
    """Any value anywhere in a session file: the review is read, or the file named and skipped."""
    session = sample_history(9, today=TODAY, count=1)[0]
    document = json.loads(session_json.dumps(session))
    path = data.draw(st.sampled_from(list(_paths(document))))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    folder = tmp_path / "damaged"
    folder.mkdir(exist_ok=True)
    (folder / "one.json").write_text(json.dumps(document))
    read = read_archive(folder)
    assert len(read.sessions) + len(read.problems) == 1
    for problem in read.problems:
        assert problem.startswith("one.json") and "\n" not in problem


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_reported(tmp_path, content):
    folder = tmp_path / "bytes"
    folder.mkdir(exist_ok=True)
    (folder / "x.json").write_bytes(content)
    read = read_archive(folder)
    assert len(read.sessions) + len(read.problems) == 1
