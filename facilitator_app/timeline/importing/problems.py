"""The one error type a timeline import raises, and the bad rows it lists.

Every problem names the physical line where its record starts (the header is line 1), the column
when one is to blame, and the reason, so the user can fix the file in any editor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


MAX_LISTED = 1000  # problems listed one by one; past that they are counted


class ProblemList(list[RowProblem]):
    """The problems of one import: the first `MAX_LISTED` kept (and every fatal one), the rest
    counted with the rows they are on. A file of 200,000 bad rows must not hold (or print)
    half a million messages: the first thousand say what is wrong."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        super().__init__()
        self.limit = limit
        self.more = 0  # problems not listed
        self.bad_lines: set[int | None] = set()

    def append(self, problem: RowProblem) -> None:
        self.bad_lines.add(problem.line)
        if len(self) < self.limit or problem.fatal:
            super().append(problem)
        else:
            self.more += 1

    def extend(self, problems: Iterable[RowProblem]) -> None:
        for problem in problems:
            self.append(problem)


class TimelineImportError(UserError):
    """A timeline file that was not imported (nothing of it was written), with its problems
    (the first `MAX_LISTED`; `more` counts the rest)."""

    def __init__(self, file: str, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        self.more = problems.more if isinstance(problems, ProblemList) else 0
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
            lines = problems.bad_lines if isinstance(problems, ProblemList) else None
            rows = len({n for n in (lines or (p.line for p in self.problems)) if n is not None})
            noun = "row" if rows == 1 else "rows"
            super().__init__(f"{rows} bad {noun}; nothing was imported", file=file)

    @property
    def bad_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems if p.line is not None})

    def lines(self) -> list[str]:
        """One line per problem, for standard error or the dialog's list."""
        listed = [p.describe(self.source) for p in self.problems]
        if self.more:
            listed.append(f"{self.source}: … and {self.more:,} more problems, not listed")
        return listed


def file_error(file: str, reason: str, line: int | None = None) -> TimelineImportError:
    return TimelineImportError(file, [RowProblem(line, None, reason, fatal=True)])
