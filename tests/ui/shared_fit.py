"""Render the real shared screen in every phase at projector sizes and list every text that is
cut by its parent, overlaps another, or is smaller than the room can read.

Used in-process by tests/ui/test_shared_fit.py (device pixel ratio 1) and as a subprocess with
QT_SCALE_FACTOR=2 (ratio 2: Qt's scale factor must be set before the application starts):

    QT_SCALE_FACTOR=2 python -m tests.ui.shared_fit
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtWidgets import QApplication, QLabel, QWidget

SIZES = [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160)]
DIGITS_SHARE = 0.10  # countdown glyphs at least this share of the screen height
BODY_SHARE = 1 / 45  # every text at least this share


def _text_widgets(window: QWidget) -> Iterator[QWidget]:
    from ui.shared.fit_view import FitView
    from ui.timeline.fitted_text import FittedText
    from ui.widgets.balance_bar import BalanceBar
    from ui.widgets.clamped_text import ClampedText
    from ui.widgets.countdown import CountdownWidget

    kinds = (QLabel, ClampedText, FittedText, FitView, CountdownWidget, BalanceBar)
    for widget in window.findChildren(QWidget):
        if isinstance(widget, kinds) and widget.isVisibleTo(window) and widget.width() > 0:
            if isinstance(widget, QLabel) and not widget.text():
                continue
            yield widget


def _box(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _needs(widget: QWidget) -> tuple[int, int]:
    """The (width, height) a text widget needs to show its text whole (0: any width)."""
    if isinstance(widget, QLabel):
        if widget.wordWrap():
            return 0, widget.heightForWidth(widget.width())
        hint = widget.sizeHint()
        return hint.width(), hint.height()
    if widget.hasHeightForWidth():
        return 0, widget.heightForWidth(widget.width())
    return 0, widget.minimumSizeHint().height()


def audit(window: QWidget, label: str) -> list[str]:
    """Every problem with the window's text as laid out now, in words."""
    from ui.shared.fit_view import FitView
    from ui.widgets.countdown import CountdownWidget

    height = window.height()
    floor = height * BODY_SHARE
    problems: list[str] = []
    boxes: list[tuple[QWidget, QRect]] = []
    for widget in _text_widgets(window):
        name = f"{label}: {type(widget).__name__} {widget.objectName()!r}"
        box = _box(widget, window)
        parent = widget.parentWidget()
        while parent is not None and parent is not window.parentWidget():
            outer = _box(parent, window)
            if not outer.contains(box):
                problems.append(f"{name} {box.getRect()} is cut by {type(parent).__name__}")
                break
            if parent is window:
                break
            parent = parent.parentWidget()
        need_w, need_h = _needs(widget)
        if need_h > widget.height() + 1 or need_w > widget.width() + 1:
            problems.append(
                f"{name} needs {need_w}x{need_h}, has {widget.width()}x{widget.height()}"
            )
        if isinstance(widget, FitView):
            inner = [QRectF(b) for b in widget.text_boxes()]
            area = QRectF(widget.rect()).adjusted(-0.5, -0.5, 0.5, 0.5)
            problems += [f"{name} box {b.getRect()} outside" for b in inner if not area.contains(b)]
            for i, a in enumerate(inner):
                for b in inner[i + 1 :]:
                    if a.adjusted(0.5, 0.5, -0.5, -0.5).intersects(
                        b.adjusted(0.5, 0.5, -0.5, -0.5)
                    ):
                        problems.append(f"{name} boxes {a.getRect()} and {b.getRect()} overlap")
            if widget.result().placed and widget.smallest_px() < floor - 0.5:
                problems.append(f"{name} text {widget.smallest_px()}px < {floor:.1f}px")
        elif isinstance(widget, CountdownWidget):
            glyphs = widget.digits_rect().height()
            if glyphs < DIGITS_SHARE * height:
                problems.append(f"{name} digits {glyphs:.0f}px < 10 % of {height}")
        elif widget.font().pixelSize() > 0 and widget.font().pixelSize() < floor - 0.5:
            problems.append(f"{name} text {widget.font().pixelSize()}px < {floor:.1f}px")
        boxes.append((widget, box))
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            if box_a.adjusted(1, 1, -1, -1).intersects(box_b.adjusted(1, 1, -1, -1)):
                problems.append(
                    f"{label}: {type(a).__name__} {a.objectName()!r} overlaps "
                    f"{type(b).__name__} {b.objectName()!r}"
                )
    return problems


