"""The room's rules without a server: who may propose what, votes, acceptance, attribution,
the join code's lockout, the refusal log and what is pushed to devices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator_app.errors import UserError
from facilitator_app.model import Awareness, FactorOwner, Lane
from facilitator_app.room import ProposalKind, ProposalStatus, Refused, RoomBridge, RoomClosed
from tests.helpers.room import RoomRig, demo_room


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[RoomRig]:
    with demo_room(tmp_path) as r:
        yield r


def current(rig: RoomRig):  # type: ignore[no-untyped-def]
    return next(e for e in rig.workspace.session.events if e.id == rig.workspace.current_event_id)


# ---- joining --------------------------------------------------------------------------------


def test_the_secret_is_long_and_the_code_short_and_readable(rig: RoomRig) -> None:
    assert len(rig.room.secret) >= 32  # 24 bytes, url-safe base64: 192 bits
    assert len(rig.room.code) == 6
    assert not set(rig.room.code) & set("01OIL")


def test_a_second_device_for_the_same_attendee_replaces_the_first(rig: RoomRig) -> None:
    first = rig.join("Amara Diallo")
    rig.room.hello(first)
    second = rig.join("Amara Diallo", client="10.0.0.8")
    assert len(rig.room.participants) == 1
    assert rig.outbox.to(first, "bye") == [{"type": "bye", "reason": "replaced"}]
    with pytest.raises(Refused):
        rig.room.handle(first, {"type": "parked", "text": "x"})
    assert rig.room.handle(second, {"type": "parked", "text": "Canary the limits"})["ok"]


def test_wrong_codes_lock_the_device_then_the_code(rig: RoomRig) -> None:
    gate = rig.room.gate
    for _ in range(gate.per_client_tries):
        with pytest.raises(Refused, match="wrong join code"):
            rig.room.check_code("10.0.0.9", "AAAAAA")
    with pytest.raises(Refused, match="too many wrong codes"):
        rig.room.check_code("10.0.0.9", rig.room.code)  # even the right one, while locked
    rig.time.now += gate.lock_seconds + 1
    assert rig.room.check_code("10.0.0.9", rig.room.code)["roster"]
    for i in range(gate.total_tries):
        with pytest.raises(Refused):
            rig.room.check_code(f"10.1.{i}.1", "AAAAAA")
    with pytest.raises(Refused, match="locked"):
        rig.room.check_code("10.0.0.10", rig.room.code)
    rig.room.new_code()
    assert rig.room.check_code("10.0.0.10", rig.room.code.lower())["teams"]
    assert sum("wrong join code" in line for line in rig.room.refusal_lines()) >= 5


def test_a_guest_joins_with_a_team_and_is_proposed_for_the_roster(rig: RoomRig) -> None:
    token = rig.room.join("10.0.0.3", rig.room.code, name="Sam Guest", lane="B")["token"]
    (guest,) = rig.room.pending()
    assert guest.kind is ProposalKind.GUEST and guest.lane is Lane.B
    rig.to_phase("factors")
    factor = rig.workspace.session.factors[0]
    with pytest.raises(Refused, match="once the facilitator adds you"):
        rig.room.handle(token, {"type": "votes", "dots": {str(factor.id): 1}})
    rig.room.accept(guest.id)
    assert any(a.name == "Sam Guest" and a.lane is Lane.B for a in rig.workspace.session.attendees)
    rig.room.handle(token, {"type": "votes", "dots": {str(factor.id): 1}})
    assert factor.votes >= 1


def test_a_guest_on_a_second_device_is_still_one_roster_proposal(rig: RoomRig) -> None:
    rig.room.join("10.0.0.3", rig.room.code, name="Sam Guest", lane="B")
    phone = rig.room.join("10.0.0.4", rig.room.code, name="sam guest", lane="B")["token"]
    (guest,) = rig.room.pending()
    rig.room.accept(guest.id)
    assert sum(a.name == "Sam Guest" for a in rig.workspace.session.attendees) == 1
    assert rig.room.participants.get(phone).attendee_id == guest.entity_id  # type: ignore[union-attr]


def test_a_roster_member_cannot_join_for_the_other_team(rig: RoomRig) -> None:
    with pytest.raises(Refused, match="is on Payments"):
        rig.room.join("10.0.0.3", rig.room.code, attendee_id=rig.member("Amara Diallo"), lane="B")
    with pytest.raises(Refused, match="pick the name from the list"):
        rig.room.join("10.0.0.3", rig.room.code, name="amara diallo", lane="A")


# ---- proposing, by phase ------------------------------------------------------------------


def test_observation_for_the_current_event_and_own_team_only(rig: RoomRig) -> None:
    rig.to_phase("timeline")
    amara = rig.join("Amara Diallo")  # Payments (A)
    event = current(rig)
    message = {"type": "observation", "event_id": event.id, "saw": "Only a latency alarm"}
    with pytest.raises(Refused, match="only for your own team"):
        rig.room.handle(amara, {**message, "team": "B"})
    reply = rig.room.handle(amara, {**message, "aware": "no"})
    assert reply["ok"]
    other = next(e for e in rig.workspace.session.events if e.id != event.id)
    with pytest.raises(Refused, match="moved on"):
        rig.room.handle(amara, {**message, "event_id": other.id})
    assert "moved on" in rig.room.refusal_lines()[-1]


def test_nothing_reaches_the_session_before_acceptance_then_one_undoable_edit(
    rig: RoomRig,
) -> None:
    rig.to_phase("timeline")
    amara = rig.join("Amara Diallo")
    event = current(rig)
    before = event.observation(Lane.A).saw
    rig.room.handle(
        amara, {"type": "observation", "event_id": event.id, "saw": "Checkout 502s", "aware": "no"}
    )
    assert event.observation(Lane.A).saw == before
    reloaded = rig.workspace.store.load_session(rig.workspace.session_id)
    assert "Checkout 502s" not in str(reloaded.events)
    (proposal,) = rig.room.pending()
    rig.room.accept(proposal.id)
    assert "Checkout 502s" in event.observation(Lane.A).saw
    assert event.observation(Lane.A).aware_of_other is Awareness.NO
    assert rig.workspace.undo_stack.undo_text() == "Observation from Amara Diallo (room)"
    reloaded = rig.workspace.store.load_session(rig.workspace.session_id)
    saved = next(e for e in reloaded.events if e.id == event.id)
    assert "Checkout 502s" in saved.observation(Lane.A).saw  # saved at once
    rig.workspace.undo()
    assert event.observation(Lane.A).saw == before
    assert proposal.status is ProposalStatus.ACCEPTED


def test_proposals_outside_their_phase_are_refused_but_parking_always_works(rig: RoomRig) -> None:
    rig.to_phase("framing")
    keiko = rig.join("Keiko Tanaka")
    with pytest.raises(Refused, match="contributing-factors"):
        rig.room.handle(keiko, {"type": "factor", "text": "Limits not canaried", "owner": "own"})
    assert rig.room.handle(keiko, {"type": "parked", "text": "Canary config changes"})["ok"]


def test_a_factor_is_owned_by_the_own_team_or_the_interaction_never_the_other(
    rig: RoomRig,
) -> None:
    rig.to_phase("factors")
    keiko = rig.join("Keiko Tanaka")  # Edge (B)
    with pytest.raises(Refused, match="Payments names its own factors"):
        rig.room.handle(keiko, {"type": "factor", "text": "Retries too eager", "owner": "A"})
    rig.room.handle(keiko, {"type": "factor", "text": "No shared canary", "owner": "interaction"})
    rig.room.handle(keiko, {"type": "factor", "text": "Limit raised globally", "owner": "own"})
    shared, own = rig.room.pending()
    rig.room.accept(own.id, text="Limit raised globally, not per route")
    rig.room.dismiss(shared.id)
    added = rig.workspace.session.factors[-1]
    assert (added.text, added.owner) == ("Limit raised globally, not per route", FactorOwner.B)
    assert shared.status is ProposalStatus.DISMISSED
    assert not any(f.text == "No shared canary" for f in rig.workspace.session.factors)


def test_a_missing_event_needs_an_http_link_and_becomes_an_event_of_its_team(
    rig: RoomRig,
) -> None:
    rig.to_phase("timeline")
    jonas = rig.join("Jonas Berg")
    base = {"type": "event", "time": "2026-11-10T14:07", "description": "Retry storm began"}
    with pytest.raises(Refused, match="only http and https"):
        rig.room.handle(jonas, {**base, "source_url": "javascript:alert(1)"})
    rig.room.handle(jonas, {**base, "source_url": "https://logs.example.test/q?x=1"})
    (proposal,) = rig.room.pending()
    count = len(rig.workspace.session.events)
    rig.room.accept(proposal.id)
    added = next(e for e in rig.workspace.session.events if e.id == proposal.entity_id)
    assert len(rig.workspace.session.events) == count + 1
    assert (added.lane, added.source_url) == (Lane.A, "https://logs.example.test/q?x=1")
    assert rig.workspace.current_event_id != added.id  # the walk stays where it was


def test_a_link_between_two_events_of_different_teams(rig: RoomRig) -> None:
    rig.to_phase("timeline")
    jonas = rig.join("Jonas Berg")
    events = rig.workspace.session.sorted_events()
    a = next(e for e in events if e.lane is Lane.A)
    b = next(e for e in events if e.lane is Lane.B)
    a2 = next(e for e in events if e.lane is Lane.A and e is not a)
    with pytest.raises(Refused, match="one team's event to the other"):
        rig.room.handle(jonas, {"type": "link", "source_id": a.id, "target_id": a2.id})
    rig.room.handle(jonas, {"type": "link", "source_id": b.id, "target_id": a.id, "note": "429s"})
    (proposal,) = rig.room.pending()
    before = len(rig.workspace.session.links)
    rig.room.accept(proposal.id)
    assert len(rig.workspace.session.links) == before + 1


def test_an_action_item_gets_the_specific_test_verdict_before_and_when_sent(
    rig: RoomRig,
) -> None:
    rig.to_phase("actions")
    amara = rig.join("Amara Diallo")
    vague = {"kind": "team", "description": "Improve communication", "owner": "", "due": ""}
    checked = rig.room.handle(amara, {"type": "check", "draft": vague})
    assert checked["verdict"]["verdict"] == "vague" and checked["verdict"]["reasons"]
    specific = {
        "type": "action",
        "kind": "joint",
        "description": "Joint runbook for rate-limit changes, reviewed in a game day",
        "lead": "Amara Diallo",
        "due": "2026-12-15",
    }
    reply = rig.room.handle(amara, specific)
    assert reply["verdict"]["verdict"] == "specific"
    (proposal,) = rig.room.pending()
    rig.room.accept(proposal.id)
    item = rig.workspace.session.actions[-1]
    assert item.lead == "Amara Diallo" and str(item.due) == "2026-12-15"


def test_blaming_words_come_back_with_a_reframe(rig: RoomRig) -> None:
    rig.to_phase("factors")
    marcus = rig.join("Marcus Webb")
    reply = rig.room.handle(
        marcus, {"type": "check", "draft": {"text": "Payments should have noticed the alarm"}}
    )
    assert reply["findings"] and reply["findings"][0]["suggestion"]


# ---- votes and the poll -------------------------------------------------------------------


def test_dots_count_directly_within_the_budget_and_change_until_voting_closes(
    rig: RoomRig,
) -> None:
    rig.to_phase("factors")
    keiko = rig.join("Keiko Tanaka")
    f1, f2 = rig.workspace.session.factors[:2]
    before = f1.votes, f2.votes
    budget = rig.workspace.session.dots_per_attendee
    with pytest.raises(Refused, match=f"{budget} dots in all"):
        rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): budget + 1}})
    with pytest.raises(Refused, match="only with its own dots"):
        rig.room.handle(
            keiko,
            {"type": "votes", "dots": {str(f1.id): 1}, "attendee_id": rig.member("Amara Diallo")},
        )
    with pytest.raises(Refused, match="only for your own team"):
        rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): 1}, "team": "A"})
    rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): 2, str(f2.id): 1}})
    assert (f1.votes, f2.votes) == (before[0] + 2, before[1] + 1)
    rig.room.handle(keiko, {"type": "votes", "dots": {str(f2.id): 3}})
    assert (f1.votes, f2.votes) == (before[0], before[1] + 3)
    assert rig.room.counts().votes_in == 1
    assert "Keiko Tanaka" not in rig.room.not_voted()
    rig.room.set_voting_open(False)
    with pytest.raises(Refused, match="voting is closed"):
        rig.room.handle(keiko, {"type": "votes", "dots": {}})


def test_with_direct_counting_off_a_ballot_waits_in_the_queue(rig: RoomRig) -> None:
    rig.to_phase("factors")
    rig.room.set_count_directly(False)
    keiko = rig.join("Keiko Tanaka")
    f1 = rig.workspace.session.factors[0]
    before = f1.votes
    rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): 1}})
    rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): 2}})
    (ballot,) = rig.room.pending()
    assert f1.votes == before
    rig.room.accept(ballot.id)
    assert f1.votes == before + 2 and f1.dots[rig.member("Keiko Tanaka")] == 2


def test_the_closing_poll_is_answered_once(rig: RoomRig) -> None:
    rig.to_phase("wrapup")
    ravi = rig.join("Ravi Menon")
    before = rig.workspace.session.poll.learned_yes
    rig.room.handle(ravi, {"type": "poll", "learned": True, "again": False})
    assert rig.workspace.session.poll.learned_yes == before + 1
    with pytest.raises(Refused, match="answered the closing poll already"):
        rig.room.handle(ravi, {"type": "poll", "learned": False, "again": False})


# ---- facilitator's switches and what devices see ------------------------------------------


def test_factors_written_privately_stay_hidden_until_revealed(rig: RoomRig) -> None:
    rig.to_phase("factors")
    rig.room.set_private_factors(True)
    keiko, amara = rig.join("Keiko Tanaka"), rig.join("Amara Diallo")
    rig.room.hello(amara)
    rig.room.handle(keiko, {"type": "factor", "text": "Global limit change", "owner": "own"})
    rig.room.flush()
    assert rig.room.pending() == []
    assert rig.room.counts().hidden == 1
    last = rig.outbox.to(None, "state")[-1]
    assert "Global limit change" not in str(last)
    assert rig.room.reveal_factors() == 1
    rig.room.flush()
    assert "Global limit change" in str(rig.outbox.to(None, "state")[-1]["room_factors"])
    assert [p.summary for p in rig.room.pending()] == [
        "factor (Edge Platform): Global limit change"
    ]


def test_ready_check_counts_and_names_who_is_not_ready(rig: RoomRig) -> None:
    keiko, amara = rig.join("Keiko Tanaka"), rig.join("Amara Diallo")
    check = rig.room.ask_ready()
    rig.room.handle(keiko, {"type": "ready", "id": check})
    counts = rig.room.counts()
    assert (counts.ready, counts.asked) == (1, 2)
    assert rig.room.not_ready() == ["Amara Diallo"]
    assert amara


def test_the_shared_counts_never_name_voters(rig: RoomRig) -> None:
    rig.to_phase("factors")
    keiko = rig.join("Keiko Tanaka")
    rig.room.hello(keiko)
    f1 = rig.workspace.session.factors[0]
    rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): 1}})
    rig.room.flush()
    public = rig.outbox.to(None, "state")[-1]
    assert public["counts"]["votes_in"] == 1 and public["counts"]["joined"] == 1
    assert "Keiko" not in str(public)
    (mine,) = rig.outbox.to(keiko, "you")[-1:]
    assert mine["dots"] == {str(f1.id): 1}


def test_console_edits_are_pushed_once_flushed(rig: RoomRig) -> None:
    from facilitator_app.timeline.walk import next_event

    rig.to_phase("timeline")
    token = rig.join("Jonas Berg")
    rig.room.hello(token)
    rig.room.flush()
    sent = len(rig.outbox.to(None, "state"))
    rig.room.flush()
    assert len(rig.outbox.to(None, "state")) == sent  # nothing changed: nothing pushed
    moved = next_event(rig.workspace)
    rig.room.flush()
    assert rig.outbox.to(None, "state")[-1]["event"]["id"] == moved.id


def test_nothing_is_accepted_after_the_room_closes(rig: RoomRig) -> None:
    token = rig.join("Jonas Berg")
    bridge = RoomBridge(rig.room, lambda: None)
    future = bridge.submit(lambda room: room.handle(token, {"type": "parked", "text": "late"}))
    bridge.close()
    with pytest.raises(RoomClosed):
        future.result(timeout=1)
    with pytest.raises(RoomClosed):
        bridge.submit(lambda room: room.check_code("x", room.code)).result(timeout=1)
    with pytest.raises(Refused):
        rig.room.handle(token, {"type": "parked", "text": "late"})
    assert rig.room.pending() == []


def test_an_edit_that_breaks_a_model_rule_is_refused_and_changes_nothing(rig: RoomRig) -> None:
    rig.to_phase("factors")
    keiko = rig.join("Keiko Tanaka")
    rig.room.handle(keiko, {"type": "factor", "text": "Global limit", "owner": "own"})
    (proposal,) = rig.room.pending()
    count = len(rig.workspace.session.factors)
    with pytest.raises(UserError):
        rig.room.accept(proposal.id, text="   ")
    assert len(rig.workspace.session.factors) == count
    assert proposal.status is ProposalStatus.PENDING and proposal.values["text"] == "Global limit"


def test_the_console_queue_and_the_shared_line_are_worded_in_the_core(rig: RoomRig) -> None:
    from facilitator_app.room.views import queue_rows, shared_screen_counts

    rig.to_phase("factors")
    keiko = rig.join("Keiko Tanaka")
    rig.room.join("10.0.0.3", rig.room.code, name="Sam", lane="A")
    rig.room.handle(
        keiko,
        {"type": "factor", "text": "Payments should have retried less", "owner": "interaction"},
    )
    guest, factor = queue_rows(rig.room)
    assert (guest.kind, guest.author) == ("Guest", "Sam (Payments, guest)")
    assert (factor.kind, factor.author) == ("Factor", "Keiko Tanaka (Edge Platform)")
    assert "blame phrase" in factor.notes
    f1 = rig.workspace.session.factors[0]
    rig.room.handle(keiko, {"type": "votes", "dots": {str(f1.id): 1}})
    line = shared_screen_counts(rig.room.counts(), rig.room.phase_key())
    assert line == "2 of 7 joined · votes in: 1 of 6"
    assert "Keiko" not in line
