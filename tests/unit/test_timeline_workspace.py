"""Timeline edits through the workspace: import, walk, tags, observations, links, all undoable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator_app.errors import ValidationError
from facilitator_app.model import Awareness, Lane, Note, Tag, TimelineEvent
from facilitator_app.safe_url import is_safe_http_url, safe_http_url
from facilitator_app.timeline.edit import add_event, link_events, set_observation, set_source_url
from facilitator_app.timeline.importing import ImportOptions, parse_timeline
from facilitator_app.timeline.walk import (
    current_event,
    first_event,
    last_event,
    neighbourhood,
    next_event,
    ordered_events,
    previous_event,
    toggle_tag,
)
from facilitator_app.workspace import Part, Workspace
from storage import SqliteStore
from tests.helpers.timeline_fixtures import open_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "w.db")
    yield workspace
    workspace.store.close()  # type: ignore[attr-defined]


def stored(ws: Workspace):  # type: ignore[no-untyped-def]
    """The session as the database has it now (what a crash would leave)."""
    return ws.store.load_session(ws.session_id)


def descriptions(events: list[TimelineEvent]) -> list[str]:
    return [e.description for e in sorted(events, key=lambda e: e.sort_key)]


def test_import_is_one_undo_step_and_persisted_each_way(ws: Workspace) -> None:
    data = (
        b"timestamp,team,event\n2026-11-10T13:09:00Z,Payments,tie after existing\n"
        b"2026-11-10T13:09:00Z,Edge Platform,second tie\n"
    )
    result = parse_timeline(data, file="x.csv", teams=ws.session.teams, options=ImportOptions())
    seen: list[frozenset[Part]] = []
    ws.subscribe(seen.append)
    ws.import_events(result.events)
    after = descriptions(stored(ws).events)
    # 13:09 UTC ties with two existing events (14:09 CET): the new ones come after, file order.
    at_nine = [
        d
        for d in after
        if d in ("tie after existing", "second tie") or "v41" in d or "429s rise" in d
    ]
    assert at_nine == [
        "Payments rolls back its own deploy v41 -> v40",
        "Edge lead sees 429s rise in the edge logs",
        "tie after existing",
        "second tie",
    ]
    assert seen[-1] == {Part.TIMELINE}
    assert ws.undo() == "Import events"
    assert len(stored(ws).events) == 10 and len(ws.session.events) == 10
    ws.redo()
    assert len(stored(ws).events) == 12
    assert descriptions(ws.session.events) == descriptions(stored(ws).events)


def test_walking_next_and_previous_stops_at_the_ends(ws: Workspace) -> None:
    order = [e.id for e in ordered_events(ws)]
    assert ws.current_event_id == order[0]
    assert previous_event(ws) is not None and ws.current_event_id == order[0]
    for expected in order[1:]:
        next_event(ws)
        assert ws.current_event_id == expected
    next_event(ws)
    assert ws.current_event_id == order[-1]
    first_event(ws)
    assert ws.current_event_id == order[0]
    last_event(ws)
    previous_event(ws)
    assert ws.current_event_id == order[-2]


def test_walking_with_no_current_event_starts_at_an_end(ws: Workspace) -> None:
    order = [e.id for e in ordered_events(ws)]
    ws.set_current_event(None)
    next_event(ws)
    assert ws.current_event_id == order[0]
    ws.set_current_event(None)
    previous_event(ws)
    assert ws.current_event_id == order[-1]


def test_toggle_tag_on_the_current_event_and_undo(ws: Workspace) -> None:
    next_event(ws)  # "Deploy dashboards green", no tags
    assert toggle_tag(ws, Tag.LOCALLY_CORRECT) is True
    event = current_event(ws)
    assert event is not None and Tag.LOCALLY_CORRECT.value in event.tags
    assert Tag.LOCALLY_CORRECT.value in next(e for e in stored(ws).events if e.id == event.id).tags
    assert toggle_tag(ws, "locally-correct-globally-unexpected") is False
    assert event.tags == []
    ws.undo()
    assert event.tags == [Tag.LOCALLY_CORRECT.value]


def test_there_is_one_divergence_point_and_moving_it_is_one_undo_step(ws: Workspace) -> None:
    def marked() -> list[str]:
        return [e.description for e in ws.session.events if Tag.DIVERGENCE.value in e.tags]

    assert marked() == ["Checkout error rate alert fires (5xx at 12%)"]
    first_event(ws)
    toggle_tag(ws, Tag.DIVERGENCE)
    assert marked() == ["Rate limit config v2 deployed to the edge"]
    assert [e.description for e in stored(ws).events if Tag.DIVERGENCE.value in e.tags] == (
        marked()
    )
    ws.undo()
    assert marked() == ["Checkout error rate alert fires (5xx at 12%)"]


def test_toggle_tag_without_a_current_event_does_nothing(ws: Workspace) -> None:
    ws.set_current_event(None)
    assert toggle_tag(ws, Tag.DIVERGENCE) is None
    assert not ws.undo_stack.can_undo()


def test_neighbourhood_has_each_lanes_events_around_the_current_one(ws: Workspace) -> None:
    for _ in range(4):
        next_event(ws)  # "Payments rolls back its own deploy v41 -> v40"
    around = neighbourhood(ws, per_lane=2)
    assert around.current is not None and "rolls back" in around.current.description
    assert descriptions(around.before[Lane.A]) == [
        "Checkout error rate alert fires (5xx at 12%)",
        "Payments on-call acknowledges the page",
    ]
    assert descriptions(around.before[Lane.B]) == [
        "Rate limit config v2 deployed to the edge",
        "Deploy dashboards green",
    ]
    assert descriptions(around.after[Lane.B]) == [
        "Edge lead sees 429s rise in the edge logs",
        "Edge on-call joins the payments channel",
    ]
    assert descriptions(around.after[Lane.A]) == [
        "Payments opens an incident channel",
        "Error rate back to baseline",
    ]


def test_observations_of_both_teams_are_edited_with_undo(ws: Workspace) -> None:
    event = ordered_events(ws)[0]
    set_observation(ws, event, Lane.A, saw="Nothing yet", aware=Awareness.NO)
    set_observation(ws, event, Lane.B, aware="yes")
    reloaded = next(e for e in stored(ws).events if e.id == event.id)
    assert reloaded.observation(Lane.A).saw == "Nothing yet"
    assert reloaded.observation(Lane.B).aware_of_other is Awareness.YES
    ws.undo()
    assert event.observation(Lane.B).aware_of_other is Awareness.NO  # from the fixture
    set_observation(ws, event, Lane.A, saw="", aware=Awareness.UNKNOWN)
    assert Lane.A not in event.observations


def test_deleting_an_event_lets_go_of_links_and_notes_and_undo_restores_all(ws: Workspace) -> None:
    source = ordered_events(ws)[0]
    note = Note("ask about the canary", event_id=source.id)
    ws.add(note)
    assert any(k.source_id == source.id for k in ws.session.links)
    ws.remove(source, text="Delete event")
    assert not any(source.id in (k.source_id, k.target_id) for k in ws.session.links)
    assert note.event_id is None
    assert stored(ws).notes[0].event_id is None
    assert ws.undo() == "Delete event"
    assert note.event_id == source.id
    again = stored(ws)
    assert any(k.source_id == source.id for k in again.links)
    assert again.notes[0].event_id == source.id
    assert source.id in {e.id for e in again.events}


def test_link_events_only_across_teams_and_only_once(ws: Workspace) -> None:
    events = ordered_events(ws)
    a_event = next(e for e in events if e.lane is Lane.A)
    b_event = next(e for e in events if e.lane is Lane.B and e.description.startswith("Deploy"))
    link = link_events(ws, b_event, a_event, "dashboards lied")
    assert link in stored(ws).links or link.id in {k.id for k in stored(ws).links}
    with pytest.raises(ValidationError, match="already linked"):
        link_events(ws, b_event, a_event)
    other_b = next(e for e in events if e.lane is Lane.B and e is not b_event)
    with pytest.raises(ValidationError, match="other team"):
        link_events(ws, b_event, other_b)
    ws.undo()
    assert link.id not in {k.id for k in stored(ws).links}


def test_add_event_becomes_current_and_sorts_after_its_ties(ws: Workspace) -> None:
    tie = ordered_events(ws)[0].occurred_at
    event = add_event(ws, tie, Lane.A, "Same instant, added later")
    assert ws.current_event_id == event.id
    order = descriptions(ws.session.events)
    assert order.index("Same instant, added later") == 1


def test_add_event_refuses_a_bad_log_link(ws: Workspace) -> None:
    with pytest.raises(ValidationError):
        add_event(ws, datetime(2026, 11, 10, tzinfo=UTC), Lane.A, "x", source_url="javascript:x")
    assert len(ws.session.events) == 10


def test_source_url_is_stored_re_serialised(ws: Workspace) -> None:
    event = ordered_events(ws)[0]
    set_source_url(ws, event, " HTTPS://Logs.Example.com/a?q=x y ".replace(" y", "%20y"))
    assert event.source_url == "https://logs.example.com/a?q=x%20y"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("https://logs.example.com/x", True),
        ("http://10.0.0.1:8080/", True),
        ("http://[::1]/x", True),
        ("https://bücher.example/", True),
        ("javascript:alert(1)", False),
        ("data:text/html,hi", False),
        ("file:///etc/passwd", False),
        ("https:///nohost", False),
        ("https://user@host/", False),
        ("https://host:99999/", False),
        ("https://ho st/", False),
        ("https://host/\x00", False),
        ("", False),
    ],
)
def test_safe_http_url(text: str, ok: bool) -> None:
    assert is_safe_http_url(text) is ok


def test_safe_http_url_re_serialises() -> None:
    assert safe_http_url("https://bücher.example/ä?x=<1>#frag") == (
        "https://xn--bcher-kva.example/%C3%A4?x=%3C1%3E#frag"
    )


def test_display_zone_is_shared_validated_and_remembered(ws: Workspace, tmp_path: Path) -> None:
    assert ws.display_zone == "UTC"
    ws.set_display_zone("Europe/Berlin")
    with pytest.raises(ValidationError):
        ws.set_display_zone("Mars/Base")
    assert ws.store.get_setting("timeline.display_zone") == "Europe/Berlin"


def test_import_undo_moves_current_event_off_removed_events(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "empty.db")
    try:
        for event in list(ws.session.events):
            ws.remove(event)
        assert ws.current_event_id is None
        base = datetime(2026, 11, 10, 13, tzinfo=UTC)
        batch = [TimelineEvent(base + timedelta(minutes=i), Lane.A, "", f"e{i}") for i in range(3)]
        ws.import_events(batch)
        assert ws.current_event_id == batch[0].id
        ws.undo()
        assert ws.current_event_id is None
    finally:
        store = ws.store
        assert isinstance(store, SqliteStore)
        store.close()


@settings(max_examples=400)
@given(st.text(alphabet="htps:/.%?#@[]AZaz09-_~!$&'()*+,;=< >", max_size=40))
def test_the_fast_path_for_links_agrees_with_the_full_check(tail: str) -> None:
    from facilitator_app.safe_url import reserialised

    for text in (tail, f"https://{tail}", f"http://logs.example.com{tail}"):
        try:
            slow: str | None = reserialised(text.strip())
        except ValidationError:
            slow = None
        try:
            fast: str | None = safe_http_url(text)
        except ValidationError:
            fast = None
        assert fast == slow, text
