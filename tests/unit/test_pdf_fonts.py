"""The PDF finds a Unicode font on its own, and still renders without one."""

from __future__ import annotations

from facilitator_app.exports import fonts, pdf_layout, render_pdf
from facilitator_app.exports.notes import build_notes
from tests.helpers.export_sessions import export_session


def test_dejavu_is_found_without_a_hard_coded_path():
    found = fonts.find_unicode_font()
    assert found is not None
    assert {path.name for path in found.files.values()} == set(fonts.STYLES.values())
    assert all(path.is_file() for path in found.files.values())


def test_without_a_unicode_font_the_pdf_falls_back_to_a_core_font(monkeypatch):
    monkeypatch.setattr(pdf_layout, "find_unicode_font", lambda: None)
    session = export_session(events=4, actions=2)
    session.title = "Ausfall → Zahlungen 😀 ünd Grüße"
    data = render_pdf.render(build_notes(session))
    assert data.startswith(b"%PDF-")
    assert b"/BaseFont /Helvetica" in data and b"DejaVu" not in data


def test_with_the_unicode_font_it_is_embedded():
    data = render_pdf.render(build_notes(export_session(events=4, actions=2)))
    assert b"DejaVu" in data