def hostile(session):  # type: ignore[no-untyped-def]
    """The demo with the longest texts the model accepts where a room would see them."""
    session.title = ("Checkout tokenisation failures during the edge rate-limit rollout " * 4)[:200]
    long = (
        "The edge limiter rejected retried tokenisation calls while the payments client "
        "backed off and retried again, doubling the load on both systems at once; "
    ) * 4
    for event in session.events:
        event.description = long[:500]
        for observation in event.observations.values():
            observation.saw = long[:500]
    for factor in session.factors:
        factor.text = long[:400]
    for item in session.actions:
        item.description = long[:400]
    return session


def twelve_rules():  # type: ignore[no-untyped-def]
    from ui import language_guide

    guide = language_guide.load_guide(use_user_file=False, check_patterns=False)
    rules = [
        dataclasses.replace(rule, id=f"{rule.id}-{n}", title=f"{rule.title} ({n})")
        for n in range(2)
        for rule in guide.rules
    ][:12]
    return dataclasses.replace(guide, rules=tuple(rules))


@contextmanager
def guide_of_twelve() -> Iterator[None]:
    guide = twelve_rules()
    with (
        mock.patch("ui.language_guide.guide_or_builtin", lambda report=None: guide),
        mock.patch("ui.shared.framing.guide_or_builtin", lambda report=None: guide),
    ):
        yield


def render_all(
    app: QApplication, *, hostile_text: bool, sizes=SIZES, theme: str = "", scale: float = 1.0
) -> list[str]:  # type: ignore[no-untyped-def]
    """Every phase and the guide spotlight at every size: the problems found."""
    from facilitator_app.demo import load_demo_session
    from facilitator_app.engine import SystemClock
    from facilitator_app.session_open import open_workspace
    from facilitator_app.workspace import Part, ScreenMode
    from storage import SqliteStore
    from ui.app import AppController

    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore.open(Path(tmp) / "fit.db")
        session = load_demo_session()
        if hostile_text:
            session = hostile(session)
        store.create_session(session)
        if theme:
            store.set_setting("theme", theme)
        controller = AppController(open_workspace(store, session, SystemClock()))
        shared = controller.shared
        shared.set_scale(scale)
        workspace = controller.workspace
        events = session.sorted_events()
        workspace.set_current_event(events[len(events) // 2].id if events else None)
        try:
            for key in [p.key for p in session.phases] + ["guide"]:
                now = datetime.now(UTC)
                for phase in session.phases:
                    phase.started_at = now if phase.key == key else None
                    phase.ended_at = None
                workspace.notify(*Part)
                mode = ScreenMode.GUIDE if key == "guide" else ScreenMode.MEETING
                workspace.set_screen_mode(mode)
                for width, height in sizes:
                    shared.resize(width, height)
                    shared.show()
                    for _ in range(6):
                        app.processEvents()
                    label = (
                        f"{'hostile' if hostile_text else 'demo'} {theme} {key} {width}x{height}"
                    )
                    problems += audit(shared, label)
                    if os.environ.get("FIT_SHOTS"):  # look at what was audited
                        name = label.replace(" ", "-") + ".png"
                        shared.grab().save(str(Path(os.environ["FIT_SHOTS"]) / name))
        finally:
            controller.close_session()
            shared.close()
            controller.console.close()
            store.close()
    return problems


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    problems = render_all(app, hostile_text=False)  # type: ignore[arg-type]
    with guide_of_twelve():
        problems += render_all(app, hostile_text=True)  # type: ignore[arg-type]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems at device pixel ratio {app.devicePixelRatio()}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
