"""The process's one garbage-collection policy, set once by the composition root (`cli.main`,
for a command and the app alike), as Anki does.

No automatic cyclic collection while the app or a command runs: the collector would otherwise
run in whichever thread happens to allocate (a worker building the language checker or an
export could free Qt objects off the GUI thread, which crashes), and in a bulk load it walks the
long-lived objects again and again for nothing (a quarter of a 100,000-row import). What is
loaded at start is frozen out of every later collection (the app freezes again once its windows
have painted). The windows collect at chosen points
on the GUI thread (`ui.collector`); a command runs to its end and the policy is lifted.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_policy() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    gc.freeze()  # everything loaded so far lives as long as the process
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
