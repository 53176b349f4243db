"""What the meeting widgets write, as plain values computed from a `MeetingStatus`.

Kept apart from painting so that every word and number on the projector is tested without
pixels, and so that a widget repaints only when what it shows has changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from facilitator_app.engine import ClockState, Level, MeetingStatus, format_m_ss
from facilitator_app.engine.timebox import PhaseState
from facilitator_app.model import HolderKind, Lane, Session

STATE_WORDS = {
    ClockState.IDLE: "NOT STARTED",
    ClockState.PAUSED: "PAUSED",
    ClockState.ENDED: "ENDED",
    ClockState.RUNNING: "",
}


@dataclass(frozen=True)
class ClockText:
    digits: str  # the current phase's countdown, "MM:SS" or "+MM:SS"
    level: Level
    badge: str  # words beside the digits: "WRAP UP", "OVER +2:10", "PAUSED", ...
    running: bool
    detail: str  # "Meeting 62:10 left · finish 11:17"


def clock_text(status: MeetingStatus, zone: tzinfo | None = None) -> ClockText:
    """`zone`: where to show the projected finish (default: this computer's zone)."""
    shown = status.phase or status.meeting
    words = [STATE_WORDS[status.clock], shown.label]
    badge = " · ".join(w for w in words if w)
    meeting = status.meeting
    if meeting.level is Level.OVER:
        total = f"Meeting {meeting.label}"
    else:
        total = f"Meeting {meeting.digits} left"
    finish = status.projected_finish.astimezone(zone)
    detail = f"{total} · finish {finish:%H:%M}"
    if status.clock is not ClockState.ENDED and status.projected_over >= 60:
        detail += f" (+{round(status.projected_over / 60)} min)"
    if status.clock is ClockState.ENDED:
        detail = f"Meeting ran {format_m_ss(status.elapsed)}"
    return ClockText(shown.digits, shown.level, badge, status.clock is ClockState.RUNNING, detail)


@dataclass(frozen=True)
class TeamSide:
    name: str
    colour: str
    percent: str  # "62 %", or "—" before either team has spoken
    share: float  # of the bar's width (0.5 each before anyone spoke)
    speaking: bool  # this team (or one of its people) has the floor now


@dataclass(frozen=True)
class BalanceText:
    a: TeamSide
    b: TeamSide
    fair_a: float
    floor: str  # who has the floor, in words ("Payments", "Ana (Payments)", "nobody")
    other_holder: str  # when the floor is not a team's: "Facilitator", "Crosstalk", "Nobody"


def balance_text(status: MeetingStatus, session: Session, floor_words: str) -> BalanceText:
    balance = status.balance
    holder_lane = status.holder.team_lane

    def side(lane: Lane) -> TeamSide:
        team = session.team(lane)
        share = balance.share(lane)
        percent = "—" if share is None else f"{round(share * 100)} %"
        return TeamSide(
            team.name, team.colour, percent, 0.5 if share is None else share, holder_lane is lane
        )

    other = ""
    if holder_lane is None:
        other = {
            HolderKind.FACILITATOR: "Facilitator speaking",
            HolderKind.CROSSTALK: "Crosstalk",
            HolderKind.NOBODY: "",
        }.get(status.holder.kind, "")
    return BalanceText(side(Lane.A), side(Lane.B), balance.fair_a, floor_words, other)


@dataclass(frozen=True)
class PhaseCell:
    title: str
    budget: str  # "35:00"
    spent: str  # "12:10", "" for phases not started
    state: PhaseState
    over: bool
    weight: float  # share of the strip's width


MIN_CELL_SHARE = 0.12  # a 5-minute phase still shows its name and times


def phase_cells(status: MeetingStatus) -> tuple[PhaseCell, ...]:
    widths = [max(p.budget, p.spent, 1.0) for p in status.phases]
    total = sum(widths) or 1.0
    widths = [max(w, total * MIN_CELL_SHARE) for w in widths]
    total = sum(widths) or 1.0
    cells = []
    for p, width in zip(status.phases, widths, strict=True):
        started = p.state is not PhaseState.UPCOMING or p.spent > 0
        spent = f"{format_m_ss(p.spent)}" if started else ""
        cells.append(
            PhaseCell(
                p.title,
                format_m_ss(p.budget),
                spent,
                p.state,
                p.spent > p.budget + 1e-9,
                width / total,
            )
        )
    return tuple(cells)
