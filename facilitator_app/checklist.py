"""The setup checklist: what a two-team postmortem needs before it goes live (DESIGN.md §1).

Both team leads and both sides' on-call engineers attend, a facilitator from neither team runs
it, the pre-read went out a day ahead, the time-box is 60-90 minutes, everyone attends live, and
the review is held within five business days of the incident ending. Every item is a warning,
never a block, and says how to fix it. "Now" comes from the caller, so the checks are testable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from facilitator_app.model import Attendee, Lane, Role, Session

PRE_READ_LEAD = timedelta(hours=24)
TIMEBOX_RANGE = (60, 90)
FRESH_BUSINESS_DAYS = 5


@dataclass(frozen=True)
class Check:
    key: str  # stable: lead-A, lead-B, on-call-A, on-call-B, facilitator, pre-read, timebox...
    title: str  # the rule, as the facilitator reads it
    ok: bool
    detail: str  # what was found
    fix: str = ""  # how to fix it (only for a warning)


def run_checklist(session: Session, now: datetime, *, holidays: Iterable[date] = ()) -> list[Check]:
    """Every check, in the order of the method; `warnings()` keeps the ones to act on."""
    days_off = frozenset(holidays)
    checks = []
    for lane in Lane:
        checks.append(_role_present(session, lane, Role.LEAD))
    for lane in Lane:
        checks.append(_role_present(session, lane, Role.ON_CALL))
    checks += [
        _neutral_facilitator(session),
        _pre_read(session, now),
        _timebox(session),
        _everyone_live(session),
        _held_soon(session, now, days_off),
    ]
    return checks


def warnings(checks: Iterable[Check]) -> list[Check]:
    return [check for check in checks if not check.ok]


# ---- people -----------------------------------------------------------------------------------

_ROLE_WORDS = {
    Role.LEAD: ("lead", "team lead", "team lead"),
    Role.ON_CALL: ("on-call", "on-call engineer", "engineer who was on call during the incident"),
}


def _names(people: Iterable[Attendee]) -> str:
    names = [p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _role_present(session: Session, lane: Lane, role: Role) -> Check:
    team = session.team(lane).name
    role_word, noun, who = _ROLE_WORDS[role]
    key = f"{role.value}-{lane.value}"
    title = f"{team} {noun} attends"
    listed = [a for a in session.attendees if a.role is role and a.lane is lane]
    present = [a for a in listed if a.present]
    if present:
        return Check(key, title, True, f"{_names(present)} ({team}, {role_word})")
    if listed:
        return Check(
            key,
            title,
            False,
            f"{_names(listed)} ({team}, {role_word}) is not marked present",
            f"Confirm {_names(listed)} can join live, or ask {team} to send another {noun}; "
            "tick “present” on the roster when they do.",
        )
    return Check(
        key,
        title,
        False,
        f"No {noun} from {team} (team {lane.value}) on the roster",
        f"Invite the {who} for {team} and add them to the roster with the role "
        f"“{role.value}” and the team {team}.",
    )


def _neutral_facilitator(session: Session) -> Check:
    title = "A facilitator from neither team runs it"
    facilitators = [a for a in session.attendees if a.role is Role.FACILITATOR]
    neutral = [a for a in facilitators if a.lane is None]
    if neutral:
        return Check("facilitator", title, True, f"{_names(neutral)} (neither team)")
    if not facilitators:
        return Check(
            "facilitator",
            title,
            False,
            "No facilitator on the roster",
            "Add a facilitator who belongs to neither team (a platform engineer or a senior "
            "SRE) with the role “facilitator” and no team.",
        )
    person = facilitators[0]
    assert person.lane is not None
    team = session.team(person.lane).name
    return Check(
        "facilitator",
        title,
        False,
        f"{person.name} facilitates but belongs to {team}",
        f"Ask someone from neither team to facilitate, so {team} is not judging its own "
        f"factors; {person.name} can take part for {team} instead. If {person.name} belongs to "
        "neither team, clear their team on the roster.",
    )


def _everyone_live(session: Session) -> Check:
    title = "Everyone attends live"
    absent = [a for a in session.attendees if not a.present]
    if absent:
        return Check(
            "live",
            title,
            False,
            f"{_names(absent)} will not attend live",
            "The meeting is synchronous: invite them to join in the room or by video rather "
            "than read the notes afterwards, or take them off the roster.",
        )
    remote = sum(a.remote for a in session.attendees)
    where = f" ({remote} by video)" if remote else ""
    return Check("live", title, True, f"All {len(session.attendees)} on the roster{where}")


# ---- times ------------------------------------------------------------------------------------


def describe_duration(delta: timedelta) -> str:
    """'3 hours', '1 day 2 hours', '45 minutes': how long, in words a room reads at a glance."""
    minutes = max(0, round(delta.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes and not days:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) or "0 minutes"


def _when(value: datetime) -> str:
    """'Fri 13 Nov 12:10 (UTC+01:00)': the offset too, so no reader guesses the zone."""
    offset = value.utcoffset()
    if not offset:
        zone = "UTC"
    else:
        minutes = round(offset.total_seconds() / 60)
        sign = "+" if minutes >= 0 else "-"
        zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{value.strftime('%a %d %b %H:%M')} ({zone})"


def _pre_read(session: Session, now: datetime) -> Check:
    title = "The pre-read went out at least 24 hours ahead"
    start, sent = session.scheduled_start, session.pre_read_sent_at
    if start is None:
        return Check(
            "pre-read",
            title,
            False,
            "No scheduled start, so the 24-hour pre-read rule cannot be checked",
            "Set the scheduled start on the Setup page.",
        )
    deadline = start - PRE_READ_LEAD
    if sent is None:
        if now <= deadline:
            fix = (
                f"Send the pre-read (timeline, impact summary, contributing factors) by "
                f"{_when(deadline.astimezone(start.tzinfo))} and record when it went out."
            )
        else:
            fix = (
                "Send the pre-read now and record when it went out; if you can, move the "
                "start so people have a day to read it."
            )
        return Check("pre-read", title, False, "The pre-read has not been sent", fix)
    ahead = start - sent
    if ahead < PRE_READ_LEAD:
        when = "after the start" if ahead < timedelta(0) else "before the start"
        return Check(
            "pre-read",
            title,
            False,
            f"The pre-read went out {describe_duration(abs(ahead))} {when} "
            "(it needs at least 24 hours)",
            f"Move the start to {_when((sent + PRE_READ_LEAD).astimezone(start.tzinfo))} or "
            "later so everyone has a day to read it, or ask people to read it before the "
            "meeting and keep the first minutes for questions about it.",
        )
    return Check("pre-read", title, True, f"Sent {describe_duration(ahead)} before the start")


def _timebox(session: Session) -> Check:
    low, high = TIMEBOX_RANGE
    minutes = session.timebox_minutes
    title = f"A time-box of {low} to {high} minutes"
    if low <= minutes <= high:
        return Check("timebox", title, True, f"{minutes} minutes")
    why = "too short for the timeline walk" if minutes < low else "long enough to lose the room"
    return Check(
        "timebox",
        title,
        False,
        f"The time-box is {minutes} minutes ({why})",
        f"Set the time-box to between {low} and {high} minutes on the Setup page.",
    )


def business_days_between(start: date, end: date, holidays: frozenset[date] = frozenset()) -> int:
    """Working days after `start` up to and including `end` (Monday-Friday, not holidays)."""
    if end <= start:
        return 0
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if day.weekday() < 5 and day not in holidays:
            count += 1
        day += timedelta(days=1)
    return count


def add_business_days(start: date, days: int, holidays: frozenset[date] = frozenset()) -> date:
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            days -= 1
    return day


def _held_soon(session: Session, now: datetime, holidays: frozenset[date]) -> Check:
    title = f"Held within {FRESH_BUSINESS_DAYS} business days of the incident"
    ended = session.incident_end
    if ended is None:
        return Check(
            "soon",
            title,
            False,
            "No incident end time, so the review's distance from it cannot be checked",
            "Set when the incident ended on the Setup page.",
        )
    review = session.scheduled_start or now
    zone = ended.tzinfo
    end_day, review_day = ended.astimezone(zone).date(), review.astimezone(zone).date()
    days = business_days_between(end_day, review_day, holidays)
    what = "The review is" if session.scheduled_start else "It is already"
    if days <= FRESH_BUSINESS_DAYS:
        return Check("soon", title, True, f"{days} business days after the incident ended")
    latest = add_business_days(end_day, FRESH_BUSINESS_DAYS, holidays)
    return Check(
        "soon",
        title,
        False,
        f"{what} {days} business days after the incident ended (memories fade)",
        f"Hold it as soon as you can (ideally by {latest.strftime('%a %d %b')}); until then, "
        "ask everyone to write down what they saw and when, with links to their logs.",
    )


# ---- for the exported notes -------------------------------------------------------------------


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")


def _md(text: str) -> str:
    """Names and titles come from users: escape what Markdown would read as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def checklist_markdown(checks: Iterable[Check]) -> str:
    """The checklist as a Markdown section for the exported notes."""
    lines = ["## Setup checklist", ""]
    for check in checks:
        if check.ok:
            lines.append(f"- [x] {_md(check.title)}: {_md(check.detail)}")
        else:
            lines.append(
                f"- [ ] **{_md(check.title)}**: {_md(check.detail)}. *Fix:* {_md(check.fix)}"
            )
    return "\n".join(lines) + "\n"
