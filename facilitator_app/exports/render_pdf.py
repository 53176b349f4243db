"""A Document as a PDF that reads like a postmortem document, made headless with fpdf2.

Headings, wrapped paragraphs, tables whose header row repeats on every page, charts as PNG,
"Page N of M" in the footer, sections with a wide table (the timeline) on landscape pages.
fpdf2 is pure Python and needs no display or Qt. Its own table layout measures text one
character at a time (about 4 s for 1,000 rows), so tables and paragraphs are wrapped here with
word widths cached, then written with the plain `text` call. Text is never interpreted: no
markdown, no HTML, so the user's text is only ever text.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from facilitator_app.exports.document import (
    Block,
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
from facilitator_app.exports.fonts import find_unicode_font

Progress = Callable[[float, str], None]
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
class _Run:
    text: str
    style: str = ""  # "", "B" or "I"
    url: str | None = None
    swatch: RGB | None = None  # a team colour dot drawn before the text


@dataclass(frozen=True)
class _Piece:
    text: str
    run: _Run
    width: float


class _Pdf:
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

    def runs(self, value: Inline, base: str = "") -> list[_Run]:
        spans = value if isinstance(value, tuple) else (value,)
        out = []
        for span in spans:
            if isinstance(span, str):
                out.append(_Run(self._clean(span), base))
            elif isinstance(span, Strong):
                out.append(_Run(self._clean(span.text), "B"))
            elif isinstance(span, Link):
                out.append(_Run(self._clean(span.text), base, url=span.url))
            elif isinstance(span, TeamName):
                out.append(_Run(self._clean(span.name), base, swatch=_hex(span.colour)))
        return out

    def wrap(self, runs: list[_Run], width: float, size: float) -> list[list[_Piece]]:
        lines: list[list[_Piece]] = [[]]
        x = 0.0
        for run in runs:
            if run.swatch is not None:
                lines[-1].append(_Piece("", _Run("", swatch=run.swatch), size * PT * 0.9))
                x += size * PT * 0.9
                run = _Run(run.text, run.style, run.url)
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
                            lines[-1].append(_Piece(chunk, run, cw))
                            x = cw
                        continue
                    lines[-1].append(_Piece(word, run, w))
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
    def _merge(line: list[_Piece]) -> list[_Piece]:
        merged: list[_Piece] = []
        for piece in line:
            if merged and merged[-1].run is piece.run and piece.run.swatch is None:
                last = merged[-1]
                merged[-1] = _Piece(last.text + piece.text, last.run, last.width + piece.width)
            else:
                merged.append(piece)
        return merged

    def draw_line(
        self, line: list[_Piece], x: float, baseline: float, size: float, colour: RGB = INK
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
    def line_width(line: list[_Piece]) -> float:
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


class _Renderer:
    def __init__(self, doc: Document, progress: Progress | None) -> None:
        self.doc = doc
        self.progress = progress
        self.p = _Pdf(doc)
        self.pngs: dict[int, bytes] = {}

    def report(self, fraction: float, text: str) -> None:
        if self.progress:
            self.progress(fraction, text)

    def render(self) -> bytes:
        charts = [(i, b) for i, b in enumerate(self.doc.blocks) if isinstance(b, Chart)]
        if charts:
            from facilitator_app.exports import charts as drawing

            for done, (index, chart) in enumerate(charts):
                self.report(
                    0.05 + 0.45 * done / len(charts), f"Drawing {chart.spec.title.lower()}…"
                )
                self.pngs[index] = drawing.render_png(chart.spec)
        self.report(0.5, "Laying out pages…")
        self.p.new_page(landscape=False)
        self.title()
        blocks = self.doc.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, Heading) and block.level <= 2:
                wide = self._section_is_wide(index)
                if wide != self.p.landscape:
                    self.p.new_page(landscape=wide)
            self.block(index, block)
            if index % 25 == 0:
                self.report(0.5 + 0.45 * index / max(1, len(blocks)), "Laying out pages…")
        self.report(0.97, "Writing the PDF…")
        return bytes(self.p.pdf.output())

    def _section_is_wide(self, start: int) -> bool:
        for block in self.doc.blocks[start + 1 :]:
            if isinstance(block, Heading) and block.level <= 2:
                return False
            if isinstance(block, Table) and block.wide and block.rows:
                return True
        return False

    # ---- blocks -----------------------------------------------------------------------

    def title(self) -> None:
        p = self.p
        lines = p.wrap(p.runs(Strong(self.doc.title)), p.pdf.epw, 20)
        y = p.pdf.get_y() + 7
        for line in lines:
            p.draw_line(line, p.pdf.l_margin, y, 20)
            y += 20 * PT * 1.25
        if self.doc.subtitle:
            for line in p.wrap(p.runs(self.doc.subtitle), p.pdf.epw, 12):
                p.draw_line(line, p.pdf.l_margin, y, 12, MUTED)
                y += 12 * PT * 1.3
        p.pdf.set_draw_color(*ACCENT)
        p.pdf.set_line_width(0.8)
        p.pdf.line(p.pdf.l_margin, y - 2, p.pdf.w - p.pdf.r_margin, y - 2)
        p.pdf.set_y(y + 3)

    def block(self, index: int, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, BulletList):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(self.pngs[index], block)

    def heading(self, block: Heading) -> None:
        p = self.p
        size = 15 if block.level <= 2 else 12
        p.ensure(size * PT * 2 + 22)  # keep a heading with the start of its section
        y = p.pdf.get_y() + (5 if block.level <= 2 else 3)
        for line in p.wrap(p.runs(Strong(block.text)), p.pdf.epw, size):
            y += size * PT * 1.2
            p.draw_line(line, p.pdf.l_margin, y, size)
        if block.level <= 2:
            p.pdf.set_draw_color(*RULE)
            p.pdf.set_line_width(0.3)
            p.pdf.line(p.pdf.l_margin, y + 1.8, p.pdf.w - p.pdf.r_margin, y + 1.8)
        p.pdf.set_y(y + 4)

    def _flow(
        self, runs: list, x: float, width: float, size: float, colour: RGB = INK, gap: float = 2.5
    ) -> None:
        p = self.p
        step = size * PT * 1.4
        for line in p.wrap(runs, width, size):
            p.ensure(step)
            y = p.pdf.get_y() + size * PT
            p.draw_line(line, x, y, size, colour)
            p.pdf.set_y(p.pdf.get_y() + step)
        p.pdf.set_y(p.pdf.get_y() + gap)

    def paragraph(self, block: Paragraph) -> None:
        p = self.p
        size = 10
        base = "I" if block.tone == "muted" else ""
        runs = p.runs(block.text, base)
        if block.tone != "callout":
            self._flow(runs, p.pdf.l_margin, p.pdf.epw, size, MUTED if base else INK)
            return
        lines = p.wrap(runs, p.pdf.epw - 8, 11)
        step = 11 * PT * 1.4
        height = len(lines) * step + 4
        p.ensure(min(height, 60))
        top = p.pdf.get_y()
        p.pdf.set_fill_color(*CALLOUT_FILL)
        p.pdf.rect(p.pdf.l_margin, top, p.pdf.epw, min(height, p.bottom - top), style="F")
        p.pdf.set_fill_color(*ACCENT)
        p.pdf.rect(p.pdf.l_margin, top, 1.2, min(height, p.bottom - top), style="F")
        p.pdf.set_y(top + 2)
        for line in lines:
            p.ensure(step)
            p.draw_line(line, p.pdf.l_margin + 5, p.pdf.get_y() + 11 * PT, 11)
            p.pdf.set_y(p.pdf.get_y() + step)
        p.pdf.set_y(p.pdf.get_y() + 5)

    def facts(self, block: Facts) -> None:
        p = self.p
        size = 10
        label_w = 62.0
        step = size * PT * 1.45
        for label, value in block.items:
            label_lines = p.wrap(p.runs(Strong(label)), label_w - 3, size)
            value_lines = p.wrap(p.runs(value), p.pdf.epw - label_w, size)
            rows = max(len(label_lines), len(value_lines))
            p.ensure(step * rows)
            y = p.pdf.get_y() + size * PT
            for i in range(rows):
                if i < len(label_lines):
                    p.draw_line(label_lines[i], p.pdf.l_margin, y + i * step, size, MUTED)
                if i < len(value_lines):
                    p.draw_line(value_lines[i], p.pdf.l_margin + label_w, y + i * step, size)
            p.pdf.set_y(p.pdf.get_y() + step * rows + 0.6)
        p.pdf.set_y(p.pdf.get_y() + 2.5)

    def bullets(self, block: BulletList) -> None:
        p = self.p
        size = 10
        step = size * PT * 1.4
        for item in block.items:
            lines = p.wrap(p.runs(item), p.pdf.epw - 6, size)
            for i, line in enumerate(lines):
                p.ensure(step)
                y = p.pdf.get_y() + size * PT
                if i == 0:
                    bullet = p._clean("•")
                    p.draw_line([_Piece(bullet, _Run(bullet), 3)], p.pdf.l_margin + 1, y, size)
                p.draw_line(line, p.pdf.l_margin + 6, y, size)
                p.pdf.set_y(p.pdf.get_y() + step)
            p.pdf.set_y(p.pdf.get_y() + 0.8)
        p.pdf.set_y(p.pdf.get_y() + 2)

    def chart(self, png: bytes, block: Chart) -> None:
        p = self.p
        width_px, height_px = struct.unpack(">II", png[16:24])
        natural_w = width_px / 150 * 25.4
        w = min(p.pdf.epw, natural_w)
        h = w * height_px / width_px
        if p.room() < h + 6:
            p.new_page()
        y = p.pdf.get_y() + 1
        p.pdf.image(io.BytesIO(png), x=p.pdf.l_margin, y=y, w=w, h=h)
        p.pdf.set_y(y + h + 1)
        if block.caption:
            self._flow(p.runs(block.caption, "I"), p.pdf.l_margin, p.pdf.epw, 8.5, MUTED)
        else:
            p.pdf.set_y(p.pdf.get_y() + 3)

    def table(self, table: Table) -> None:
        p = self.p
        if not table.rows:
            self.paragraph(Paragraph(table.empty, tone="muted"))
            return
        size = 7.6 if table.wide else 8.8
        pad = 1.3
        step = size * PT * 1.32
        total = sum(c.weight for c in table.columns)
        widths = [p.pdf.epw * c.weight / total for c in table.columns]
        header = [
            p.wrap(p.runs(Strong(c.title)), w - 2 * pad, size)
            for c, w in zip(table.columns, widths, strict=True)
        ]

        def draw_row(cells: list[list[list[_Piece]]], fill: RGB | None) -> None:
            rows = max(1, *(len(c) for c in cells))
            height = rows * step + 2 * pad
            top = p.pdf.get_y()
            x = p.pdf.l_margin
            p.pdf.set_draw_color(*RULE)
            p.pdf.set_line_width(0.2)
            if fill is not None:
                p.pdf.set_fill_color(*fill)
                p.pdf.rect(x, top, p.pdf.epw, height, style="F")
            for column, w, lines in zip(table.columns, widths, cells, strict=True):
                for i, line in enumerate(lines):
                    baseline = top + pad + size * PT + i * step
                    lx = x + pad
                    if column.align == "right":
                        lx = x + w - pad - p.line_width(line)
                    p.draw_line(line, lx, baseline, size)
                p.pdf.rect(x, top, w, height)
                x += w
            p.pdf.set_y(top + height)

        def start_page_if_needed(height: float, first: bool) -> bool:
            if p.room() >= height:
                return False
            p.new_page()
            return True

        header_h = max(len(h) for h in header) * step + 2 * pad
        start_page_if_needed(header_h + step * 2 + 2 * pad, True)
        draw_row(header, HEAD_FILL)
        for number, row in enumerate(table.rows):
            cells = [p.wrap(p.runs(v), w - 2 * pad, size) for v, w in zip(row, widths, strict=True)]
            fill = ZEBRA if number % 2 else None
            rows_needed = max(1, *(len(c) for c in cells))
            height = rows_needed * step + 2 * pad
            page_h = p.bottom - 16 - header_h
            while height > p.room():
                fit = int((p.room() - 2 * pad) // step)
                if height <= page_h or fit < 2:  # moves whole to the next page
                    p.new_page()
                    draw_row(header, HEAD_FILL)
                    continue
                # taller than a page: split its lines across pages
                draw_row([c[:fit] for c in cells], fill)
                cells = [c[fit:] for c in cells]
                rows_needed = max(1, *(len(c) for c in cells))
                height = rows_needed * step + 2 * pad
                p.new_page()
                draw_row(header, HEAD_FILL)
            draw_row(cells, fill)
        p.pdf.set_y(p.pdf.get_y() + 4)


def render(doc: Document, progress: Progress | None = None) -> bytes:
    return _Renderer(doc, progress).render()
