"""What a participant may propose, in which phase, and the values each proposal would write.

Every value goes through the model's own constructors (and the core's link rules), so a room
proposal is held to exactly the rules a console edit is. A device speaks only for itself: it
names no attendee, and a team other than its own is refused (observations, factors, votes).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from facilitator_app.actions.check import ActionSpec, Verdict, check_action
from facilitator_app.errors import UserError
from facilitator_app.model import (
    ActionItem,
    ActionKind,
    Awareness,
    ContributingFactor,
    FactorOwner,
    Lane,
    Observation,
    ParkedIdea,
    Session,
    TimelineEvent,
)
from facilitator_app.room.participants import Participant
from facilitator_app.room.proposals import ProposalKind
from facilitator_app.safe_url import safe_http_url
from facilitator_app.timeline.edit import validate_link
from facilitator_app.timeutil import parse_date
from facilitator_app.workspace import Workspace

TIMELINE, FACTORS, ACTIONS, WRAPUP = "timeline", "factors", "actions", "wrapup"
ANY_PHASE = "*"

# The phases (agenda keys) in which each kind of proposal is taken.
PHASES: dict[ProposalKind, frozenset[str]] = {
    ProposalKind.OBSERVATION: frozenset({TIMELINE}),
    ProposalKind.EVENT: frozenset({TIMELINE}),
    ProposalKind.LINK: frozenset({TIMELINE}),
    ProposalKind.FACTOR: frozenset({FACTORS}),
    ProposalKind.PARKED: frozenset({ANY_PHASE}),
    ProposalKind.ACTION: frozenset({ACTIONS}),
    ProposalKind.VOTES: frozenset({FACTORS}),
    ProposalKind.POLL: frozenset({WRAPUP}),
}

PHASE_WORDS = {
    TIMELINE: "the timeline walk",
    FACTORS: "the contributing-factors phase",
    ACTIONS: "the action-items phase",
    WRAPUP: "the wrap-up",
}

AWARE_WORDS = {"yes": Awareness.YES, "no": Awareness.NO, "not sure": Awareness.UNKNOWN}


def allowed_kinds(phase_key: str | None) -> list[ProposalKind]:
    """What the page offers in this phase (the parking lot is always open)."""
    return [k for k, keys in PHASES.items() if ANY_PHASE in keys or phase_key in keys]


def require_phase(kind: ProposalKind, phase_key: str | None) -> None:
    keys = PHASES[kind]
    if ANY_PHASE in keys or phase_key in keys:
        return
    when = " or ".join(PHASE_WORDS.get(k, k) for k in sorted(keys))
    raise UserError(f"{kind.value}s are taken during {when}", field=kind.value)


def clip(value: str, limit: int) -> str:
    """A short quote for a one-line summary, cut at a word with an ellipsis."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1].rsplit(" ", 1)[0] if " " in value[: limit - 1] else value[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


def fields(message: Mapping[str, Any], required: set[str], optional: set[str]) -> dict[str, Any]:
    """The message's fields; unknown or missing ones are refused (nothing is silently dropped)."""
    extra = set(message) - required - optional - {"type", "rid"}
    if extra:
        raise UserError(f"unexpected field(s): {', '.join(sorted(extra))}", field=sorted(extra)[0])
    missing = required - set(message)
    if missing:
        raise UserError("missing", field=sorted(missing)[0])
    return {k: message[k] for k in required | optional if k in message}


def text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise UserError("must be text", field=name)
    return value


def whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise UserError("must be a whole number", field=name)
    return value


def own_team_only(participant: Participant, value: object, session: Session, what: str) -> None:
    """A `team` a device names must be its own (the framing: each team owns its own)."""
    if value in (None, ""):
        return
    if value != participant.lane.value:
        own = session.team(participant.lane).name
        raise UserError(f"you can add {what} only for your own team ({own})", field="team")


def event_by_id(session: Session, value: object, name: str) -> TimelineEvent:
    event_id = whole(value, name)
    event = next((e for e in session.events if e.id == event_id), None)
    if event is None:
        raise UserError("there is no such event", field=name)
    return event


# ---- one function per kind: (values, summary) ------------------------------------------------


def observation(
    workspace: Workspace, participant: Participant, message: Mapping[str, Any]
) -> tuple[dict[str, Any], str]:
    f = fields(message, {"event_id", "saw"}, {"aware", "team"})
    session = workspace.session
    own_team_only(participant, f.get("team"), session, "observations")
    event = event_by_id(session, f["event_id"], "event_id")
    if event.id != workspace.current_event_id:
        raise UserError("the room has moved on to another event", field="event_id")
    aware = f.get("aware", "not sure")
    if aware not in AWARE_WORDS:
        raise UserError("answer yes, no or not sure", field="aware")
    seen = Observation(participant.lane, text(f["saw"], "saw"), AWARE_WORDS[aware])
    if not seen.saw:
        raise UserError("write what your team saw", field="saw")
    values = {"event_id": event.id, "saw": seen.saw, "aware": seen.aware_of_other.value}
    return values, f"saw at “{clip(event.description, 60)}”: {seen.saw}"


