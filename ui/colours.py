"""Colour arithmetic for legible text, without Qt: WCAG 2.x contrast and shading toward it.

A team's colour is the facilitator's choice (Okabe-Ito by default), and some of those colours
cannot carry text at 7:1 on any background (Okabe-Ito blue #0072B2 reaches 5.2:1 with white). So
text drawn in a team's colour, or on it, uses the nearest shade of that colour (mixed toward black
or white) that reaches the target: the hue stays the team's, the contrast the room needs.
"""

from __future__ import annotations

TARGET = 7.0  # WCAG 2.x AAA for body text: what a washed-out projector still shows


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(colour: str, toward: str, amount: float) -> str:
    c, t = _rgb(colour), _rgb(toward)
    return _hex(tuple(x + (y - x) * amount for x, y in zip(c, t, strict=True)))  # type: ignore[arg-type]


def legible(colour: str, background: str, target: float = TARGET) -> str:
    """`colour`, or the least-changed shade of it that reads at `target` on `background`."""
    if contrast(colour, background) >= target:
        return colour
    toward = "#000000" if luminance(background) > 0.18 else "#FFFFFF"
    for step in range(1, 101):
        shade = mix(colour, toward, step / 100)
        if contrast(shade, background) >= target:
            return shade
    return toward


def ink_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    return "#000000" if contrast("#000000", fill) >= contrast("#FFFFFF", fill) else "#FFFFFF"


def fill_for_text(colour: str, target: float = TARGET) -> tuple[str, str]:
    """(fill, ink): the team's colour (shaded if need be) with black or white text on it."""
    best: tuple[int, str, str] | None = None
    for ink, toward in (("#000000", "#FFFFFF"), ("#FFFFFF", "#000000")):
        for step in range(0, 101):
            shade = mix(colour, toward, step / 100)
            if contrast(shade, ink) >= target:
                if best is None or step < best[0]:
                    best = (step, shade, ink)
                break
    assert best is not None  # pure black or white always reaches 21:1 with the other
    return best[1], best[2]
