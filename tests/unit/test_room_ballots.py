"""Property: whatever sequence of ballots devices send (within budget or not), each attendee's
dots end equal to their last accepted ballot, no budget is ever exceeded, and every factor's
total is its starting votes plus the dots the room holds."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator_app.room import Refused
from tests.helpers.room import demo_room

NAMES = ["Amara Diallo", "Jonas Berg", "Keiko Tanaka", "Ravi Menon"]

ballots = st.lists(
    st.tuples(
        st.integers(0, len(NAMES) - 1),
        st.dictionaries(st.integers(0, 3), st.integers(0, 4), max_size=3),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(ballots)
def test_room_ballots_count_each_dot_once(sequence: list[tuple[int, dict[int, int]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp, demo_room(Path(tmp)) as rig:
        rig.to_phase("factors")
        session = rig.workspace.session
        budget = session.dots_per_attendee
        factors = session.factors[:4]
        start = {f.id: f.votes - sum(f.dots.values()) for f in factors}
        tokens = [rig.join(name) for name in NAMES]
        expected: dict[int, dict[int, int]] = {rig.member(n): {} for n in NAMES}
        for who, allocation in sequence:
            dots = {str(factors[i].id): n for i, n in allocation.items()}
            attendee = rig.member(NAMES[who])
            try:
                rig.room.handle(tokens[who], {"type": "votes", "dots": dots})
            except Refused:
                assert sum(allocation.values()) > budget
                continue
            expected[attendee] = {factors[i].id: n for i, n in allocation.items() if n}
        for attendee, allocation in expected.items():
            held = {f.id: f.dots[attendee] for f in session.factors if f.dots.get(attendee)}
            assert held == allocation
            assert sum(held.values()) <= budget
        for f in factors:
            assert f.votes == start[f.id] + sum(f.dots.values())
