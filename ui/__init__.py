"""PySide6 views of the core: the console and the shared screen, their widgets and dialogs."""

import builtins

import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook, undone below)


def _plain_imports() -> None:
    """Give Python its own `__import__` back.

    PySide6 replaces it by a hook that serves `from __feature__ import snake_case` (which this
    app does not use) and, for that, reads the source of every module named in an import
    statement once it has loaded: about 110 modules and 10-15 ms before the first paint.
    If a PySide6 release renames these hooks, this does nothing.
    """
    original = getattr(builtins, "__orig_import__", None)
    hook = getattr(builtins, "__feature_import__", None)
    if original is not None and hook is not None and builtins.__import__ is hook:
        builtins.__import__ = original


_plain_imports()
