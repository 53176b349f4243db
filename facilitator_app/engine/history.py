"""The action template: every action snapshots, mutates, writes the difference at once and
records an undo command; undo and redo restore a snapshot the same way."""

from __future__ import annotations

from collections.abc import Callable

from facilitator_app.engine.phase_clock import PhaseClock
from facilitator_app.engine.snapshot import Snapshot, copy_interval, diff_write
from facilitator_app.engine.state import CLOCK_PARTS, FLOOR_PARTS, Now
from facilitator_app.parts import Part
from facilitator_app.undo import Command


class History(PhaseClock):
    """Layer 3: the undo/save template every action goes through."""

    def _act(
        self,
        text: str,
        mutate: Callable[[Now], bool],
        tail_from: Callable[[Now], int] | None = None,
        *,
        undoable: bool = True,
        parts: tuple[Part, ...] = CLOCK_PARTS,
    ) -> bool:
        now = self._observe()
        index = tail_from(now) if tail_from is not None else self._open_index()
        before = self._snapshot(index)
        if not mutate(now):
            return False
        self.version += 1
        after = self._persist(before, now)
        if undoable:
            self._push(text, before, after)
        self.workspace.notify(*parts)
        return True

    def _persist(self, before: Snapshot, now: Now) -> Snapshot:
        """Write the difference from `before` to the live state; on failure undo it in memory."""
        live = self.session.speaking[before.tail_from :]
        try:
            after = self._snapshot(before.tail_from)
            open_s = max(0.0, self.clock.monotonic() - self.open_mono) if self.open else 0.0
            write = diff_write(before, live, self.open, open_s, after)
            self.workspace.store.write_meeting(self.workspace.session_id, write)
        except BaseException:
            self._apply(before)
            raise
        return self._snapshot(before.tail_from)  # with the ids the store just assigned

    def _push(self, text: str, before: Snapshot, after: Snapshot) -> None:
        generation = self._generation
        fresh = [True]  # UndoStack.push runs redo once: the action has already happened

        def redo() -> None:
            if fresh[0]:
                fresh[0] = False
                return
            self._restore(after, generation)

        self.workspace.undo_stack.push(
            Command(text, redo, lambda: self._restore(before, generation))
        )

    def _restore(self, target: Snapshot, generation: int) -> None:
        now = self._observe()
        if generation != self._generation:
            self._notice("That change was made before the computer slept; it cannot be undone.")
            self.workspace.notify(*CLOCK_PARTS)
            return
        current = self._snapshot(target.tail_from)
        self._apply(target)
        self.version += 1
        self._persist(current, now)
        clock_changed = (current.state, current.phase_id, current.phase_clocks) != (
            target.state,
            target.phase_id,
            target.phase_clocks,
        )
        self.workspace.notify(*(CLOCK_PARTS if clock_changed else FLOOR_PARTS))

    def _snapshot(self, tail_from: int) -> Snapshot:
        speaking = self.session.speaking
        tail = tuple(copy_interval(s) for s in speaking[tail_from:])
        open_at = next((i for i, s in enumerate(speaking[tail_from:]) if s is self.open), None)
        return Snapshot(
            tail_from=tail_from,
            tail=tail,
            open_at=open_at,
            open_mono=self.open_mono,
            state=self.state,
            holder=self.holder,
            phase_id=self.phase_id,
            phase_entered=self.phase_entered,
            run_start=self.run_start,
            phase_clocks=dict(self.phase_clocks),
            phase_marks=tuple((p, p.started_at, p.ended_at) for p in self.session.phases),
            session_state=self.session.state,
        )

    def _apply(self, snap: Snapshot) -> None:
        speaking = self.session.speaking
        copies = [copy_interval(s) for s in snap.tail]
        speaking[snap.tail_from :] = copies
        self.open = copies[snap.open_at] if snap.open_at is not None else None
        self.open_mono = snap.open_mono
        self.state = snap.state
        self.holder = snap.holder
        self.phase_id = snap.phase_id
        self.phase_entered = snap.phase_entered
        self.run_start = snap.run_start
        self.phase_clocks = dict(snap.phase_clocks)
        for phase, started, ended in snap.phase_marks:
            phase.started_at, phase.ended_at = started, ended
        self.session.state = snap.session_state
        self._invalidate()
