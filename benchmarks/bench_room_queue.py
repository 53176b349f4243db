"""The room's queue on disk: what writing each proposal when it arrives (and again when it is
decided) costs, against the same run with the write skipped. Devices are rate limited, so a
few milliseconds per proposal on the owner thread is what matters here.

    python benchmarks/bench_room_queue.py [--proposals 500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import report  # noqa: E402

from tests.helpers.room import demo_room  # noqa: E402


def run(proposals: int, *, on_disk: bool) -> float:
    """Seconds for `proposals` parked ideas from every team member's device, the facilitator
    dismissing the queue every 20."""
    with tempfile.TemporaryDirectory() as folder, demo_room(Path(folder)) as rig:
        if not on_disk:
            rig.room._save = lambda proposal: None  # type: ignore[method-assign]
        names = [a.name for a in rig.workspace.session.attendees if a.lane is not None]
        tokens = [rig.join(name, client=f"10.0.0.{i}") for i, name in enumerate(names)]
        start = time.perf_counter()
        for i in range(proposals):
            rig.room.handle(tokens[i % len(tokens)], {"type": "parked", "text": f"idea {i}"})
            if i % 20 == 19:
                for waiting in rig.room.pending():
                    rig.room.dismiss(waiting.id)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--proposals", type=int, default=500)
    args, _ = parser.parse_known_args()
    run(20, on_disk=True)  # warm up
    with_writes = run(args.proposals, on_disk=True)
    floor = run(args.proposals, on_disk=False)
    per = (with_writes - floor) / args.proposals * 1000
    report("proposals, queue on disk", with_writes, floor, "s")
    print(f"  {per:.2f} ms extra per proposal (one write on arrival, one on the decision)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