def missing_event(
    workspace: Workspace, participant: Participant, message: Mapping[str, Any]
) -> tuple[dict[str, Any], str]:
    f = fields(message, {"time", "description"}, {"source_url", "actor"})
    when = parse_time(text(f["time"], "time"), workspace.display_zone)
    url = text(f.get("source_url", ""), "source_url")
    url = safe_http_url(url) if url.strip() else ""
    event = TimelineEvent(
        when,
        participant.lane,
        text(f.get("actor", ""), "actor"),
        text(f["description"], "description"),
        url,
    )
    values = {
        "time": event.occurred_at.isoformat(),
        "description": event.description,
        "actor": event.actor,
        "source_url": event.source_url,
    }
    return values, f"missing event at {event.occurred_at:%H:%M}: {event.description}"


def parse_time(value: str, zone: str) -> datetime:
    """An ISO time from the page; without an offset it is in the session's display zone."""
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UserError("give the date and time (YYYY-MM-DD HH:MM)", field="time") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo(zone))
    return when


def link(
    workspace: Workspace, participant: Participant, message: Mapping[str, Any]
) -> tuple[dict[str, Any], str]:
    f = fields(message, {"source_id", "target_id"}, {"note"})
    session = workspace.session
    source = event_by_id(session, f["source_id"], "source_id")
    target = event_by_id(session, f["target_id"], "target_id")
    made = validate_link(workspace, source, target, text(f.get("note", ""), "note"))
    values = {"source_id": made.source_id, "target_id": made.target_id, "note": made.note}
    crossed = f" ({made.note})" if made.note else ""
    return (
        values,
        f"“{clip(source.description, 40)}” led to “{clip(target.description, 40)}”{crossed}",
    )


def factor(
    workspace: Workspace, participant: Participant, message: Mapping[str, Any]
) -> tuple[dict[str, Any], str]:
    f = fields(message, {"text", "owner"}, set())
    session = workspace.session
    owner = f["owner"]
    if owner == "own":
        owner = participant.lane.value
    if owner not in ("A", "B", "interaction"):
        raise UserError("the owner is your team or the interaction", field="owner")
    if owner == participant.lane.other.value:
        other = session.team(participant.lane.other).name
        raise UserError(
            f"{other} names its own factors: propose yours or the interaction's", field="owner"
        )
    made = ContributingFactor(text(f["text"], "text"), FactorOwner(owner))
    label = (
        "Interaction"
        if made.owner is FactorOwner.INTERACTION
        else session.team(Lane(made.owner.value)).name
    )
    return {"text": made.text, "owner": made.owner.value}, f"factor ({label}): {made.text}"


def parked(
    workspace: Workspace, participant: Participant, message: Mapping[str, Any]
) -> tuple[dict[str, Any], str]:
    f = fields(message, {"text"}, set())
    idea = ParkedIdea(text(f["text"], "text"), workspace.current_event_id)
    return {"text": idea.text, "event_id": idea.event_id}, f"parked idea: {idea.text}"


def action_item(
    workspace: Workspace, participant: Participant, message: Mapping[str, Any], today: date
) -> tuple[dict[str, Any], str, Verdict]:
    f = fields(message, {"kind", "description"}, {"owner", "lead", "due", "test"})
    kind = f["kind"]
    due_text = text(f.get("due", ""), "due").strip()
    item = ActionItem(
        kind,
        text(f["description"], "description"),
        owner=text(f.get("owner", ""), "owner"),
        lane=participant.lane if kind == ActionKind.TEAM.value else None,
        lead=text(f.get("lead", ""), "lead"),
        due=parse_date(due_text, "due") if due_text else None,
        test_of_done=text(f.get("test", ""), "test"),
    )
    verdict = action_verdict(workspace.session, item, today)
    values = {
        "kind": item.kind.value,
        "description": item.description,
        "owner": item.owner,
        "lead": item.lead,
        "lane": item.lane.value if item.lane else None,
        "due": item.due.isoformat() if item.due else "",
        "test": item.test_of_done,
    }
    return values, f"{item.kind.value} action: {item.description}", verdict


def action_verdict(session: Session, item: ActionItem, today: date) -> Verdict:
    spec = ActionSpec(
        item.description, item.kind, item.owner, item.lead, item.due, item.test_of_done, today
    )
    return check_action(spec, today=today, team_names=[t.name for t in session.teams])


def ballot(
    session: Session, participant: Participant, message: Mapping[str, Any]
) -> dict[int, int]:
    """A device's whole allocation of dots ({factor id: dots}); within its own budget only."""
    f = fields(message, {"dots"}, {"team", "attendee_id"})
    own_team_only(participant, f.get("team"), session, "votes")
    if f.get("attendee_id") not in (None, participant.attendee_id):
        raise UserError("a device votes only with its own dots", field="attendee_id")
    dots = f["dots"]
    if not isinstance(dots, dict) or len(dots) > 200:
        raise UserError("must map factors to dots", field="dots")
    known = {x.id for x in session.factors}
    allocation: dict[int, int] = {}
    for key, count in dots.items():
        try:
            factor_id = int(key)
        except (TypeError, ValueError):
            raise UserError("not a factor", field="dots") from None
        if factor_id not in known:
            raise UserError("there is no such factor", field="dots")
        n = whole(count, "dots")
        if n < 0:
            raise UserError("dots cannot be negative", field="dots")
        if n:
            allocation[factor_id] = n
    budget = session.dots_per_attendee
    if sum(allocation.values()) > budget:
        raise UserError(f"you have {budget} dots in all", field="dots")
    return allocation


def poll_answers(message: Mapping[str, Any]) -> dict[str, bool]:
    f = fields(message, {"learned", "again"}, set())
    for name in ("learned", "again"):
        if not isinstance(f[name], bool):
            raise UserError("answer yes or no", field=name)
    return {"learned": f["learned"], "again": f["again"]}
