"""Injection payloads for every text field, and a parser that lists what markup a page holds."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

PAYLOADS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[click me](javascript:alert(1))",
    "# Heading\n## Another heading",
    "a | b | c",
    "```\nfenced code\n```",
    '=HYPERLINK("http://evil.example","x")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "</td></tr></table><h1>broken out</h1>",
    "{{ 7*7 }} {% raw %} ${7*7}",
    "&lt;script&gt; &amp; &#x3C;b&#x3E;",
    "*bold* _it_ ~~struck~~ $x$ ![img](http://evil.example/a.png)",
    "<https://evil.example> <javascript:alert(1)>",
    "- a list\n1. an item\n> a quote\n    indented code",
    "<!-- comment --> <style>body{display:none}</style>",
    "x\nEND:VEVENT\nBEGIN:VEVENT\nUID:x;y,\\",
]
SHORT = "=1+1<b>"  # for the 20-character severity


class PayloadText:
    """A text factory for `rich_session`: each field gets the next payload, then its own label."""

    def __init__(self) -> None:
        self._cycle = itertools.cycle(PAYLOADS)

    def __call__(self, label: str) -> str:
        if label == "SEV2":
            return SHORT
        return f"{next(self._cycle)} {label}"


class Markup(HTMLParser):
    """Every start tag with its attributes, and all the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @classmethod
    def of(cls, html: str) -> Markup:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    def shape(self) -> list[tuple[str, tuple[str, ...]]]:
        """Tag names with their attribute names: what user text must never change."""
        return [(tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in self.tags]

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)

    def attributes(self) -> list[tuple[str, str, str | None]]:
        return [(tag, name, value) for tag, attrs in self.tags for name, value in attrs]

    def all_text(self) -> str:
        return "".join(self.text)
