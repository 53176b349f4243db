"""A Document as a PDF that reads like a postmortem document, made headless with fpdf2.

Headings, wrapped paragraphs, tables whose header row repeats on every page, charts as PNG,
"Page N of M" in the footer, sections with a wide table (the timeline) on landscape pages.
The text layout (wrapping, measuring, page flow) is `pdf_layout`; this module lays out the
blocks.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable

from facilitator_app.exports.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Facts,
    Heading,
    Paragraph,
    Strong,
    Table,
)
from facilitator_app.exports.pdf_layout import (
    ACCENT,
    CALLOUT_FILL,
    HEAD_FILL,
    INK,
    MUTED,
    PT,
    RGB,
    RULE,
    ZEBRA,
    PdfPages,
    Piece,
    Run,
)

Progress = Callable[[float, str], None]


class _Renderer:
    def __init__(self, doc: Document, progress: Progress | None) -> None:
        self.doc = doc
        self.progress = progress
        self.p = PdfPages(doc)
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
                    p.draw_line([Piece(bullet, Run(bullet), 3)], p.pdf.l_margin + 1, y, size)
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

        def draw_row(cells: list[list[list[Piece]]], fill: RGB | None) -> None:
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
