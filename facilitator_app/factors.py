"""Contributing factors: added fast (also straight from the event on screen) and linked to events.

Each team owns its own factors, and the interaction between the two systems is a factor of its
own (DESIGN.md §1), so the owner is one of A, B or "interaction".
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitator_app.errors import UserError
from facilitator_app.model import ContributingFactor, FactorOwner, Lane, Session, TimelineEvent
from facilitator_app.workspace import Workspace


def add_factor(
    workspace: Workspace, text: str, owner: FactorOwner | str, event_ids: Iterable[int] = ()
) -> ContributingFactor:
    factor = ContributingFactor(text, FactorOwner(owner), event_ids=list(dict.fromkeys(event_ids)))
    workspace.add(factor, "Add contributing factor")
    return factor


def current_event(workspace: Workspace) -> TimelineEvent | None:
    return next((e for e in workspace.session.events if e.id == workspace.current_event_id), None)


def add_factor_from_current_event(
    workspace: Workspace, text: str = "", owner: FactorOwner | str | None = None
) -> ContributingFactor:
    """A factor linked to the event on screen; text and owner default to the event's own."""
    event = current_event(workspace)
    if event is None or event.id is None:
        raise UserError("no timeline event is selected", field="event")
    chosen = FactorOwner(owner) if owner is not None else FactorOwner(event.lane.value)
    return add_factor(workspace, text.strip() or event.description, chosen, [event.id])


def link_event(workspace: Workspace, factor: ContributingFactor, event_id: int) -> None:
    if event_id not in factor.event_ids:
        workspace.update(factor, "Link event to factor", event_ids=[*factor.event_ids, event_id])


def owner_label(session: Session, owner: FactorOwner) -> str:
    """The owner as the room reads it: a team name, or "Interaction"."""
    if owner is FactorOwner.INTERACTION:
        return "Interaction"
    return session.team(Lane(owner.value)).name


def factors_by_owner(session: Session) -> dict[FactorOwner, list[ContributingFactor]]:
    grouped: dict[FactorOwner, list[ContributingFactor]] = {o: [] for o in FactorOwner}
    for f in session.factors:
        grouped[f.owner].append(f)
    return grouped
