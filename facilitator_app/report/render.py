"""The report as the bytes of a file, through the exports' document renderers.

HTML inlines its charts as SVG and PDF embeds them as images (the renderers do both). Markdown
has no charts of its own, so when the report goes to a file the charts are drawn as PNG files
beside it (`report-chart-1.png`, ...) and linked by relative path; on standard output the
tables carry the same numbers.
"""

from __future__ import annotations

from pathlib import Path

from facilitator_app.exports.document import Chart, Document
from facilitator_app.exports.render import Progress, render_document


def chart_files(doc: Document, output: Path) -> dict[int, Path]:
    """Block index -> the PNG file beside `output` that the Markdown links to."""
    indices = [i for i, b in enumerate(doc.blocks) if isinstance(b, Chart)]
    return {
        index: output.with_name(f"{output.stem}-chart-{n}.png")
        for n, index in enumerate(indices, start=1)
    }


def render_report(
    doc: Document, fmt: str, output: Path | None = None, progress: Progress | None = None
) -> tuple[bytes, dict[Path, bytes]]:
    """The file's bytes, and the files to write beside it (Markdown charts), by path."""
    if fmt != "md" or output is None:
        return render_document(doc, fmt, progress), {}
    from facilitator_app.exports import render_markdown
    from facilitator_app.exports.charts import render_png

    files = chart_files(doc, output)
    extra: dict[Path, bytes] = {}
    for n, (index, path) in enumerate(files.items()):
        block = doc.blocks[index]
        assert isinstance(block, Chart)
        if progress:
            progress(n / max(1, len(files)), f"drawing {block.spec.title}")
        extra[path] = render_png(block.spec)
    data = render_markdown.render_bytes(doc, {i: p.name for i, p in files.items()})
    return data, extra
