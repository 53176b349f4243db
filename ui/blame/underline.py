"""The underline: blameful phrases marked with a wavy line in text edits (a syntax
highlighter) and line edits (a see-through overlay), and the reframe shown on hover.

The checking is bounded (`ui.blame.chunks`): a long paste is underlined over a few turns of the
event loop instead of freezing the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from facilitator_app.language import Finding
from ui.blame.builds import CheckerBuilds, CheckerSource, checker_for
from ui.blame.chunks import ChunkedChecker

UNDERLINE = QColor("#D55E00")  # Okabe-Ito vermillion; the tooltip says what it means
TINT = QColor("#FBE3D3")  # a light wash of the same, so a thin wave is not the only mark
OVERLAY_TINT = QColor(213, 94, 0, 40)  # the wash drawn over a line edit's text: see-through


def tooltip_html(findings: list[Finding]) -> str:
    rows = []
    for finding in findings:
        rows.append(
            f"<p><b>{_escape(finding.category.replace('-', ' ').capitalize())}:</b> "
            f"“{_escape(finding.text)}”<br>{_escape(finding.suggestion)}</p>"
        )
    return "".join(rows)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _findings_at(findings: list[Finding], index: int) -> list[Finding]:
    return [f for f in findings if f.start <= index < f.end or (f.end == index and index)]


class _Passes:
    """One field's checking: the chunked checker for the checker its source gives now, and a
    fresh time budget on each turn of the event loop (`continue_` runs then)."""

    def __init__(self, source: CheckerSource, continue_: Callable[[], None]) -> None:
        self.source = source
        self.continue_ = continue_
        self._chunked: ChunkedChecker | None = None
        self._scheduled = False

    def findings(self, text: str) -> tuple[list[Finding], bool]:
        checker = self.source()
        if checker is None:
            return [], True  # not built yet: `CheckerBuilds.ready` asks again
        if self._chunked is None or self._chunked.checker is not checker:
            self._chunked = ChunkedChecker(checker)
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._turn)
        return self._chunked.findings(text)

    def _turn(self) -> None:
        self._scheduled = False
        if self._chunked is not None:
            self._chunked.new_pass()
        self.continue_()


class BlameHighlighter(QSyntaxHighlighter):
    """Underlines blameful phrases block by block (a block is a paragraph)."""

    def __init__(
        self,
        document: QTextDocument,
        checker: CheckerSource | None = None,
        on_flag: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(document)
        self.setObjectName("blame-highlighter")
        self._passes = _Passes(checker or checker_for(None), self._next_pass)
        self._on_flag = on_flag
        self._pending: set[int] = set()  # block numbers whose check ran out of budget
        CheckerBuilds.of().ready.connect(self.rehighlight)
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.underline.setUnderlineColor(UNDERLINE)
        self.underline.setBackground(TINT)

    def findings(self, text: str) -> list[Finding]:
        return self._passes.findings(text)[0]

    def highlightBlock(self, text: str) -> None:
        found, complete = self._passes.findings(text)
        if not complete:
            self._pending.add(self.currentBlock().blockNumber())
        for finding in found:
            self.setFormat(finding.start, finding.end - finding.start, self.underline)
        if found and self._on_flag is not None:
            self._on_flag(found[-1].category)

    def _next_pass(self) -> None:
        """A paste bigger than one pass's budget goes on here, a turn of the loop later."""
        pending, self._pending = sorted(self._pending), set()
        for number in pending:
            block = self.document().findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def findings_at(self, document_position: int) -> list[Finding]:
        block = self.document().findBlock(document_position)
        if not block.isValid():
            return []
        return _findings_at(self.findings(block.text()), document_position - block.position())


class _TextEditTooltips(QObject):
    """Shows the reframe when the pointer rests on an underlined phrase."""

    def __init__(self, edit: QTextEdit | QPlainTextEdit, highlighter: BlameHighlighter) -> None:
        super().__init__(edit)
        self.edit = edit
        self.highlighter = highlighter
        edit.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.edit.cursorForPosition(event.pos())
            found = self.highlighter.findings_at(cursor.position())
            if found:
                QToolTip.showText(event.globalPos(), tooltip_html(found), self.edit.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return False


class LineEditUnderlines(QWidget):
    """The same underline for a QLineEdit, drawn on a transparent overlay."""

    def __init__(
        self,
        edit: QLineEdit,
        checker: CheckerSource | None = None,
        on_flag: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(edit)
        self.setObjectName("blame-underlines")
        self.edit = edit
        self._passes = _Passes(checker or checker_for(None), self._next_pass)
        self._on_flag = on_flag
        self._unfinished = False
        CheckerBuilds.of().ready.connect(self.recheck)
        self.found: list[Finding] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setGeometry(edit.rect())
        edit.installEventFilter(self)
        edit.textChanged.connect(self.recheck)
        edit.cursorPositionChanged.connect(lambda *_: self.update())
        self.recheck()
        self.show()

    def recheck(self) -> None:
        self.found, complete = self._passes.findings(self.edit.text())
        self._unfinished = not complete
        if self.found and self._on_flag is not None:
            self._on_flag(self.found[-1].category)
        self.update()

    def _next_pass(self) -> None:
        if self._unfinished:
            self.recheck()

    def x_of(self, index: int) -> float:
        """The x position of character `index`, measured from the text cursor (scroll-proof)."""
        text = self.edit.displayText()
        metrics = QFontMetrics(self.edit.font())
        cursor = self.edit.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
        here = self.edit.cursorPosition()
        cursor_x = cursor.x() if isinstance(cursor, QRect) else 0
        return (
            cursor_x
            + metrics.horizontalAdvance(text[:index])
            - metrics.horizontalAdvance(text[:here])
        )

    def spans(self) -> list[tuple[float, float]]:
        return [(self.x_of(f.start), self.x_of(f.end)) for f in self.found]

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.found or self.edit.echoMode() is not QLineEdit.EchoMode.Normal:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(UNDERLINE, 1.4))
        painter.setClipRect(self.edit.contentsRect())
        metrics = QFontMetrics(self.edit.font())
        cursor = self.edit.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
        if isinstance(cursor, QRect):
            baseline = cursor.y() + (cursor.height() + metrics.ascent() - metrics.descent()) / 2
        else:
            baseline = self.height() / 2 + metrics.ascent() / 2
        for left, right in self.spans():
            band = QRectF(left, baseline - metrics.ascent(), right - left, metrics.height())
            painter.fillRect(band, OVERLAY_TINT)
            painter.drawPath(_wave(left, right, baseline + 2))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.edit.rect())
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.edit.cursorPositionAt(event.pos())
            found = _findings_at(self.found, index)
            if found:
                QToolTip.showText(event.globalPos(), tooltip_html(found), self.edit)
                return True
        return False


def _wave(left: float, right: float, y: float, step: float = 3.0) -> QPainterPath:
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        x = min(right, x + step)
        path.lineTo(QPointF(x, y - 2 if up else y))
        up = not up
    return path
