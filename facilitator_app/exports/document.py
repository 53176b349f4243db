"""A format-neutral document: the blocks that notes, pre-read and report are made of.

Builders put the user's text in here as plain strings, never as markup; the renderers
(Markdown, HTML, PDF) escape every string they are given. Links carry a URL that `safe_url`
accepted (http or https only), so no renderer has to decide what is safe.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from facilitator_app.exports.chart_specs import ChartSpec

# Control characters, spaces and the characters that end a URL in Markdown or HTML are refused
# rather than repaired: a log link with them in it is not one we should make clickable.
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


def safe_url(url: str) -> str | None:
    """The URL if it is an absolute http(s) link with a host, else None (shown as text)."""
    candidate = url.strip()
    if not candidate or _URL_FORBIDDEN.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return candidate


@dataclass(frozen=True)
class Link:
    """A link; build it with `link()` so that an unsafe URL becomes plain text."""

    text: str
    url: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class TeamName:
    """A team's name with its colour beside it (the colour is a validated #RRGGBB)."""

    name: str
    colour: str


Span = str | Link | Strong | TeamName
Inline = Span | tuple[Span, ...]


def link(text: str, url: str) -> Span:
    """A Link if `url` is safe, else the text (and the URL, so nothing the user wrote is lost)."""
    checked = safe_url(url)
    if checked is not None:
        return Link(text or checked, checked)
    shown = url.strip()
    if not shown:
        return text
    return shown if not text or text == shown else f"{text} ({shown})"


def plain(value: Inline) -> str:
    """The text of an inline run without any markup (for widths, alt text and tests)."""
    spans = value if isinstance(value, tuple) else (value,)
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(span)
        elif isinstance(span, TeamName):
            out.append(span.name)
        else:
            out.append(span.text)
    return "".join(out)


@dataclass
class Heading:
    text: str
    level: int = 2  # 1 is the document title; sections are 2, subsections 3


@dataclass
class Paragraph:
    text: Inline
    tone: Literal["normal", "muted", "callout"] = "normal"


@dataclass
class Facts:
    """Label / value pairs (the incident header, poll results)."""

    items: list[tuple[str, Inline]]


@dataclass
class BulletList:
    items: list[Inline]


@dataclass(frozen=True)
class Column:
    title: str
    weight: float = 1.0  # share of the table width in fixed-width renderers (PDF)
    align: Literal["left", "right"] = "left"


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[Inline]]
    empty: str = "None recorded."
    wide: bool = False  # many columns: the PDF puts it on landscape pages


@dataclass
class Chart:
    spec: ChartSpec
    caption: str = ""


Block = Heading | Paragraph | Facts | BulletList | Table | Chart


@dataclass
class Document:
    title: str
    kind: str  # "notes", "pre-read", "report": names the CSS class and the PDF metadata
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def section(self, title: str, *blocks: Block, level: int = 2) -> None:
        self.blocks.append(Heading(title, level))
        self.blocks.extend(blocks)

    def charts(self) -> Sequence[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]
