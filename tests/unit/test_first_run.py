"""The first run: an empty database offers a start; the choice is carried out on the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app import session_json
from facilitator_app.errors import UserError
from facilitator_app.first_run import Start, StartChoice, carry_out, needs_welcome
from facilitator_app.model import Session, two_teams
from storage import SqliteStore
from tests.helpers.sessions import rich_session


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = SqliteStore.open(tmp_path / "first.db")
    yield opened
    opened.close()


def test_only_an_empty_database_without_a_requested_session_gets_the_welcome(store) -> None:  # type: ignore[no-untyped-def]
    assert needs_welcome(store, None)
    assert not needs_welcome(store, 7)  # `--session 7` is an answer already
    store.create_session(Session("Checkout outage", two_teams("Payments", "Edge")))
    assert not needs_welcome(store, None)


def test_a_new_session_is_created_and_its_id_returned(store) -> None:  # type: ignore[no-untyped-def]
    session = Session("Checkout outage", two_teams("Payments", "Edge"))
    new_id = carry_out(store, Start(StartChoice.NEW_SESSION, session=session))
    assert new_id is not None
    assert store.load_session(new_id).title == "Checkout outage"


def test_an_imported_session_arrives_whole(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original = rich_session()
    file = tmp_path / "handed-over.json"
    file.write_text(session_json.dumps(original), encoding="utf-8")
    new_id = carry_out(store, Start(StartChoice.IMPORT_SESSION, file=file))
    assert new_id is not None
    loaded = store.load_session(new_id)
    assert loaded.title == original.title
    assert len(loaded.events) == len(original.events)


def test_a_bad_file_names_itself_and_writes_nothing(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "broken.json"
    file.write_text('{"format": "facilitator-session", "version": 1, "session": 3}')
    with pytest.raises(UserError) as raised:
        carry_out(store, Start(StartChoice.IMPORT_SESSION, file=file))
    assert "broken.json" in str(raised.value)
    assert store.list_sessions() == []


def test_demo_and_quit_create_nothing(store) -> None:  # type: ignore[no-untyped-def]
    assert carry_out(store, Start(StartChoice.OPEN_DEMO)) is None
    assert carry_out(store, Start(StartChoice.QUIT)) is None
    assert store.list_sessions() == []
