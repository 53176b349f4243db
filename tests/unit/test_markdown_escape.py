"""Markdown escaping: any text, wherever it lands (paragraph, heading, cell), reads as itself."""

from __future__ import annotations

import string

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from facilitator_app.exports.document import Column, Document, Heading, Link, Paragraph, Table
from facilitator_app.exports.render_markdown import escape_text, render
from tests.helpers.payloads import Markup

MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# Printable text rich in Markdown's special characters, plus some non-ASCII.
TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *string.printable.replace("\r", "").replace("\x0b", "").replace("\x0c", ""),
            "é",
            "→",
            "😀",
            "\u00a0",
        ]
    ),
    max_size=60,
)


def _shown(text: str) -> str:
    """What a reader should see: the text with its lines joined and the ends trimmed."""
    return " ".join(line.strip() for line in text.replace("\t", " ").split("\n")).strip()


def _data(html: str) -> str:
    return " ".join(Markup.of(html).all_text().split())


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("# not a heading")
@example("1. not a list")
@example("    not code")
@example("```")
@example("<b>x</b> &amp; [a](javascript:x) ![i](x) <http://x>")
@example("a\\")
@example("===")
def test_a_paragraph_of_any_text_shows_exactly_that_text(text):
    html = MD.render(escape_text(text) + "\n")
    page = Markup.of(html)
    assert {tag for tag, _ in page.tags} <= {"p"}
    assert _data(html) == " ".join(_shown(text).split())


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_table_cells_keep_their_text_and_the_table_its_shape(first, second):
    doc = Document(
        "t",
        "notes",
        blocks=[
            Table([Column("A"), Column("B")], [[first, second], ["x", "y"]]),
        ],
    )
    page = Markup.of(MD.render(render(doc)))
    assert page.count("td") == 4 and page.count("tr") == 3
    assert {tag for tag, _ in page.tags} <= {"h1", "table", "thead", "tbody", "tr", "th", "td"}


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_headings_and_links_hold_any_text(text):
    doc = Document(
        text or "x",
        "notes",
        blocks=[
            Heading(text or "x"),
            Paragraph((Link(text or "x", "https://example.com/a_(b)*c"),)),
        ],
    )
    page = Markup.of(MD.render(render(doc)))
    assert page.count("h1") == 1 and page.count("h2") == 1 and page.count("a") == 1
    hrefs = [v for _, name, v in page.attributes() if name == "href"]
    assert hrefs == ["https://example.com/a_%28b%29*c"]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5))
@example([" 0"])
@example(["", "- x", ""])
@example(["a", "", "    code?", "```"])
def test_multi_line_paragraphs_keep_their_lines_as_text(lines):
    text = "\n".join(lines)
    if not text.strip():
        return
    for tone in ("normal", "muted", "callout"):
        doc = Document("t", "notes", blocks=[Paragraph(text, tone=tone)])  # type: ignore[arg-type]
        page = Markup.of(MD.render(render(doc)))
        allowed = {"h1", "p", "br", "em", "blockquote"}
        assert {tag for tag, _ in page.tags} <= allowed, (tone, text)
        assert page.count("h1") == 1
