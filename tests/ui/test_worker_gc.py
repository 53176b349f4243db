"""Workers never run the cyclic garbage collector (it could free Qt objects off the GUI thread)."""

from __future__ import annotations

import gc
import threading

from ui.worker_gc import no_collection_in_worker


def test_collection_pauses_while_a_worker_runs_and_resumes_after() -> None:
    seen: list[bool] = []
    inside = threading.Event()
    release = threading.Event()

    def work() -> None:
        with no_collection_in_worker():
            seen.append(gc.isenabled())
            inside.set()
            release.wait(10)

    assert gc.isenabled()
    worker = threading.Thread(target=work)
    worker.start()
    inside.wait(10)
    assert gc.isenabled() is False  # paused for everyone while the worker allocates
    release.set()
    worker.join(10)
    assert seen == [False]
    assert gc.isenabled()


def test_two_workers_resume_collection_only_when_both_are_done() -> None:
    gates = [threading.Event(), threading.Event()]
    started = [threading.Event(), threading.Event()]

    def work(i: int) -> None:
        with no_collection_in_worker():
            started[i].set()
            gates[i].wait(10)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for w in workers:
        w.start()
    for s in started:
        s.wait(10)
    gates[0].set()
    workers[0].join(10)
    assert not gc.isenabled()
    gates[1].set()
    workers[1].join(10)
    assert gc.isenabled()


def test_the_gui_thread_is_left_alone() -> None:
    with no_collection_in_worker():
        assert gc.isenabled()
