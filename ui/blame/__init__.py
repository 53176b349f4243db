"""Blame language underlined as you type, in any console text field, with the reframe on hover.

`attach_blame_checker(field)` works on a QTextEdit, a QPlainTextEdit or a QLineEdit;
`install_blame_checker(window, bridge)` attaches it to every editable text field of a window.
Parts: `builds` (checkers compiled in the thread pool), `chunks` (bounded checking),
`underline` (the drawing and the hover), `install` (which fields, when).
"""

from ui.blame.builds import CheckerBuilds, checker_for, shared_checker
from ui.blame.install import attach_blame_checker, install_blame_checker, wants_checking
from ui.blame.underline import BlameHighlighter, LineEditUnderlines

__all__ = [
    "BlameHighlighter",
    "CheckerBuilds",
    "LineEditUnderlines",
    "attach_blame_checker",
    "checker_for",
    "install_blame_checker",
    "shared_checker",
    "wants_checking",
]
