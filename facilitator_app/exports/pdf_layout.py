"""The PDF's text layout on top of fpdf2: fonts, cached word widths, wrapping runs of styled
text (bold, links, team colour dots) into lines, drawing a line, and page flow.

fpdf2's own text flow and tables (`multi_cell`, `FPDF.table()`) measure a line by re-measuring
every prefix of it: a 1,000-event timeline took 5.3 s in `FPDF.table()` against 1.5 s for the
whole document here (the export target is 2 s), and a row taller than a page is refused
rather than continued. So lines are wrapped here with word widths cached, then written with the
plain `text` call. Text is never interpreted: no markdown, no HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from facilitator_app.exports.document import (
    Document,
    Inline,
    Link,
    Strong,
    TeamName,
)
from facilitator_app.exports.fonts import find_unicode_font

RGB = tuple[int, int, int]

INK: RGB = (29, 29, 31)
MUTED: RGB = (95, 99, 104)
RULE: RGB = (208, 212, 217)
HEAD_FILL: RGB = (236, 239, 242)
ZEBRA: RGB = (248, 249, 250)
ACCENT: RGB = (0, 114, 178)
LINK: RGB = (0, 90, 140)
CALLOUT_FILL: RGB = (238, 246, 251)
PT = 0.3528  # millimetres per point
_WORDS = re.compile(r"\S+\s*|\s+")
_LATIN1 = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "•": "·",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "…": "...",
        "→": "->",
        "◆": "*",
        "○": "o",
        "\u202f": " ",
    }
)


def _hex(colour: str) -> RGB:
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
        return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))
    return MUTED


@dataclass(frozen=True)
class Run:
    text: str
    style: str = ""  # "", "B" or "I"
    url: str | None = None
    swatch: RGB | None = None  # a team colour dot drawn before the text


@dataclass(frozen=True)
class Piece:
    text: str
    run: Run
    width: float


class PdfPages:
    """Wraps fpdf2's FPDF with cached measuring and the few drawing moves the documents need."""

    def __init__(self, doc: Document) -> None:
        from fpdf import FPDF

        title, footer = doc.title, doc.footer

        class _Pages(FPDF):
            def header(inner) -> None:  # `inner` is the FPDF page; `self` the wrapper
                if inner.page_no() > 1:
                    self._small(inner.l_margin, 8, self._clean(title), MUTED)

            def footer(inner) -> None:
                y = inner.h - 9
                self._small(inner.l_margin, y, self._clean(footer), MUTED)
                # `cell` (unlike `text`) fills in the page count alias `{nb}`.
                inner.set_font(self.family, "", 8)
                inner.set_text_color(*MUTED)
                inner.set_xy(inner.w - inner.r_margin - 40, y - 3)
                inner.cell(40, 4, f"Page {inner.page_no()} of {{nb}}", align="R")

        self.pdf: Any = _Pages(orientation="P", unit="mm", format="A4")
        self.pdf.set_margins(16, 16, 16)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_title(self._clean_raw(title))
        self.pdf.set_creator("Postmortem Facilitator")
        fonts = find_unicode_font()
        self.unicode = fonts is not None
        if fonts is not None:
            for style, path in fonts.files.items():
                self.pdf.add_font(fonts.family, style, str(path))
            self.family = fonts.family
        else:
            self.family = "helvetica"
        self._font: tuple[str, float] | None = None
        self._widths: dict[tuple[str, float, str], float] = {}
        self.landscape = False

    # ---- text primitives --------------------------------------------------------------

    def _clean_raw(self, text: str) -> str:
        text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", text)
        if getattr(self, "unicode", True):
            return text
        # Core fonts know only Latin-1: keep common punctuation readable, "?" for the rest.
        return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def _clean(self, text: str) -> str:
        return self._clean_raw(text)

    def use(self, style: str, size: float) -> None:
        if self._font != (style, size):
            self.pdf.set_font(self.family, style, size)
            self._font = (style, size)

    def width(self, text: str, style: str, size: float) -> float:
        key = (style, size, text)
        found = self._widths.get(key)
        if found is None:
            self.use(style, size)
            found = self._widths[key] = self.pdf.get_string_width(text)
        return found

    def _small(self, x: float, y: float, text: str, colour: RGB) -> None:
        # Called from header/footer inside add_page: set the font directly, not via the cache.
        self.pdf.set_font(self.family, "", 8)
        self._font = None
        self.pdf.set_text_color(*colour)
        self.pdf.text(x, y, text)

    # ---- wrapping ---------------------------------------------------------------------

    def runs(self, value: Inline, base: str = "") -> list[Run]:
        spans = value if isinstance(value, tuple) else (value,)
        out = []
        for span in spans:
            if isinstance(span, str):
                out.append(Run(self._clean(span), base))
            elif isinstance(span, Strong):
                out.append(Run(self._clean(span.text), "B"))
            elif isinstance(span, Link):
                out.append(Run(self._clean(span.text), base, url=span.url))
            elif isinstance(span, TeamName):
                out.append(Run(self._clean(span.name), base, swatch=_hex(span.colour)))
        return out

    def wrap(self, runs: list[Run], width: float, size: float) -> list[list[Piece]]:
        lines: list[list[Piece]] = [[]]
        x = 0.0
        for run in runs:
            if run.swatch is not None:
                lines[-1].append(Piece("", Run("", swatch=run.swatch), size * PT * 0.9))
                x += size * PT * 0.9
                run = Run(run.text, run.style, run.url)
            for index, part in enumerate(run.text.split("\n")):
                if index:
                    lines.append([])
                    x = 0.0
                for word in _WORDS.findall(part):
                    w = self.width(word, run.style, size)
                    trailing = len(word) - len(word.rstrip(" "))
                    visible = w - trailing * self.width(" ", run.style, size) if trailing else w
                    if x + visible > width and lines[-1]:
                        if word.isspace():
                            continue
                        lines.append([])
                        x = 0.0
                    if visible > width:  # a word longer than the column: break it anywhere
                        for chunk in self._split_long(word, run.style, size, width):
                            if lines[-1]:
                                lines.append([])
                            cw = self.width(chunk, run.style, size)
                            lines[-1].append(Piece(chunk, run, cw))
                            x = cw
                        continue
                    lines[-1].append(Piece(word, run, w))
                    x += w
        return [self._merge(line) for line in lines]

    def _split_long(self, word: str, style: str, size: float, width: float) -> Iterator[str]:
        chunk = ""
        for char in word:
            if chunk and self.width(chunk + char, style, size) > width:
                yield chunk
                chunk = ""
            chunk += char
        if chunk:
            yield chunk

    @staticmethod
    def _merge(line: list[Piece]) -> list[Piece]:
        merged: list[Piece] = []
        for piece in line:
            if merged and merged[-1].run is piece.run and piece.run.swatch is None:
                last = merged[-1]
                merged[-1] = Piece(last.text + piece.text, last.run, last.width + piece.width)
            else:
                merged.append(piece)
        return merged

    def draw_line(
        self, line: list[Piece], x: float, baseline: float, size: float, colour: RGB = INK
    ) -> None:
        for piece in line:
            if piece.run.swatch is not None:
                d = size * PT * 0.62
                self.pdf.set_fill_color(*piece.run.swatch)
                self.pdf.ellipse(x, baseline - d * 1.05, d, d, style="F")
                x += piece.width
                continue
            text = piece.text.rstrip() if piece is line[-1] else piece.text
            if text:
                self.use(piece.run.style, size)
                self.pdf.set_text_color(*(LINK if piece.run.url else colour))
                self.pdf.text(x, baseline, text)
                if piece.run.url:
                    self.pdf.link(
                        x, baseline - size * PT, piece.width, size * PT * 1.3, piece.run.url
                    )
            x += piece.width

    @staticmethod
    def line_width(line: list[Piece]) -> float:
        if not line:
            return 0.0
        trailing = len(line[-1].text) - len(line[-1].text.rstrip())
        return sum(p.width for p in line) - (line[-1].width * trailing / max(1, len(line[-1].text)))

    # ---- page flow --------------------------------------------------------------------

    @property
    def bottom(self) -> float:
        return float(self.pdf.h - 16)

    def room(self) -> float:
        return float(self.bottom - self.pdf.get_y())

    def new_page(self, landscape: bool | None = None) -> None:
        if landscape is not None:
            self.landscape = landscape
        self.pdf.add_page(orientation="L" if self.landscape else "P")
        self._font = None  # add_page ran header/footer and restored a font behind our back
        self.pdf.set_y(16)

    def ensure(self, height: float) -> None:
        if self.room() < height:
            self.new_page()
