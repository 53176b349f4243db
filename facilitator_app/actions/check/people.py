"""One accountable owner: a person or a role, never "everyone", "the team", "TBD" or two names.

Joint items (both teams) need one designated lead, whatever the owner field says; team and
process items need an owner or a lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from facilitator_app.actions.check.patterns import patterns
from facilitator_app.model import ActionKind

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[\w'-]+")


def _normalise(name: str) -> str:
    return " ".join(_PARENTHESES.sub(" ", name).split()).strip(" .:-").lower()


def name_problem(name: str, role: str, team_names: Iterable[str] = ()) -> str | None:
    """Why `name` is not one accountable person or role (None when it is)."""
    p = patterns()
    cleaned = _normalise(name)
    if not cleaned:
        return f"no {role}"
    if cleaned in p.placeholders or cleaned.startswith(p.placeholder_prefixes):
        return f"{role} '{name.strip()}' is not one accountable person (name a person or a role)"
    parts = [part for part in p.separators.split(cleaned) if part and part.strip()]
    if len(parts) > 1:
        return f"{role} '{name.strip()}' names {len(parts)} people; one must be accountable"
    words = _WORD.findall(cleaned)
    is_role = any(w in p.role_words for w in words)
    if cleaned in {t.strip().lower() for t in team_names} or (
        words and words[-1] in p.group_endings and not is_role
    ):
        return f"{role} '{name.strip()}' is a team, not a person or a role"
    return None


def owner_problems(
    kind: ActionKind, owner: str, lead: str, team_names: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(field, reason) pairs for the owner rule; empty when one person is accountable."""
    teams = list(team_names)
    if kind is ActionKind.JOINT:
        if not lead.strip():
            return [
                (
                    "lead",
                    "joint item has no designated lead (both teams share it, so one "
                    "person must lead it)",
                )
            ]
        problem = name_problem(lead, "lead", teams)
        return [("lead", problem)] if problem else []
    candidates = [(f, v) for f, v in (("owner", owner), ("lead", lead)) if v.strip()]
    if not candidates:
        return [("owner", "no accountable owner (name a person or a role)")]
    problems = []
    for field_name, value in candidates:
        problem = name_problem(value, field_name, teams)
        if problem is None:
            return []
        problems.append((field_name, problem))
    field_name, reason = problems[0]
    if "names" in reason and field_name == "owner":
        reason += " and there is no lead"
    return [(field_name, reason)]
