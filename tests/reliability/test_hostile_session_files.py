"""Hostile session files for `import-session`: our own error, or a whole import; bounded memory.

Hypothesis starts from a real session file and puts hostile values anywhere in it (wrong
types, huge and non-finite numbers, deep nesting, control characters, `javascript:` links,
unknown enum values, dangling references, very long text). Every file must either import whole
or be refused with a UserError (the CLI's one line and exit 2), leaving the database as it was.
Peak memory is measured in child processes with resource.getrusage on the largest inputs.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_app import session_json
from facilitator_app.errors import UserError
from storage import SqliteStore
from tests.helpers.sessions import rich_session

REPO = Path(__file__).resolve().parents[2]
BASE = json.loads(session_json.dumps(rich_session()))

HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([1e308, -1e308, 10**400, 2**63, -(2**63) - 1, 0.5, -0.0]),
    st.text(max_size=30),
    st.sampled_from(
        [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "\x00\x1b[2J\x07",
            "A" * 20_000,
            "9999-12-31T23:59:59+00:00",
            "0001-01-01T00:00:00-23:59",
            "2026-13-45T25:61:61Z",
            "",
            "١",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.just([[[[[[[[[[]]]]]]]]]]),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


PATHS = [p for p in _paths(BASE) if p]


@st.composite
def hostile_files(draw: st.DrawFn) -> str:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = draw(HOSTILE_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    text = json.dumps(data, allow_nan=True)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut]  # a truncated file
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_files())
def test_a_hostile_session_file_is_our_error_or_a_whole_session(text: str) -> None:
    try:
        session = session_json.loads(text, file="hostile.json")
    except UserError as exc:
        assert "\n" not in exc.message and exc.message.startswith("hostile.json")
        return
    again = session_json.loads(session_json.dumps(session), file="again.json")  # it round-trips
    assert again.title == session.title


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=hostile_files())
def test_a_refused_file_leaves_the_database_as_it_was(tmp_path: Path, text: str) -> None:
    db = tmp_path / "x.db"
    store = SqliteStore.open(db)
    try:
        before = len(store.list_sessions())
        try:
            session = session_json.loads(text, file="hostile.json")
        except UserError:
            assert len(store.list_sessions()) == before
            return
        store.create_session(session)  # a file the model accepts is stored whole
        assert len(store.list_sessions()) == before + 1
    finally:
        store.close()


# ---- bounded memory --------------------------------------------------------------------------


_MEASURE = """
import resource, sys
from facilitator_app.cli import main
status = main(sys.argv[1:])
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{status} {peak_kb}")
"""


def _peak(argv: list[str], stdin: Any = subprocess.DEVNULL) -> tuple[int, int]:
    """(exit status, peak resident memory in MB) of one command in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv],
        cwd=REPO,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=300,  # a safety net against a hang, not a measurement
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (2**31, 2**31)),
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    status, peak_kb = done.stdout.split()[-2:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    return int(status), int(peak_kb) // 1024


@pytest.fixture(scope="module")
def baseline_mb(tmp_path_factory: pytest.TempPathFactory) -> int:
    db = tmp_path_factory.mktemp("baseline") / "x.db"
    return _peak(["--db", str(db), "sessions"])[1]


@pytest.mark.parametrize(
    "name, content",
    [
        ("long-string.json", lambda: '{"format": "' + "A" * 40_000_000 + '"}'),
        ("deep.json", lambda: "[" * 5_000_000 + "]" * 5_000_000),
        (
            "many-events.json",
            lambda: json.dumps({**BASE, "timeline": [BASE["timeline"][0]] * 15_000}),
        ),
        ("huge-number.json", lambda: '{"session": ' + "9" * 30_000_000 + "}"),
    ],
)
def test_peak_memory_is_bounded_by_the_input_cap(
    tmp_path: Path, baseline_mb: int, name: str, content: Any
) -> None:
    path = tmp_path / name
    path.write_text(content())
    size_mb = path.stat().st_size / 2**20
    status, peak_mb = _peak(["--db", str(tmp_path / "x.db"), "import-session", str(path)])
    assert status in (0, 2)
    # a few copies of the input at most (bytes, text, parsed), never growing without bound
    assert peak_mb - baseline_mb < 12 * size_mb + 64, (name, peak_mb, baseline_mb, size_mb)


def test_endless_input_stays_within_the_cap(tmp_path: Path, baseline_mb: int) -> None:
    with open("/dev/zero", "rb") as zero:
        status, peak_mb = _peak(
            ["--db", str(tmp_path / "x.db"), "import-session", "-"], stdin=zero.fileno()
        )
    assert status == 2
    assert peak_mb - baseline_mb < 3 * 64 + 32, peak_mb  # the 64 MB cap, read in chunks


@pytest.mark.parametrize(
    "fmt, content",
    [
        (
            "csv",
            lambda: (
                "timestamp,team,actor,event\n"
                + "2026-01-01T00:00:00Z,A,x,"
                + "A" * 30_000_000
                + "\n"
            ),
        ),
        ("jsonl", lambda: '{"a": "' + "b" * 30_000_000 + '"}\n'),
    ],
)
def test_import_timeline_peak_memory_is_bounded_too(
    tmp_path: Path, baseline_mb: int, fmt: str, content: Any
) -> None:
    db = tmp_path / "x.db"
    store = SqliteStore.open(db)
    session_id = store.create_session(rich_session())
    store.close()
    path = tmp_path / f"events.{fmt}"
    path.write_text(content())
    size_mb = path.stat().st_size / 2**20
    status, peak_mb = _peak(["--db", str(db), "import-timeline", str(session_id), str(path)])
    assert status == 2
    assert peak_mb - baseline_mb < 12 * size_mb + 64, (fmt, peak_mb, baseline_mb, size_mb)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["description", "kind", "owner", "lead", "due", "test", "created", "x"]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=30)), max_size=5))
def test_hostile_action_item_lines_are_our_error_or_checked(lines: list[str]) -> None:
    import io

    from facilitator_app.subcommands.actions import read_jsonl

    try:
        items = read_jsonl(io.StringIO("\n".join(lines)))
    except UserError as exc:
        assert "\n" not in exc.message and exc.message.startswith("<stdin>")
        return
    assert all(spec.description for _, spec in items)
