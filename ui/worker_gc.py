"""Keep Python's cyclic garbage collector off worker threads.

The collector runs in whichever thread happens to allocate when a generation fills up. If that
is a worker thread (building the language checker, rendering an export) and the garbage holds
Qt objects, their C++ halves are destroyed off the GUI thread: Qt warns, then crashes. While any
worker runs Python code, cyclic collection waits; the GUI thread collects when it resumes.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_workers = 0
_was_enabled = True


@contextmanager
def no_collection_in_worker() -> Iterator[None]:
    global _workers, _was_enabled
    if threading.current_thread() is threading.main_thread():
        yield  # on the GUI thread collection is safe
        return
    with _lock:
        if _workers == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _workers += 1
    try:
        yield
    finally:
        with _lock:
            _workers -= 1
            if _workers == 0 and _was_enabled:
                gc.enable()
