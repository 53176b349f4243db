"""Exports and reports: meeting notes, pre-read, action items, calendar, the quarterly report.

Each document (notes, pre-read, report) is first built as a format-neutral `Document` of plain
text blocks; one renderer per format (Markdown, HTML, PDF) turns any document into bytes and does
all the escaping in one place. Nothing heavy is imported here: templates, charts (matplotlib) and
PDF (fpdf2) load only when a format that needs them is rendered.
"""
