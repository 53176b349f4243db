"""A small undo stack of commands, Qt-free so that undo is tested without a display.

A command is a pair of closures (`redo`, `undo`) with a text for the menu ("Undo Rename team").
`push` runs `redo` once; if it raises, nothing is recorded. `macro(text)` groups the commands
pushed inside a `with` block into one undo step (deleting an event with its links, say).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

Listener = Callable[[], None]


@dataclass
class Command:
    text: str
    redo: Callable[[], None]
    undo: Callable[[], None]


class UndoStack:
    def __init__(self, limit: int = 500) -> None:
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit
        self._listeners: list[Listener] = []
        self._macro: list[Command] | None = None

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    def push(self, command: Command) -> None:
        command.redo()
        if self._macro is not None:
            self._macro.append(command)
            return
        self._done.append(command)
        del self._done[: -self._limit]
        self._undone.clear()
        self._changed()

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Record every command pushed inside the block as one step named `text`.

        If the block raises, the commands it already ran are undone and nothing is recorded.
        A macro inside a macro simply joins the outer one.
        """
        if self._macro is not None:
            yield
            return
        steps: list[Command] = []
        self._macro = steps
        try:
            yield
        except BaseException:
            for step in reversed(steps):
                step.undo()
            raise
        finally:
            self._macro = None
        if steps:

            def redo() -> None:
                for step in steps:
                    step.redo()

            def undo() -> None:
                for step in reversed(steps):
                    step.undo()

            self._done.append(Command(text, redo, undo))
            del self._done[: -self._limit]
            self._undone.clear()
            self._changed()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def undo(self) -> str | None:
        """Undo the last command; returns its text, or None when there is nothing to undo."""
        if not self._done:
            return None
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        self._changed()
        return command.text

    def redo(self) -> str | None:
        if not self._undone:
            return None
        command = self._undone.pop()
        command.redo()
        self._done.append(command)
        self._changed()
        return command.text

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._changed()
