"""A Document as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts.

Jinja2 with autoescape writes every value; the only markup not produced by the template is the
chart SVG that matplotlib draws (its text is XML-escaped by matplotlib). A Content-Security-
Policy meta tag forbids scripts, remote loads, forms and base changes, so even a mistake here
could not run code or call home.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from markupsafe import Markup, escape

from facilitator_app.exports.document import (
    BulletList,
    Chart,
    Document,
    Facts,
    Heading,
    Inline,
    Link,
    Paragraph,
    Strong,
    Table,
    TeamName,
)
from facilitator_app.paths import resource

Progress = Callable[[float, str], None]
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_LINK = '<a href="{0}" rel="noopener noreferrer nofollow">{1}</a>'
_TEAM = '<span class="team"><span class="swatch" style="background:{0}"></span>{1}</span>'


TEMPLATE = "document.html.j2"
STYLESHEET = "document.css"


def _resource_text(name: str) -> str:
    return resource("exports").joinpath(name).read_text(encoding="utf-8")


def _colour(value: object) -> str:
    return value if isinstance(value, str) and _HEX.match(value) else "#777777"


def _inline(value: Inline) -> Any:
    """A run of spans as HTML; `Markup.format` escapes every value it is given.

    A filter in Python rather than a template macro: a 1,000-row timeline calls it 9,000 times.
    """
    if isinstance(value, str):  # most cells: one plain string
        return escape(value)
    spans = value if isinstance(value, tuple) else (value,)
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(escape(span))
        elif isinstance(span, Link):
            out.append(Markup(_LINK).format(span.url, span.text))
        elif isinstance(span, Strong):
            out.append(Markup("<strong>{0}</strong>").format(span.text))
        elif isinstance(span, TeamName):
            out.append(Markup(_TEAM).format(_colour(span.colour), span.name))
    return Markup("").join(out)


@cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    kinds: dict[str, type | tuple[type, ...]] = {
        "heading": Heading,
        "paragraph": Paragraph,
        "facts": Facts,
        "bullets": BulletList,
        "table": Table,
        "chart": Chart,
        "tuple": tuple,
        "link_span": Link,
        "strong_span": Strong,
        "team_span": TeamName,
    }
    for name, kind in kinds.items():
        env.tests[name] = lambda value, kind=kind: isinstance(value, kind)
    env.filters["colour"] = _colour
    env.filters["inline"] = _inline
    env.filters["heading_level"] = lambda level: max(2, min(int(level), 4))
    return env.from_string(_resource_text(TEMPLATE))


@cache
def _css() -> str:
    return _resource_text(STYLESHEET)


def render(doc: Document, progress: Progress | None = None) -> str:
    svgs: dict[int, Markup] = {}
    charts = [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Chart)]
    if charts:
        from facilitator_app.exports import charts as drawing

        for done, (index, chart) in enumerate(charts):
            if progress:
                progress(0.1 + 0.8 * done / len(charts), f"Drawing {chart.spec.title.lower()}…")
            svgs[index] = Markup(drawing.render_svg(chart.spec))
    if progress:
        progress(0.9, "Writing the page…")
    # The stylesheet is ours (a resource), never user text: mark it safe or its quotes break.
    return str(_template().render(doc=doc, css=Markup(_css()), svgs=svgs))


def render_bytes(doc: Document, progress: Progress | None = None) -> bytes:
    return render(doc, progress).encode("utf-8")
