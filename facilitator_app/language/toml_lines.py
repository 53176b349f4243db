"""Where a key sits in a TOML file, so that an error can name the line.

`tomllib` returns plain values without positions. The guide file is simple (top-level tables,
arrays of tables, `key = value` lines), so a line scan finds the place well enough for a message.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_ERROR_LINE = re.compile(r"at line (\d+)")


class TomlLines:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._found: dict[tuple[str, bool], list[int]] = {}

    def _sections(self, name: str, array: bool) -> list[int]:
        """0-based line numbers of `[name]` (or each `[[name]]`) header."""
        if (name, array) in self._found:
            return self._found[name, array]
        found = []
        for number, line in enumerate(self.lines):
            match = _HEADER.match(line)
            if match and match.group(1) == name and line.lstrip().startswith("[[") == array:
                found.append(number)
        self._found[name, array] = found
        return found

    def _key_after(self, start: int | None, key: str) -> int | None:
        """1-based line of `key =` in the section starting at `start` (None: top level)."""
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        first = 0 if start is None else start + 1
        for number in range(first, len(self.lines)):
            line = self.lines[number]
            if _HEADER.match(line):
                break
            if pattern.match(line):
                return number + 1
        return None

    def entry(self, array: str, index: int, key: str | None = None) -> int | None:
        """The line of the `index`-th `[[array]]` entry, or of `key` inside it."""
        headers = self._sections(array, array=True)
        if index >= len(headers):
            return None
        if key is None:
            return headers[index] + 1
        return self._key_after(headers[index], key) or headers[index] + 1

    def table_key(self, table: str | None, key: str) -> int | None:
        """The line of `key` in `[table]` (or at the top level when `table` is None)."""
        if table is None:
            return self._key_after(None, key)
        headers = self._sections(table, array=False)
        if not headers:
            return None
        return self._key_after(headers[0], key) or headers[0] + 1


def error_line(message: str) -> int | None:
    """The line number in a `tomllib.TOMLDecodeError` message ("... (at line 3, column 7)")."""
    match = _ERROR_LINE.search(message)
    return int(match.group(1)) if match else None
