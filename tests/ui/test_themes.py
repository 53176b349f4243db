"""Themes: every shared-screen text at WCAG contrast >= 7:1 (team colours included), Okabe-Ito
team defaults, and the two team colours and the amber / red states still apart for deuteranopes
and protanopes (Machado et al. 2009 simulation, through coloraide: an independent implementation
of what ui/colours.py computes)."""

from __future__ import annotations

import pytest
from coloraide import Color

from facilitator_app.demo import load_demo_session
from ui.theme import themes

TEXT_ROLES = ("text", "muted", "accent", "amber", "red", "ok", "interaction", "process")
STATE_FILLS = ("amber", "red", "ok", "muted")  # badges: words on a filled colour
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
APART = 15.0  # CIEDE2000 distance that still reads as two colours at a glance


def contrast(a: str, b: str) -> float:
    return float(Color(a).contrast(Color(b), method="wcag21"))


def apart(a: str, b: str, deficiency: str) -> float:
    sim_a = Color(a).filter(deficiency, method="machado")
    sim_b = Color(b).filter(deficiency, method="machado")
    return float(sim_a.delta_e(sim_b, method="2000"))


THEMES = list(themes().values())


def test_there_are_three_themes_and_projector_light_is_the_default() -> None:
    from ui.theme import current

    assert [t.key for t in THEMES] == ["projector-light", "dark", "high-contrast"]
    assert current().key == "projector-light"


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.key)
def test_every_text_colour_reads_at_seven_to_one(theme) -> None:  # type: ignore[no-untyped-def]
    for role in TEXT_ROLES:
        for ground in (theme.background, theme.surface):
            assert contrast(getattr(theme, role), ground) >= 7, (role, ground)
    for role in STATE_FILLS:
        assert contrast(theme.ink_on_state, getattr(theme, role)) >= 7, role


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.key)
@pytest.mark.parametrize("team", OKABE_ITO)
def test_text_in_or_on_a_team_colour_reads_at_seven_to_one(theme, team: str) -> None:  # type: ignore[no-untyped-def]
    for ground in (theme.background, theme.surface):
        assert contrast(theme.team_ink(team, ground), ground) >= 7
    fill, ink = theme.team_fill(team)
    assert contrast(fill, ink) >= 7


def test_team_colours_default_to_okabe_ito_and_a_plain_blue_is_shaded_only_when_needed() -> None:
    session = load_demo_session()
    assert {t.colour.upper() for t in session.teams} <= set(OKABE_ITO)
    light = themes()["projector-light"]
    fill, ink = light.team_fill("#E69F00")  # orange carries black text at 9:1 as it is
    assert (fill, ink) == ("#E69F00", "#000000")
    fill, ink = light.team_fill("#0072B2")  # blue with white text is 5.2:1: shaded darker
    assert fill != "#0072B2" and contrast(fill, ink) >= 7


@pytest.mark.parametrize("deficiency", ["deutan", "protan"])
@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.key)
def test_team_colours_and_amber_red_stay_apart_for_colour_blind_viewers(theme, deficiency) -> None:  # type: ignore[no-untyped-def]
    assert apart("#0072B2", "#E69F00", deficiency) >= APART
    assert apart(theme.amber, theme.red, deficiency) >= APART
    assert apart(theme.text, theme.amber, deficiency) >= APART  # amber is not just "text"
