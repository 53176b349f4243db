"""Every export format, from the demo session and from a rich session, says what a reader needs."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta

import pytest
from markdown_it import MarkdownIt

from facilitator_app import session_json
from facilitator_app.demo import load_demo_session
from facilitator_app.exports import actions_json, ics
from facilitator_app.exports.formats import FORMATS, PRE_READ_FORMATS
from facilitator_app.exports.notes import build_notes
from facilitator_app.exports.preread import build_pre_read
from facilitator_app.exports.render import render_document
from facilitator_app.exports.render_markdown import escape_text
from facilitator_app.model import ActionKind, ActionStatus, Lane, Role
from tests.helpers.export_sessions import export_session
from tests.helpers.payloads import Markup

NOW = datetime(2026, 12, 15, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def rich():
    return export_session()


def pdf_text(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_exports_the_demo_session(name, tmp_path):
    demo = load_demo_session()
    data = FORMATS[name].render(demo)
    if name in ("md", "html", "json", "actions-json"):
        assert demo.title in data.decode("utf-8")
    elif name == "pdf":
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert demo.title in " ".join(pdf_text(data, tmp_path).split())
    elif name == "ics":
        assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    else:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        assert len(rows) == 1 + len(demo.actions)


@pytest.mark.parametrize("name", sorted(PRE_READ_FORMATS))
def test_every_pre_read_format_exports_the_demo_session(name):
    demo = load_demo_session()
    data = PRE_READ_FORMATS[name].render(demo)
    assert data.startswith(b"%PDF-") if name == "pdf" else demo.title.encode() in data


def test_notes_markdown_reads_like_a_postmortem(rich):
    md = render_document(build_notes(rich, now=NOW), "md").decode("utf-8")
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings[:9] == [
        "Impact",
        "Attendees",
        "Setup checklist",
        "Framing question",
        "Timeline",
        "Where the systems diverged",
        "Contributing factors",
        "Parking lot",
        "Action items",
    ]
    # factors ranked by votes, most votes first
    ranked = sorted(rich.factors, key=lambda f: -f.votes)
    positions = [md.index(f.text) for f in ranked]
    assert positions == sorted(positions)
    # the divergence point names its event
    diverged = next(e for e in rich.sorted_events() if "divergence-point" in e.tags)
    section = md.split("## Where the systems diverged", 1)[1].split("## ", 1)[0]
    assert diverged.description in section
    # action items grouped by kind, each under its own heading
    for kind, title in [
        (ActionKind.TEAM, "### Team items"),
        (ActionKind.JOINT, "### Joint"),
        (ActionKind.PROCESS, "### Process"),
    ]:
        block = md.split(title, 1)[1].split("###", 1)[0]
        for item in rich.actions:
            assert (escape_text(item.description) in block) == (item.kind is kind)
    assert "6 yes, 1 no" in md  # the closing poll
    assert re.search(r"Payments had \d+ % and Edge Platform \d+ %", md)


def test_overdue_items_are_marked(rich):
    md = render_document(build_notes(rich, now=NOW), "md").decode("utf-8")
    md = md.split("## Action items", 1)[1].split("## Closing poll", 1)[0]
    overdue = [
        a
        for a in rich.actions
        if a.due
        and a.due < NOW.date()
        and a.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    ]
    assert overdue
    for item in overdue:
        row = next(line for line in md.splitlines() if escape_text(item.description) in line)
        assert "**overdue**" in row
    done = next(a for a in rich.actions if a.status is ActionStatus.DONE)
    row = next(line for line in md.splitlines() if escape_text(done.description) in line)
    assert "overdue" not in row


def test_notes_html_has_the_four_charts_inline(rich):
    html = FORMATS["html"].render(rich).decode("utf-8")
    page = Markup.of(html)
    figures = html.count('<figure class="chart">')
    assert figures == 4  # timeline, speaking by team, by person, phase time
    assert page.count("svg") == figures
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    assert "<link" not in html and "src=" not in html  # self-contained
    assert "@media print" in html


def test_notes_pdf_has_pages_page_numbers_and_a_landscape_timeline(rich, tmp_path):
    data = FORMATS["pdf"].render(rich)
    pages = len(re.findall(rb"/Type /Page\b", data))
    assert pages >= 4
    assert b"/MediaBox [0 0 841.89 595.28]" in data  # the wide timeline on landscape pages
    text = pdf_text(data, tmp_path)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    for heading in (
        "Attendees",
        "Timeline",
        "Contributing factors",
        "Action items",
        "Closing poll",
        "Speaking balance",
        "Time used per phase",
    ):
        assert heading in text
    assert rich.factors[0].text in text


def test_pdf_long_cells_continue_on_the_next_page(tmp_path):
    session = export_session(events=3, actions=1)
    session.events[0].description = " ".join(["word"] * 1500)
    text = pdf_text(FORMATS["pdf"].render(session), tmp_path)
    assert text.count("word") == 1500


def test_pre_read_has_agenda_rules_and_draft_factors_without_votes(rich):
    md = render_document(build_pre_read(rich, now=NOW), "md").decode("utf-8")
    for heading in (
        "## Impact",
        "## Timeline",
        "## Draft contributing factors",
        "## Agenda",
        "## Ground rules",
    ):
        assert heading in md
    assert "time-boxed to 75 minutes" in md
    assert "| 15:00 | Framing | 5 min |" in md and "| 15:05 | Timeline walk | 35 min |" in md
    factors = md.split("## Draft contributing factors", 1)[1].split("## ", 1)[0]
    assert "Votes" not in factors
    assert "Ask “how”, not “why”." in md


def test_actions_csv_has_tracker_columns(rich):
    rows = list(csv.DictReader(io.StringIO(FORMATS["actions-csv"].render(rich).decode())))
    assert len(rows) == len(rich.actions)
    joint = next(r for r in rows if r["Kind"] == "joint")
    assert joint["Assignee"] == "Marcus Hill"
    assert set(joint["Labels"].split()) >= {
        "postmortem",
        "kind-joint",
        "session-checkout-outage-retries-met-a-new-rate-limit",
    }
    assert "Test of done:" in joint["Description"]
    assert {r["Status"] for r in rows} == {"open", "in progress", "done", "dropped"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["Due date"]) for r in rows)


def test_actions_json_lists_items_with_overdue_flags(rich):
    data = actions_json.to_dict(rich, now=NOW)
    assert data["format"] == "facilitator-actions"
    items = data["action_items"]
    assert [i["description"] for i in items] == [a.description for a in rich.actions]
    for item, action in zip(items, rich.actions, strict=True):
        expect = action.due < NOW.date() and action.status.value in ("open", "in progress")
        assert item["overdue"] is expect
        assert item["verdict"]["verdict"] in ("specific", "vague")
    json.loads(FORMATS["actions-json"].render(rich))


def test_ics_has_due_dates_and_the_next_quarterly_retro(rich):
    text = ics.render(rich, now=NOW).decode("utf-8")
    open_due = [
        a
        for a in rich.actions
        if a.due and a.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    ]
    assert text.count("BEGIN:VEVENT") == len(open_due) + 1
    for item in open_due:
        assert f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}" in text
    # review on 2026-11-12 -> next quarter starts 2027-01-01 (a Friday)
    assert "DTSTART;VALUE=DATE:20270101" in text
    assert "report --since 2026-10-01" in text.replace("\r\n ", "")
    assert text.count("BEGIN:VALARM") == text.count("BEGIN:VEVENT")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 12), date(2027, 1, 1)),
        (date(2026, 3, 31), date(2026, 4, 1)),
        (date(2026, 6, 1), date(2026, 7, 1)),
        (date(2027, 1, 1), date(2027, 4, 1)),
    ],
)
def test_next_quarter_start(day, expected):
    assert ics.next_quarter_start(day) == expected


def test_first_weekday_skips_the_weekend():
    assert ics.first_weekday(date(2028, 1, 1)) == date(2028, 1, 3)  # Saturday -> Monday


def test_session_json_still_round_trips(rich):
    data = FORMATS["json"].render(rich).decode("utf-8")
    again = session_json.loads(data)
    assert [e.description for e in again.sorted_events()] == [
        e.description for e in rich.sorted_events()
    ]


def test_markdown_tables_render_as_tables(rich):
    md = FORMATS["md"].render(rich).decode("utf-8")
    html = MarkdownIt("commonmark").enable("table").render(md)
    page = Markup.of(html)
    assert page.count("table") >= 8
    assert page.count("tr") >= len(rich.events) + len(rich.actions)


def test_notes_show_the_specific_test_verdict_and_who_voted():
    demo = load_demo_session()
    md = render_document(build_notes(demo, now=NOW), "md").decode("utf-8")
    actions = md.split("## Action items", 1)[1].split("## Closing poll", 1)[0]
    assert "| Verdict |" in actions
    vague = next(
        line
        for line in actions.splitlines()
        if escape_text("Improve communication between teams.") in line
    )
    assert "**vague**" in vague
    session = export_session(events=6, actions=3)
    lead_a = next(a for a in session.attendees if a.lane is not None)
    session.factors[0].dots = {lead_a.id: 2}
    session.factors[0].votes = 3
    md = render_document(build_notes(session, now=NOW), "md").decode("utf-8")
    factors = md.split("## Contributing factors", 1)[1].split("## ", 1)[0]
    assert f"{lead_a.name} ×2, 1 entered as a count" in factors


def test_equal_team_weighting_ranks_by_weighted_score():
    session = export_session(events=6, actions=0)
    a1, a2 = [a for a in session.attendees if a.lane is not None and a.lane.value == "A"][:2]
    b1 = next(a for a in session.attendees if a.lane is not None and a.lane.value == "B")
    first, second = session.factors[0], session.factors[1]
    for factor in session.factors:
        factor.votes, factor.dots = 0, {}
    first.dots, first.votes = {a1.id: 1, a2.id: 1}, 2  # two dots from the bigger team
    second.dots, second.votes = {b1.id: 2}, 2  # two dots from the smaller team
    session.equal_team_weighting = True
    md = render_document(build_notes(session, now=NOW), "md").decode("utf-8")
    factors = md.split("## Contributing factors", 1)[1].split("## ", 1)[0]
    assert "| Weighted |" in factors
    assert factors.index(escape_text(second.text)) < factors.index(escape_text(first.text))


def test_notes_carry_the_setup_checklist_warnings_with_their_fixes():
    session = load_demo_session()
    session.attendees = [
        a for a in session.attendees if not (a.lane is Lane.B and a.role is Role.ON_CALL)
    ]
    md = render_document(build_notes(session, now=NOW), "md").decode("utf-8")
    section = md.split("## Setup checklist", 1)[1].split("\n## ", 1)[0]
    assert "on-call" in section and "warning" in section.lower()
    assert "Edge Platform" in section


def test_ics_uids_are_stable_so_a_newer_export_updates_the_events(rich):
    first = ics.render(rich, now=NOW).decode("utf-8").replace("\r\n ", "")
    later = ics.render(rich, now=NOW + timedelta(days=3)).decode("utf-8").replace("\r\n ", "")
    uids = [line for line in first.splitlines() if line.startswith("UID:")]
    assert uids == [line for line in later.splitlines() if line.startswith("UID:")]
    assert len(set(uids)) == len(uids) == first.count("BEGIN:VEVENT")
    assert first != later  # only the stamp moved
