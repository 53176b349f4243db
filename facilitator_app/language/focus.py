"""Which rule of the language guide `G` brings to the front of the shared screen.

The relevant rule is the one the facilitator's own typing last tripped (the checker flagged a
phrase of that category); with nothing flagged since, each press shows the next rule in turn.
"""

from __future__ import annotations

from facilitator_app.language.guide import LanguageGuide
from facilitator_app.workspace import ScreenMode, Workspace


def choose_rule(guide: LanguageGuide, shown: str | None, flagged: str | None) -> str:
    ids = list(guide.categories)
    if flagged in ids:
        return flagged
    if shown in ids:
        return ids[(ids.index(shown) + 1) % len(ids)]
    return ids[0]


def bring_guide_to_front(workspace: Workspace, guide: LanguageGuide) -> str:
    """Show the relevant rule large on the shared screen; returns its id."""
    flagged = workspace.flagged_rule_id
    shown = workspace.guide_rule_id
    if flagged == shown and workspace.screen_mode is ScreenMode.GUIDE:
        flagged = None  # already on screen: a second press moves on
    rule_id = choose_rule(guide, shown, flagged)
    workspace.note_flagged_rule(None)
    workspace.show_guide_rule(rule_id)
    return rule_id
