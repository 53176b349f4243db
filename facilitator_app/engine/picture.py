"""The picture views draw: one `MeetingStatus` computed from the stored instants."""

from __future__ import annotations

from datetime import timedelta

from facilitator_app.engine.balance import WindowTotals, dominant_lane, fair_share_a
from facilitator_app.engine.floor import Floor
from facilitator_app.engine.recovery import Recovery
from facilitator_app.engine.state import NOTICE_SECONDS, Now
from facilitator_app.engine.status import (
    Balance,
    ClockState,
    Hint,
    HintKind,
    MeetingStatus,
    PhaseView,
)
from facilitator_app.engine.timebox import countdown, format_m_ss
from facilitator_app.model import Lane


class Picture(Recovery):
    """Layer 5: the status the views draw."""

    def status(self) -> MeetingStatus:
        now = self._now()
        s = self.settings
        session = self.session
        timebox = session.timebox_minutes * 60.0
        open_s = max(0.0, now.mono - self.open_mono) if self.open is not None else 0.0
        totals = self.totals()
        count = len(session.phases)
        if self.state is ClockState.ENDED:
            current: int | None = count
            shown = count - 1 if count else None
        elif self.state is ClockState.IDLE:
            current, shown = None, (0 if count else None)
        else:
            current = shown = self.phase_index()
        the_plan = self._plan(now, current)
        phase_cd = None
        if shown is not None:
            p = the_plan.phases[shown]
            phase_cd = countdown(p.budget, p.spent, s.thresholds)
        views = tuple(
            PhaseView(
                ph.id, ph.key, ph.title, ph.planned_minutes * 60, pp.budget, pp.spent, pp.state
            )
            for ph, pp in zip(session.phases, the_plan.phases, strict=True)
        )
        left = 0.0 if self.state is ClockState.ENDED else the_plan.meeting_left
        if not session.phases:
            left = max(0.0, timebox - now.elapsed)
        fair = fair_share_a(session.attendees, s.fair_share)
        window = self._window(now, open_s, s.dominance_window_minutes * 60)
        dominant = dominant_lane(window, fair, s) if self.state is ClockState.RUNNING else None
        balance = Balance(totals.team_a, totals.team_b, totals.share(Lane.A), fair, dominant)
        return MeetingStatus(
            clock=self.state,
            elapsed=now.elapsed,
            meeting=countdown(timebox, now.elapsed, s.thresholds),
            phase=phase_cd,
            phase_index=shown,
            phases=views,
            projected_finish=now.wall + timedelta(seconds=left),
            projected_over=left - (timebox - now.elapsed),
            holder=self.holder,
            holder_seconds=open_s if self.state is ClockState.RUNNING else 0.0,
            totals=totals,
            balance=balance,
            hints=self._hints(now, open_s, window.share(dominant), dominant),
        )

    def _window(self, now: Now, open_s: float, window: float) -> WindowTotals:
        """Team time in the last `window` seconds of meeting time (prefix sums: no walk)."""
        tally = self._tally_now()
        a, b = tally.teams_since(max(0.0, now.elapsed - window))
        if self.open is not None:
            part = min(open_s, window)
            lane = Floor.of(self.open).team_lane
            a += part if lane is Lane.A else 0.0
            b += part if lane is Lane.B else 0.0
        return WindowTotals(a, b, min(window, now.elapsed))

    def _hints(
        self, now: Now, open_s: float, window_share: float, dominant: Lane | None
    ) -> tuple[Hint, ...]:
        hints = []
        if self.state is ClockState.IDLE and not self.holder.is_nobody:
            hints.append(
                Hint(
                    HintKind.CLOCK_NOT_STARTED,
                    "Clock not started: press Space to start the meeting clock",
                )
            )
        if (
            self.state is ClockState.RUNNING
            and self.holder.is_nobody
            and open_s >= self.settings.nobody_hint_seconds
        ):
            hints.append(
                Hint(
                    HintKind.NOBODY_HAS_FLOOR,
                    f"Nobody has had the floor for {format_m_ss(open_s)}",
                )
            )
        if dominant is not None:
            team = self.session.team(dominant).name
            minutes = round(self.settings.dominance_window_minutes)
            share = round(100 * window_share)
            hints.append(
                Hint(
                    HintKind.DOMINANCE,
                    f"{team} has had {share} % of the teams' time in the last {minutes} min",
                )
            )
        if self._confirm is not None:
            step, when = self._confirm
            if now.mono - when <= self.settings.confirm_seconds:
                target = self._target_phase(step)
                if target is not None:
                    title = self.session.phases[target].title
                    hints.append(Hint(HintKind.CONFIRM_PHASE, f"Press again to go to {title}"))
        for text, when in self._notices:
            if now.mono - when <= NOTICE_SECONDS:
                hints.append(Hint(HintKind.NOTICE, text))
        return tuple(hints)
