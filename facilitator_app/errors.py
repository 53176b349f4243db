"""Errors the user must see, kept apart from bugs.

A `UserError` carries a one-line reason naming the file, line and field where it can; the command
line prints it and exits 2, the UI shows it in a dialog. Anything else is a bug.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused operation, explained in one line."""

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class ValidationError(UserError):
    """A domain value that breaks a rule of the model (two teams, aware times, known roles)."""


class StorageError(UserError):
    """The database cannot be used as asked (locked, newer schema, disk full)."""
