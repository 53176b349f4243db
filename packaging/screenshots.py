"""Render the README / AppStream screenshots of the demo session (offscreen, no display needed).

    python packaging/screenshots.py [OUTPUT_DIR] [--phase KEY ...]

Writes console.png (1280x800) and shared-<phase>-<W>x<H>.png at 1920x1080 and 1280x720 for the
phases asked for (default: every phase of the demo agenda).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app.engine import SystemClock
from facilitator_app.session_open import open_workspace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from facilitator_app.demo import load_demo_session
from facilitator_app.workspace import Part
from storage import SqliteStore
from ui.app import AppController

SIZES = [(1920, 1080), (1280, 720)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "output", nargs="?", type=Path, default=Path(__file__).parent / "screenshots"
    )
    parser.add_argument("--phase", action="append", help="phase key (repeatable)")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore.open(Path(tmp) / "demo.db")
        session = load_demo_session()
        store.create_session(session)
        controller = AppController(open_workspace(store, session, SystemClock()))
        controller.console.resize(1280, 800)
        controller.console.show()
        app.processEvents()
        controller.console.grab().save(str(args.output / "console.png"))
        phases = args.phase or [p.key for p in session.phases]
        for key in phases:
            now = datetime.now(UTC)
            for phase in session.phases:
                phase.started_at = now if phase.key == key else None
                phase.ended_at = None
            controller.workspace.notify(*Part)  # as if the clock moved to this phase
            for width, height in SIZES:
                controller.shared.resize(width, height)
                controller.shared.show()
                for _ in range(20):  # let the header and the views settle at the new size
                    app.processEvents()
                path = args.output / f"shared-{key}-{width}x{height}.png"
                controller.shared.grab().save(str(path))
                print(path)
        controller.shared.close()
        controller.console.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
