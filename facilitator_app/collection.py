"""The process's one garbage-collection policy, set once by the composition root (`cli.main`,
for a command and the app alike), as Anki does.

No automatic cyclic collection while the app or a command runs: the collector would otherwise
run in whichever thread happens to allocate (a worker building the language checker or an
export could free Qt objects off the GUI thread, which crashes), and in a bulk load it walks the
long-lived objects again and again for nothing (a quarter of a 100,000-row import). What is
loaded at start is frozen out of every later collection (the app freezes again once its windows
have painted). The windows collect at chosen points
on the GUI thread (`ui.collector`). A headless command has no Qt objects and no timer to
collect: it collects young garbage itself (`for_a_command`), rarely, so that a file of 200,000
bad rows (each a reference cycle through its exception) stays bounded in memory.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_policy() -> Iterator[None]:
    was_enabled = gc.isenabled()
    threshold = gc.get_threshold()
    gc.disable()
    gc.freeze()  # everything loaded so far lives as long as the process
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        gc.disable()
        if was_enabled:
            gc.enable()


# A young-generation collection every this many allocations: rare enough to cost little in a
# bulk load, often enough that a command's cyclic garbage never piles up (measured: 190,000 bad
# rows peaked at 1.3 GB with collection off).
COMMAND_YOUNG_THRESHOLD = 100_000


def for_a_command() -> None:
    """Inside `collection_policy`, for a headless command (no Qt objects, no threads that could
    free them): collect young garbage, seldom; what start-up loaded stays frozen."""
    gc.set_threshold(COMMAND_YOUNG_THRESHOLD, 50, 1000)
    gc.enable()
