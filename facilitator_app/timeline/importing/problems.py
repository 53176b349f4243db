"""The one error type a timeline import raises, and the bad rows it lists.

Every problem names the physical line where its record starts (the header is line 1), the column
when one is to blame, and the reason, so the user can fix the file in any editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facilitator_app.errors import UserError


@dataclass(frozen=True)
class RowProblem:
    """One bad row (or, with `line` None, the file as a whole)."""

    line: int | None
    column: str | None
    reason: str
    fatal: bool = False  # the file's structure is broken here: reading cannot go on
    member: str | None = None  # the file inside an export (a zip or folder) it is in

    def where(self, file: str) -> str:
        return f"{file}/{self.member}" if self.member else file

    def describe(self, file: str) -> str:
        return UserError(
            self.reason, file=self.where(file), line=self.line, field=self.column
        ).message


class TimelineImportError(UserError):
    """A timeline file that was not imported (nothing of it was written), with every problem."""

    def __init__(self, file: str, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        self.source = file
        if len(self.problems) == 1:
            only = self.problems[0]
            super().__init__(
                f"{only.reason}; nothing was imported",
                file=only.where(file),
                line=only.line,
                field=only.column,
            )
        else:
            rows = len({p.line for p in self.problems if p.line is not None})
            noun = "row" if rows == 1 else "rows"
            super().__init__(f"{rows} bad {noun}; nothing was imported", file=file)

    @property
    def bad_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems if p.line is not None})

    def lines(self) -> list[str]:
        """One line per problem, for standard error or the dialog's list."""
        return [p.describe(self.source) for p in self.problems]


def file_error(file: str, reason: str, line: int | None = None) -> TimelineImportError:
    return TimelineImportError(file, [RowProblem(line, None, reason, fatal=True)])
