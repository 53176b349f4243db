"""`facilitator lint-text [--json] < TEXT`: blameful phrases in text, each with a reframe.

Reads standard input (UTF-8). Plain output is one finding a line, `LINE:COLUMN category "text"`
then the suggestion; `--json` prints a list of objects with `start`, `end` (character offsets,
end exclusive), `category`, `text` and `suggestion`, and `[]` when there is nothing to say. The
exit status is 0 either way: a finding is advice, not an error. Input over 256 KiB is refused
(exit 2) after reading only that much: the checker's time grows with the text.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
from typing import TYPE_CHECKING

from facilitator_app.errors import UserError
from facilitator_app.subcommands.context import CommandContext

if TYPE_CHECKING:
    from facilitator_app.language import Finding


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lint-text",
        help="blameful phrases in standard input, with reframes",
        description="Check text on standard input against the blameless "
        "language guide and suggest a reframe for each finding.",
    )
    p.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    p.set_defaults(handler=cmd_lint_text)


def _too_long() -> UserError:
    from facilitator_app.language.checker import MAX_TEXT_CHARS

    return UserError(
        f"the text is longer than {MAX_TEXT_CHARS // 1024} KiB; check it in parts",
        file="<stdin>",
    )


def read_stdin(ctx: CommandContext) -> str:
    """Standard input as text, read no further than the checker's limit."""
    from facilitator_app.language.checker import MAX_TEXT_CHARS

    raw = getattr(ctx.stdin, "buffer", None)
    if raw is None:
        text = ctx.stdin.read(MAX_TEXT_CHARS + 1)
        if len(text) > MAX_TEXT_CHARS:
            raise _too_long()
        return text
    data = raw.read(MAX_TEXT_CHARS + 1)  # bytes: a UTF-8 text of at most the limit in characters
    if len(data) > MAX_TEXT_CHARS:
        raise _too_long()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"standard input is not UTF-8 text (byte {exc.start})", file="<stdin>"
        ) from None


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Where each line starts (a line ends at \\n, \\r\\n or a lone \\r, as old Mac files end
    them)."""
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def line_and_column(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, given `line_starts` of its text."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def format_plain(text: str, findings: list[Finding]) -> str:
    if not findings:
        return "no blameful phrases found"
    rows = []
    starts = line_starts(text)
    for finding in findings:
        line, column = line_and_column(starts, finding.start)
        rows.append(
            f'{line}:{column}: {finding.category}: "{finding.text}"\n    {finding.suggestion}'
        )
    return "\n".join(rows)


def cmd_lint_text(args: argparse.Namespace, ctx: CommandContext) -> int:
    from facilitator_app.language import current_checker  # only when the command runs

    checker = current_checker()  # a bad guide override is reported before waiting for input
    text = read_stdin(ctx)
    findings = checker.check(text)
    if args.json:
        print(json.dumps([f.as_json() for f in findings], indent=2), file=ctx.stdout)
    else:
        print(format_plain(text, findings), file=ctx.stdout)
    return 0
