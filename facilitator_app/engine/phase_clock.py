"""Phases on the meeting clock: entering and leaving one, and the adaptive plan of budgets."""

from __future__ import annotations

import dataclasses

from facilitator_app.engine.intervals import Intervals
from facilitator_app.engine.state import Now
from facilitator_app.engine.status import ClockState
from facilitator_app.engine.timebox import PhaseInput, Plan, plan
from facilitator_app.model import Phase
from facilitator_app.store import PhaseClockRecord


class PhaseClock(Intervals):
    """Layer 2: phases on the meeting clock."""

    def _require_index(self) -> int:
        index = self.phase_index()
        assert index is not None
        return index

    def _target_phase(self, step: int) -> int | None:
        if self.state not in (ClockState.RUNNING, ClockState.PAUSED):
            return None
        index = self.phase_index()
        if index is None:
            return None
        target = index + step
        return target if 0 <= target < len(self.session.phases) else None

    def _phase_inputs(self, elapsed: float) -> list[PhaseInput]:
        inputs = []
        for phase in self.session.phases:
            clock = self.phase_clocks.get(phase.id) if phase.id is not None else None
            spent = clock.spent_seconds if clock else 0.0
            if (
                phase.id is not None
                and phase.id == self.phase_id
                and self.state in (ClockState.RUNNING, ClockState.PAUSED)
            ):
                spent += max(0.0, elapsed - self.phase_entered)
            inputs.append(
                PhaseInput(
                    phase.planned_minutes * 60.0,
                    clock.scale if clock else None,
                    clock.nudge_seconds if clock else 0.0,
                    spent,
                )
            )
        return inputs

    def _plan(self, now: Now, current: int | None) -> Plan:
        return plan(
            self._phase_inputs(now.elapsed),
            current,
            self.session.timebox_minutes * 60.0,
            now.elapsed,
            self.settings.min_scale,
        )

    def _leave_phase(self, now: Now) -> None:
        index = self.phase_index()
        if index is None:
            return
        phase = self.session.phases[index]
        assert phase.id is not None
        clock = self.phase_clocks.get(phase.id) or PhaseClockRecord(phase.id, 1.0)
        spent = clock.spent_seconds + max(0.0, now.elapsed - self.phase_entered)
        self.phase_clocks[phase.id] = dataclasses.replace(clock, spent_seconds=spent)
        phase.ended_at = now.wall
        self.phase_id = None

    def _enter_phase(self, index: int, now: Now) -> None:
        phase: Phase = self.session.phases[index]
        if phase.id is None:
            return
        clock = self.phase_clocks.get(phase.id) or PhaseClockRecord(phase.id, None)
        if clock.scale is None:
            self.phase_clocks[phase.id] = clock
            clock = dataclasses.replace(clock, scale=self._plan(now, index).upcoming_scale)
        self.phase_clocks[phase.id] = clock
        if phase.started_at is None:
            phase.started_at = now.wall
        phase.ended_at = None
        self.phase_id = phase.id
        self.phase_entered = now.elapsed
