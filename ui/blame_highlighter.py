"""Blame language underlined as you type, in any console text field, with the reframe on hover.

`attach_blame_checker(field)` works on a QTextEdit, a QPlainTextEdit (through a
QSyntaxHighlighter) or a QLineEdit (an overlay that draws the same wavy underline).
`install_blame_checker(window, bridge)` attaches it to every editable text field that appears in
a window, now or later; a field opts out with the property `blameCheck` set to False.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer, Signal
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
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QToolTip,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.language import BlameChecker, Finding, current_guide, load_guide
from facilitator_app.workspace import Workspace
from ui.bridge import WorkspaceBridge
from ui.worker_gc import no_collection_in_worker

log = logging.getLogger(__name__)

UNDERLINE = QColor("#D55E00")  # Okabe-Ito vermillion; the tooltip says what it means
TINT = QColor("#FBE3D3")  # a light wash of the same, so a thin wave is not the only mark
OVERLAY_TINT = QColor(213, 94, 0, 40)  # the wash drawn over a line edit's text: see-through
PROPERTY = "blameCheck"
ATTACHED = "_blameChecker"

CheckerSource = Callable[[], BlameChecker | None]
START_DELAY_MS = 1500


class CheckerHub(QObject):
    """Builds checkers off the UI thread (compiling every pattern takes most of a second) and
    tells the attached fields when one is ready. One checker per pair of team names."""

    ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._checkers: dict[tuple[str, ...], BlameChecker] = {}
        self._building: set[tuple[str, ...]] = set()
        self._finished = False
        self._deferred = False
        self._waiting: set[tuple[str, ...]] = set()
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._announce)

    def get(self, team_names: tuple[str, ...] = (), *, wait: bool = False) -> BlameChecker | None:
        with self._lock:
            checker = self._checkers.get(team_names)
            building = team_names in self._building
            if checker is None and not building and not wait:
                self._building.add(team_names)
        if checker is not None:
            return checker
        if wait:
            return self._build(team_names)
        if not building:
            if self._deferred:
                self._waiting.add(team_names)
            else:
                self._start(team_names)
        return None

    def _start(self, team_names: tuple[str, ...]) -> None:
        threading.Thread(target=self._build, args=(team_names,), daemon=True).start()
        self._poll.start()

    def defer_builds(self, milliseconds: int) -> None:
        """Build nothing for a while (the windows' first paint should not share the CPU)."""
        self._deferred = True
        QTimer.singleShot(milliseconds, self._resume)

    def _resume(self) -> None:
        self._deferred = False
        waiting, self._waiting = self._waiting, set()
        for team_names in waiting:
            self._start(team_names)

    def _build(self, team_names: tuple[str, ...]) -> BlameChecker:
        with no_collection_in_worker():
            try:
                guide = current_guide()
            except UserError as exc:
                log.warning("language guide override not used: %s", exc.message)
                guide = load_guide(use_user_file=False)
            checker = BlameChecker.for_teams(guide, team_names)
        with self._lock:
            self._checkers[team_names] = checker
            self._building.discard(team_names)
            self._finished = True
        return checker

    def _announce(self) -> None:
        with self._lock:
            finished, self._finished = self._finished, False
            idle = not self._building
        if finished:
            self.ready.emit()
        if idle:
            self._poll.stop()


_hub: list[CheckerHub] = []


def hub() -> CheckerHub:
    if not _hub:
        _hub.append(CheckerHub())
    return _hub[0]


def shared_checker(team_names: tuple[str, ...] = ()) -> BlameChecker:
    """The checker for these team names, built now if need be (blocks)."""
    checker = hub().get(team_names, wait=True)
    assert checker is not None
    return checker


def checker_for(workspace: Workspace | None) -> CheckerSource:
    """A source of the session's checker (it knows both team names, even after a rename);
    it gives None until the checker is built."""
    if workspace is None:
        return lambda: hub().get(())
    return lambda: hub().get(tuple(t.name for t in workspace.session.teams))


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
        self._checker = checker or checker_for(None)
        self._on_flag = on_flag
        hub().ready.connect(self.rehighlight)
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.underline.setUnderlineColor(UNDERLINE)
        self.underline.setBackground(TINT)

    def findings(self, text: str) -> list[Finding]:
        checker = self._checker()
        return checker.check(text) if checker is not None else []

    def highlightBlock(self, text: str) -> None:
        found = self.findings(text)
        for finding in found:
            self.setFormat(finding.start, finding.end - finding.start, self.underline)
        if found and self._on_flag is not None:
            self._on_flag(found[-1].category)

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
        self._checker = checker or checker_for(None)
        self._on_flag = on_flag
        hub().ready.connect(self.recheck)
        self.found: list[Finding] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setGeometry(edit.rect())
        edit.installEventFilter(self)
        edit.textChanged.connect(self.recheck)
        edit.cursorPositionChanged.connect(lambda *_: self.update())
        self.recheck()
        self.show()

    def recheck(self) -> None:
        checker = self._checker()
        self.found = checker.check(self.edit.text()) if checker is not None else []
        if self.found and self._on_flag is not None:
            self._on_flag(self.found[-1].category)
        self.update()

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


def attach_blame_checker(
    field: QTextEdit | QPlainTextEdit | QLineEdit,
    checker: CheckerSource | None = None,
    on_flag: Callable[[str], None] | None = None,
) -> BlameHighlighter | LineEditUnderlines:
    """Underline blameful phrases in `field` as the user types (once per field).

    `on_flag` is called with the category of the latest phrase flagged (the `G` hotkey then
    shows that rule).
    """
    existing = field.property(ATTACHED)
    if isinstance(existing, BlameHighlighter | LineEditUnderlines):
        return existing
    attached: BlameHighlighter | LineEditUnderlines
    if isinstance(field, QLineEdit):
        attached = LineEditUnderlines(field, checker, on_flag)
    else:
        attached = BlameHighlighter(field.document(), checker, on_flag)
        _TextEditTooltips(field, attached)
    field.setProperty(ATTACHED, attached)
    return attached


def wants_checking(widget: QObject) -> bool:
    """Editable text fields a person types prose into; not spin boxes, combos or passwords."""
    if not isinstance(widget, QTextEdit | QPlainTextEdit | QLineEdit):
        return False
    if widget.property(PROPERTY) is False or widget.isReadOnly():
        return False
    if isinstance(widget, QLineEdit):
        if widget.echoMode() is not QLineEdit.EchoMode.Normal:
            return False
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            return False
    return True


def _belongs_to(widget: QWidget, window: QWidget) -> bool:
    """In `window`, or in a dialog opened over it."""
    top: QWidget | None = widget.window()
    while top is not None:
        if top is window:
            return True
        parent = top.parentWidget()
        top = parent.window() if parent is not None else None
    return False


class _Installer(QObject):
    """Attaches the checker to the text fields of one window: those there now, those shown in
    a new tab, and any field that takes the keyboard focus (so dialogs are covered too)."""

    def __init__(
        self, window: QWidget, checker: CheckerSource, on_flag: Callable[[str], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.checker = checker
        self.on_flag = on_flag
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        for stack in window.findChildren(QTabWidget) + window.findChildren(QStackedWidget):
            stack.currentChanged.connect(lambda *_: self.scan())
        self.scan()

    def scan(self) -> None:
        for field in self.window.findChildren(QWidget):
            self.consider(field)

    def consider(self, field: QWidget) -> None:
        if wants_checking(field):
            attach_blame_checker(field, self.checker, self.on_flag)  # type: ignore[arg-type]

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and _belongs_to(now, self.window):
            self.consider(now)


def install_blame_checker(window: QWidget, bridge: WorkspaceBridge | None = None) -> QObject:
    """Check every text field of `window` as the user types, with the session's team names."""
    workspace = bridge.workspace if bridge is not None else None
    checker = checker_for(workspace)
    on_flag = workspace.note_flagged_rule if workspace is not None else (lambda _rule: None)
    hub().defer_builds(START_DELAY_MS)
    checker()  # asks for it: built off the UI thread once the windows are up
    return _Installer(window, checker, on_flag)


__all__ = [
    "BlameHighlighter",
    "LineEditUnderlines",
    "attach_blame_checker",
    "install_blame_checker",
]
