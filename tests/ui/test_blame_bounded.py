"""The as-you-type underline never blocks on a long paste: checking is cut into chunks, each
checked once, a bounded number per turn of the event loop."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit

from ui.blame import attach_blame_checker, shared_checker
from ui.blame.chunks import MAX_CHUNK, ChunkedChecker, chunks

pytestmark = pytest.mark.gui

SENTENCE = "Bob should have checked the config. The retries piled up at noon. "


class Ticks:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.counter = itertools.count()

    def __call__(self) -> float:
        return float(next(self.counter))


def test_chunks_cover_the_text_and_cut_long_runs() -> None:
    text = SENTENCE * 3 + "x" * (MAX_CHUNK * 2) + " tail words " * 80
    parts = list(chunks(text))
    assert "".join(chunk for _, chunk in parts) == text
    assert all(text[o : o + len(c)] == c for o, c in parts)
    assert max(len(c) for _, c in parts) <= MAX_CHUNK


def test_a_pass_checks_a_bounded_number_of_chunks_and_finishes_later(qapp) -> None:
    checker = shared_checker()
    chunked = ChunkedChecker(checker, budget=2.5, clock=Ticks())
    text = "".join(f"{i}: {SENTENCE}" for i in range(20))  # 40 different sentences
    found, complete = chunked.findings(text)
    assert not complete and 0 < len(found) < 20
    passes = 1
    while not complete:
        chunked.new_pass()
        found, complete = chunked.findings(text)
        passes += 1
    assert passes > 5
    assert [f.text for f in found] == ["Bob", "should have checked"] * 20
    assert all(text[f.start : f.end] == f.text for f in found)


def underlined_blocks(edit: QPlainTextEdit) -> int:
    count = 0
    block = edit.document().firstBlock()
    while block.isValid():
        wave = QTextCharFormat.UnderlineStyle.WaveUnderline
        count += any(r.format.underlineStyle() == wave for r in block.layout().formats())
        block = block.next()
    return count


def test_a_long_paste_is_underlined_over_several_turns_of_the_event_loop(qtbot) -> None:
    shared_checker()  # built: what remains is the checking itself
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    attach_blame_checker(edit)
    lines = 300
    edit.setPlainText("\n".join(f"{i}: {SENTENCE}" for i in range(lines)))
    first_turn = underlined_blocks(edit)
    assert first_turn < lines  # the paste did not check everything before returning
    qtbot.waitUntil(lambda: underlined_blocks(edit) == lines, timeout=60_000)
