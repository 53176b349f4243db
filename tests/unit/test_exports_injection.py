"""Everything a user typed is shown as text in every export, never run or read as markup.

The session under test holds an injection payload in every text field (tests/helpers/payloads).
Its exports are compared with those of the same session holding plain text: user text may change
what the text says, never which elements, attributes or table cells exist.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess

import pytest
from markdown_it import MarkdownIt

from facilitator_app.exports import actions_csv
from facilitator_app.exports.formats import FORMATS, PRE_READ_FORMATS
from tests.helpers.export_sessions import export_session
from tests.helpers.payloads import PAYLOADS, Markup, PayloadText

FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
JS_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://logs.example.com/x"><script>alert(1)</script>',
    "https://logs.example.com/a) [x](javascript:alert(1)",
    "vbscript:msgbox(1)",
    "//evil.example/x",
]


@pytest.fixture(scope="module")
def hostile():
    return export_session(PayloadText(), events=24, actions=9)


@pytest.fixture(scope="module")
def plain():
    return export_session(events=24, actions=9)


@pytest.fixture(scope="module")
def hostile_links():
    return export_session(PayloadText(), events=len(JS_URLS), url=lambda i: JS_URLS[i])


def markdown_html(source: bytes) -> str:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.render(source.decode("utf-8"))


@pytest.mark.parametrize(
    "render", [FORMATS["html"].render, PRE_READ_FORMATS["html"].render], ids=["notes", "pre-read"]
)
def test_html_elements_and_attributes_never_come_from_user_text(render, hostile, plain):
    page = Markup.of(render(hostile).decode("utf-8"))
    twin = Markup.of(render(plain).decode("utf-8"))
    assert page.shape() == twin.shape()
    for tag, name, value in page.attributes():
        assert not name.startswith("on"), (tag, name)
        if name in ("href", "src", "xlink:href"):  # links, or a chart's own internal refs
            assert (value or "").startswith(("https://", "#")), (tag, name, value)
    assert page.count("script") == 0 and page.count("img") == 0 and page.count("iframe") == 0
    text = page.all_text()
    for payload in (
        '<script>alert("x")</script>',
        "<img src=x onerror=alert(1)>",
        '"><svg onload=alert(1)>',
        "{{ 7*7 }}",
    ):
        assert payload in text  # shown to the reader as the characters typed


def test_html_has_a_restrictive_content_security_policy(plain):
    page = Markup.of(FORMATS["html"].render(plain).decode("utf-8"))
    policies = [
        dict(attrs).get("content") or ""
        for tag, attrs in page.tags
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(policies) == 1
    assert "default-src 'none'" in policies[0]
    assert "script-src" not in policies[0]  # falls back to 'none'


def test_html_links_only_for_http_and_https(hostile_links):
    html = FORMATS["html"].render(hostile_links).decode("utf-8")
    page = Markup.of(html)
    hrefs = [value for tag, name, value in page.attributes() if tag == "a" and name == "href"]
    assert hrefs  # the tickets are real links
    assert all((h or "").startswith("https://") for h in hrefs)
    assert "javascript:" not in "".join(h or "" for h in hrefs).lower()
    assert "JaVaScRiPt:alert(1)" in page.all_text()  # the bad link is still shown, as text


@pytest.mark.parametrize(
    "render", [FORMATS["md"].render, PRE_READ_FORMATS["md"].render], ids=["notes", "pre-read"]
)
def test_markdown_renders_user_text_as_text(render, hostile, plain):
    page = Markup.of(markdown_html(render(hostile)))
    twin = Markup.of(markdown_html(render(plain)))
    allowed = {
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "em",
        "strong",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "blockquote",
        "a",
        "hr",
        "br",
    }
    assert {tag for tag, _ in page.tags} <= allowed
    for tag in (
        "h1",
        "h2",
        "h3",
        "h4",
        "table",
        "tr",
        "td",
        "th",
        "li",
        "a",
        "blockquote",
        "em",
        "strong",
        "ul",
    ):
        assert page.count(tag) == twin.count(tag), tag
    for tag, name, value in page.attributes():
        assert (tag, name) in {("a", "href"), ("th", "style"), ("td", "style")}, (tag, name)
        if name == "href":
            assert (value or "").startswith("https://")
    text = page.all_text()
    assert '<script>alert("x")</script>' in text
    assert "[click me](javascript:alert(1))" in text
    assert "a | b | c" in text


def test_markdown_links_only_for_http_and_https(hostile_links):
    page = Markup.of(markdown_html(FORMATS["md"].render(hostile_links)))
    hrefs = [value or "" for _, name, value in page.attributes() if name == "href"]
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert all(">" not in h and '"' not in h and " " not in h for h in hrefs)


def test_csv_neutralises_every_formula(hostile):
    data = FORMATS["actions-csv"].render(hostile).decode("utf-8")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[0] == list(actions_csv.COLUMNS)
    assert len(rows) == 1 + len(hostile.actions)
    formulas = 0
    for row in rows[1:]:
        for cell in row:
            if cell.lstrip().startswith(FORMULA_START) or cell[:1] in ("\t", "\r"):
                assert cell.startswith("'"), cell
            if cell.startswith("'"):
                formulas += 1
                assert cell[1:].lstrip().startswith(FORMULA_START) or cell[1:2] in ("\t", "\r")
    assert formulas >= 3  # the payload set does reach the CSV's cells


@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "  =1", "\n=1", "\uff1d1+1"]
)
def test_neutralise_catches_each_formula_start(value):
    assert actions_csv.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Deploy runbook", "2026-12-01", "a=b", "", "'quoted"])
def test_neutralise_leaves_plain_text_alone(value):
    assert actions_csv.neutralise(value) == value


def _unfold(data: str) -> list[str]:
    """Content lines as a lenient reader sees them (a bare CR or LF also ends a line)."""
    return re.split(r"\r\n|\r|\n", data.replace("\r\n ", ""))


def test_ics_text_cannot_start_a_property_or_component(hostile):
    data = FORMATS["ics"].render(hostile).decode("utf-8")
    lines = [line for line in _unfold(data) if line]
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0]
        assert name.isupper() and name.replace("-", "").isalpha(), line
    begins = [line for line in lines if line.startswith("BEGIN:")]
    ends = [line for line in lines if line.startswith("END:")]
    assert len(begins) == len(ends)
    open_items = [a for a in hostile.actions if a.due and a.status.value in ("open", "in progress")]
    assert begins.count("BEGIN:VEVENT") == len(open_items) + 1  # + the quarterly retro
    summaries = [line[len("SUMMARY:") :] for line in lines if line.startswith("SUMMARY:")]
    unescaped = [
        s.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
        for s in summaries
    ]
    assert f"Due: {open_items[0].description}" in unescaped


def test_ics_lines_are_folded_at_75_octets(hostile):
    hostile.actions[0].description = "é" * 80  # 2-byte characters are never split
    data = FORMATS["ics"].render(hostile)
    for raw in data.split(b"\r\n"):
        assert len(raw) <= 75
        raw.decode("utf-8")
    assert "é" * 80 in data.decode("utf-8").replace("\r\n ", "")


def test_pdf_shows_payloads_as_text(hostile, tmp_path):
    data = FORMATS["pdf"].render(hostile)
    assert data.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "notes.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert '<script>alert("x")</script>' in text
    assert "{{ 7*7 }}" in text


def test_every_payload_reaches_some_field():
    session = export_session(PayloadText(), events=3, actions=3)
    dumped = FORMATS["json"].render(session).decode("utf-8")
    import json

    values = json.dumps(json.loads(dumped), ensure_ascii=False)
    for payload in PAYLOADS:
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in values, payload


def test_report_shows_hostile_text_as_text():
    from datetime import date

    from facilitator_app.exports.render import render_document
    from facilitator_app.report.build import build_report
    from facilitator_app.report.gather import select
    from facilitator_app.report.period import span

    hostile = [export_session(PayloadText(), events=3, actions=3, seed=s) for s in (1, 2)]
    doc = build_report(select(hostile, span(date(2026, 1, 1), date(2026, 12, 31))))
    page = Markup.of(render_document(doc, "html").decode("utf-8"))
    assert page.count("script") == page.count("img") == page.count("iframe") == 0
    for tag, name, value in page.attributes():
        assert not name.startswith("on"), (tag, name)
        if name in ("href", "src", "xlink:href"):
            assert (value or "").startswith(("https://", "#")), (tag, name, value)
    assert '<script>alert("x")</script>' in page.all_text()
    md = Markup.of(markdown_html(render_document(doc, "md")))
    assert {tag for tag, _ in md.tags} <= {
        "h1",
        "h2",
        "h3",
        "p",
        "em",
        "strong",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "hr",
    }
