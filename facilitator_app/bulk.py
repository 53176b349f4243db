"""Bulk loads (a timeline import of 100,000 rows) without the cycle collector in the way.

Python's cycle collector runs every few hundred allocations and, as the heap grows, walks the
long-lived objects again and again; a bulk load makes many objects and no cycles, so pausing it
saves about a quarter of the time. It is switched back on (if it was on) however the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
