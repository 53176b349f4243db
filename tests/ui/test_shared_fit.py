"""Fit, never clip: every shared-screen phase (and the guide spotlight) rendered at projector
sizes, with the demo and with hostile lengths (a 200-character title, 500-character events,
12 guide rules), has no text cut by its parent or overlapping another, countdown glyphs at least
10 % and every text at least 1/45 of the screen height. See tests/ui/shared_fit.py."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui import shared_fit
from ui.shared.fit import Band, Column, Para, boxes, fit

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


class Monospace:
    """Every character is 0.6 of the pixel size wide; lines are 1.2 high."""

    def wrap(self, text: str, px: int, bold: bool, width: float) -> list[str]:
        per_line = max(1, int(width // (0.6 * px)))
        words, lines, line = text.split(), [], ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if len(candidate) <= per_line or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        return [*lines, line] if line else lines

    def line_height(self, px: int, bold: bool) -> float:
        return 1.2 * px

    def advance(self, text: str, px: int, bold: bool) -> float:
        return 0.6 * px * len(text)


def _column(n: int) -> Band:
    paras = [Para("Heading", 40, bold=True)]
    paras += [Para(f"rule number {i} with some words", 30, priority=1) for i in range(n)]
    return Band((Column(tuple(paras)),))


def test_text_that_fits_keeps_its_full_size() -> None:
    result = fit([_column(3)], 1000, 1000, Monospace(), floor_px=16)
    assert result.scale == 1.0 and result.dropped == 0
    assert [p.px for p in result.placed] == [40, 30, 30, 30]


def test_text_shrinks_before_any_line_is_dropped_then_drops_whole_lines_at_the_floor() -> None:
    tight = fit([_column(8)], 1000, 300, Monospace(), floor_px=16)
    assert tight.dropped == 0 and tight.scale < 1.0 and tight.height <= 300
    crowded = fit([_column(40)], 1000, 300, Monospace(), floor_px=16)
    assert crowded.dropped > 0 and crowded.placed[-1].para.text == f"+ {crowded.dropped} more"
    assert min(p.px for p in crowded.placed) >= 16  # never below the floor
    assert crowded.placed[0].para.text == "Heading"  # priority 0 is never dropped
    assert all(b.inside(1000, 300) for b in boxes(crowded))
    shown = [p for p in crowded.placed if p.para.priority]
    assert [p.para.text for p in shown] == [
        f"rule number {i} with some words" for i in range(len(shown))
    ]


def test_columns_sit_side_by_side_without_overlap() -> None:
    band = Band((Column((Para("left " * 30, 30),)), Column((Para("right " * 30, 30),))))
    result = fit([band], 800, 600, Monospace(), floor_px=12)
    all_boxes = boxes(result)
    assert not all_boxes[0].overlaps(all_boxes[1])
    assert all(b.inside(800, 600) for b in all_boxes)


def test_every_phase_fits_at_every_size_with_the_demo_and_hostile_lengths(
    qapp: QApplication,
) -> None:
    problems = shared_fit.render_all(qapp, hostile_text=False)
    with shared_fit.guide_of_twelve():
        problems += shared_fit.render_all(qapp, hostile_text=True)
    assert problems == []


def test_every_phase_fits_at_device_pixel_ratio_two() -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.shared_fit"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "at device pixel ratio 2.0" in done.stdout, done.stdout + done.stderr
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize("scale", [0.7, 1.6])  # the smallest and largest of Ctrl+- / Ctrl+=
def test_every_phase_fits_at_the_smallest_and_largest_scale(qapp: QApplication, scale) -> None:
    sizes = [(1280, 720), (1920, 1080)]
    problems = shared_fit.render_all(qapp, hostile_text=False, sizes=sizes, scale=scale)
    with shared_fit.guide_of_twelve():
        problems += shared_fit.render_all(qapp, hostile_text=True, sizes=sizes, scale=scale)
    assert problems == []


def test_the_framing_phase_at_720p_shows_every_guide_line_whole(qapp: QApplication) -> None:
    """The reported bug: at 1280x720, before the clock starts, every example line showed only
    its top half. Now every line is laid out whole: every ground rule and every rule of the
    guide (13 of them) is on screen, and the examples that do not fit are dropped whole and
    counted ("+ N more"), the last rules' first."""
    from facilitator_app.demo import load_demo_session
    from facilitator_app.engine import SystemClock
    from facilitator_app.session_open import open_workspace
    from storage import SqliteStore
    from ui.app import AppController
    from ui.shared.framing import FramingView

    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore.open(Path(tmp) / "framing.db")
        session = load_demo_session()
        store.create_session(session)
        app = AppController(open_workspace(store, session, SystemClock()))
        app.shared.resize(1280, 720)
        app.shared.show()
        for _ in range(6):
            qapp.processEvents()
        view = app.shared.current_view()
        assert isinstance(view, FramingView)
        result = view.text.result()
        shown = [p.para.text for p in result.placed]
        assert all(rule in shown for rule in view.guide.ground_rules)
        assert all(rule.title in shown for rule in view.guide.rules)
        examples = [rule.short in shown for rule in view.guide.rules]
        assert examples[0] and examples == sorted(examples, reverse=True)  # the last ones go
        if result.dropped:
            assert shown[-1] == f"+ {result.dropped} more"
        assert all(b.bottom() <= view.text.height() for b in view.text.text_boxes())
        assert all(b.top() >= 0 for b in view.text.text_boxes())
        app.shared.close()
        app.console.close()
        store.close()
