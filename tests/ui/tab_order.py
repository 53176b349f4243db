"""The console's Tab order, page by page, against reading order (top to bottom, left to right;
a move up is fine only into the next column)."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.accessibility import interactive

TOLERANCE = 6  # pixels: widgets on one row rarely share a top edge exactly


def _rect(widget: QWidget, page: QWidget) -> QRect:
    return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())


def tab_chain(page: QWidget) -> list[QWidget]:
    """The page's widgets in the order Tab visits them (each once)."""
    reachable = [
        w for w in interactive(page) if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
    ]
    if not reachable:
        return []
    members = set(map(id, reachable))
    chain: list[QWidget] = []
    node: QWidget | None = page.nextInFocusChain()  # where Tab goes after the page's tab
    for _ in range(10_000):
        if node is None or node is page:
            break
        if id(node) in members and node not in chain:
            chain.append(node)
        node = node.nextInFocusChain()
    return chain


def out_of_order(page: QWidget) -> list[str]:
    chain = tab_chain(page)
    problems = []
    missing = [
        w
        for w in interactive(page)
        if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w not in chain
    ]
    problems += [f"{type(w).__name__} {w.objectName()!r} is not in the Tab chain" for w in missing]
    for a, b in itertools.pairwise(chain):
        ra, rb = _rect(a, page), _rect(b, page)
        if rb.top() < ra.top() - TOLERANCE and rb.left() <= ra.right():
            problems.append(
                f"Tab goes up from {type(a).__name__} {a.objectName() or a.accessibleName()!r} "
                f"{ra.topLeft().toTuple()} to {type(b).__name__} "
                f"{b.objectName() or b.accessibleName()!r} {rb.topLeft().toTuple()}"
            )
    return problems
