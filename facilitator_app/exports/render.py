"""Renders any Document in one of the document formats (md, html, pdf), importing lazily."""

from __future__ import annotations

from collections.abc import Callable

from facilitator_app.exports.document import Document

Progress = Callable[[float, str], None]
DOCUMENT_FORMATS = ("md", "html", "pdf")


def render_document(doc: Document, fmt: str, progress: Progress | None = None) -> bytes:
    if fmt == "md":
        from facilitator_app.exports import render_markdown

        return render_markdown.render_bytes(doc)
    if fmt == "html":
        from facilitator_app.exports import render_html

        return render_html.render_bytes(doc, progress)
    if fmt == "pdf":
        from facilitator_app.exports import render_pdf

        return render_pdf.render(doc, progress)
    raise ValueError(f"not a document format: {fmt!r}")
