"""File bytes to text: UTF-8 with or without a byte-order mark, within the size cap."""

from __future__ import annotations

import codecs

from facilitator_app.timeline.importing.limits import Limits
from facilitator_app.timeline.importing.problems import file_error

_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def line_of_offset(data: bytes | str, offset: int) -> int:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1  # type: ignore[arg-type]


def decode_text(data: bytes, file: str, limits: Limits) -> str:
    if len(data) > limits.max_bytes:
        raise file_error(file, f"the file is larger than {limits.describe_bytes()} (the limit)")
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            raise file_error(file, f"the file is {name}; save it as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise file_error(
            file,
            f"not UTF-8 text (byte 0x{bad}); save it as UTF-8",
            line=line_of_offset(data, exc.start),
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise file_error(
            file, "contains a NUL character: is this a binary file?", line=line_of_offset(text, nul)
        )
    return text
