"""A Document as Markdown that renders the same on GitHub, GitLab and Confluence.

Everything the user typed is escaped so that it reads as text and never as markup: every ASCII
character that Markdown (CommonMark + GFM tables, math, strikethrough) gives a meaning is
backslash-escaped, block markers at the start of a line are neutralised, and leading spaces are
dropped so no line turns into a code block. Links appear only for http(s) URLs (see
`document.safe_url`), percent-encoded so that no character can end the link early. Charts exist
only in HTML and PDF; the tables next to them carry the same numbers here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote

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

# Characters with a meaning somewhere in CommonMark/GFM inline syntax, escaped wherever they are.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!{}$])")
# Block markers that only mean something at the start of a line (after the escapes above).
_LINE_START = re.compile(r"^([-+=:])")
_ORDERED = re.compile(r"^(\d+)([.)])")  # "1." starts a list; a backslash before a digit is literal
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL_SAFE = "/:?#[]@!$&*+,;=%~-._"  # what may stay as is inside a (…) link destination


def escape_text(text: str) -> str:
    """One line of user text as Markdown that shows exactly that text."""
    text = _CONTROL.sub("\ufffd", text).replace("\r", " ").replace("\n", " ")
    text = _SPECIAL.sub(r"\\\1", text).strip()
    return _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", text))


def escape_lines(text: str) -> list[str]:
    """Each line of a multi-line text escaped on its own (empty lines kept as paragraph breaks)."""
    return [escape_text(line) for line in text.replace("\r\n", "\n").split("\n")]


def _url(url: str) -> str:
    return quote(url, safe=_URL_SAFE)


def inline(value: Inline, *, multiline: bool = False) -> str:
    spans = value if isinstance(value, tuple) else (value,)
    out: list[str] = []
    for span in spans:
        if isinstance(span, str):
            if multiline:
                out.append("\\\n".join(escape_lines(span)) if "\n" in span else escape_text(span))
            else:
                out.append(escape_text(span))
            if span[:1].isspace():
                out[-1] = " " + out[-1]
            if span[-1:].isspace() and not span.endswith("\n"):
                out[-1] += " "
        elif isinstance(span, Link):
            out.append(f"[{escape_text(span.text)}]({_url(span.url)})")
        elif isinstance(span, Strong):
            # `**x **` would not close the emphasis: keep the spaces outside the markers.
            core = escape_text(span.text)
            lead = " " if span.text[:1].isspace() else ""
            tail = " " if span.text[-1:].isspace() else ""
            out.append(f"{lead}**{core}**{tail}" if core else lead + tail)
        elif isinstance(span, TeamName):
            out.append(escape_text(span.name))
    return "".join(out)


def _block_text(value: Inline, *, multiline: bool = False) -> str:
    """Inline text that starts a line: no leading space (it could open a list or code block
    after a marker), no hard break dangling at the end."""
    text = inline(value, multiline=multiline).strip(" ")
    while text.endswith("\\\n"):
        text = text[:-2].rstrip(" ")
    while text.startswith("\\\n"):
        text = text[2:].lstrip(" ")
    return text


def _cell(value: Inline) -> str:
    text = inline(value)
    return text if text.strip() else " "


def _table(table: Table) -> list[str]:
    if not table.rows:
        return [f"*{escape_text(table.empty)}*", ""]
    head = "| " + " | ".join(escape_text(c.title) or " " for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c.align == "right" else "---" for c in table.columns) + "|"
    lines = [head, rule]
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return [*lines, ""]


def _paragraph(block: Paragraph) -> list[str]:
    text = _block_text(block.text, multiline=True)
    if block.tone == "callout":
        return ["> " + text.replace("\n", "\n> "), ""]
    if block.tone == "muted":
        return [f"*{text}*" if "\n" not in text else text, ""]
    return [text, ""]


def render(doc: Document, images: Mapping[int, str] | None = None) -> str:
    """`images`: chart block index -> a relative path of the chart drawn beside the file."""
    lines = [f"# {escape_text(doc.title)}", ""]
    if doc.subtitle:
        lines += [f"*{escape_text(doc.subtitle)}*", ""]
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            level = max(2, min(block.level, 4))
            lines += ["#" * level + " " + escape_text(block.text), ""]
        elif isinstance(block, Paragraph):
            lines += _paragraph(block)
        elif isinstance(block, Facts):
            lines += [f"- **{escape_text(k)}:** {_block_text(v)}" for k, v in block.items]
            lines.append("")
        elif isinstance(block, BulletList):
            lines += [f"- {_block_text(item)}" for item in block.items]
            lines.append("")
        elif isinstance(block, Table):
            lines += _table(block)
        elif isinstance(block, Chart) and images and index in images:
            lines += [f"![{escape_text(block.spec.title)}]({_url(images[index])})", ""]
            if block.caption:
                lines += [f"*{escape_text(block.caption)}*", ""]
    if doc.footer:
        lines += ["---", "", f"*{escape_text(doc.footer)}*", ""]
    return "\n".join(lines)


def render_bytes(doc: Document, images: Mapping[int, str] | None = None) -> bytes:
    return render(doc, images).encode("utf-8")
