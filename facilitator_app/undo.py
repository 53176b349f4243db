"""A small undo stack of commands, Qt-free so that undo is tested without a display.

A command is a pair of closures (`redo`, `undo`) with a text for the menu ("Undo Rename team").
`push` runs `redo` once; if it raises, nothing is recorded. `group(text)` makes the commands
pushed inside it one step ("Turn idea into action item" adds an item and marks the idea).
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
        self._group: list[Command] | None = None

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    def push(self, command: Command) -> None:
        command.redo()
        if self._group is not None:
            self._group.append(command)
            return
        self._record(command)

    def _record(self, command: Command) -> None:
        self._done.append(command)
        del self._done[: -self._limit]
        self._undone.clear()
        self._changed()

    @contextmanager
    def group(self, text: str) -> Iterator[None]:
        """Record every command pushed in the block as one undo step (nested: the outer one).

        If the block raises, what it did so far is undone and nothing is recorded.
        """
        if self._group is not None:
            yield
            return
        self._group = []
        try:
            yield
        except BaseException:
            done, self._group = self._group, None
            for command in reversed(done):
                command.undo()
            raise
        commands, self._group = self._group, None
        if not commands:
            return

        def redo() -> None:
            for command in commands:
                command.redo()

        def undo() -> None:
            for command in reversed(commands):
                command.undo()

        self._record(Command(text, redo, undo))

    @property
    def steps(self) -> int:
        """How many steps can be undone."""
        return len(self._done)

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
