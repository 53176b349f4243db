"""Screenshots of the room's page (headless Chromium), narrow (390x844) and wide (1280x800), in
each phase of the demo session, with a form filled in where it shows something (a reframe, a
verdict, dots).

    python packaging/room_screenshots.py OUTPUT_DIR

Writes room-<step>-<narrow|wide>.png (the viewport) and room-<step>-narrow-full.png (the whole
page, as a phone scrolls it).
"""

from __future__ import annotations

import base64
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.browser import chromium
from tests.helpers.room_server import ServedRoom, served_room

SIZES = {"narrow": (390, 844), "wide": (1280, 800)}


def settle(driver: Any, seconds: float = 1.0) -> None:
    time.sleep(seconds)  # a screenshot script, not a test: let pushes and the checker land


def shoot(driver: Any, out: Path, step: str, size: str) -> None:
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(out / f"room-{step}-{size}.png"))
    if size == "narrow":
        height = driver.execute_script("return document.documentElement.scrollHeight")
        shot = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": 390, "height": height, "scale": 1},
            },
        )
        (out / f"room-{step}-narrow-full.png").write_bytes(base64.b64decode(shot["data"]))


def fill(driver: Any, element_id: str, text: str) -> None:
    field = driver.find_element("id", element_id)
    field.clear()
    field.send_keys(text)


def run(served: ServedRoom, out: Path) -> None:
    with chromium(*SIZES["narrow"]) as narrow, chromium(*SIZES["wide"]) as wide:
        drivers = {"narrow": narrow, "wide": wide}
        for size, driver in drivers.items():
            driver.get(served.url)
            settle(driver, 0.5)
            shoot(driver, out, "1-code", size)
            fill(driver, "code", served.code)
            driver.find_element("css selector", "#code-form button").click()
            settle(driver)
            shoot(driver, out, "2-roster", size)
            name = "Amara Diallo" if size == "narrow" else "Keiko Tanaka"
            person = next(
                p for p in driver.find_elements("css selector", ".person") if p.text == name
            )
            person.click()
            settle(driver)
            shoot(driver, out, "3-framing", size)

        served.to_phase("timeline")
        for size, driver in drivers.items():
            fill(driver, "obs-saw", "Edge should have told us about the new limit")
            settle(driver, 1.5)
            shoot(driver, out, "4-timeline", size)

        for driver in drivers.values():
            fill(driver, "obs-saw", "Checkout errors only; nothing from Edge in our channels")
            driver.execute_script(
                "document.querySelector('#form-observation button[type=submit]').click()"
            )
        settle(narrow)
        first = served.call(lambda room: room.pending()[0].id)
        served.call(lambda room: room.accept(first))
        for size, driver in drivers.items():
            settle(driver)
            driver.execute_script(
                "document.getElementById('additions').scrollIntoView({block: 'center'})"
            )
            driver.save_screenshot(str(out / f"room-4b-accepted-{size}.png"))

        served.to_phase("factors")
        factors = served.call(lambda room: [f.id for f in room.workspace.session.factors])
        for size, driver in drivers.items():
            for _ in range(2):
                plus = driver.find_elements("css selector", ".vote button.dot")[1]
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", plus)
                plus.click()
                settle(driver, 0.5)
            fill(driver, "factor-text", "Rate limits applied per client IP, not per client")
            settle(driver, 1.0)
            shoot(driver, out, "5-factors", size)
        assert factors

        served.call(lambda room: room.ask_ready("Ready to look at action items?"))
        served.to_phase("actions")
        for size, driver in drivers.items():
            fill(driver, "action-description", "Improve communication between the teams")
            settle(driver, 1.5)
            shoot(driver, out, "6-actions", size)

        served.to_phase("wrapup")
        for size, driver in drivers.items():
            settle(driver, 0.5)
            shoot(driver, out, "7-wrapup", size)

        with chromium(*SIZES["narrow"]) as other:  # the same person joins on a second device
            other.get(served.running.qr_url)
            settle(other)
            next(
                p
                for p in other.find_elements("css selector", ".person")
                if p.text == "Amara Diallo"
            ).click()
            settle(narrow)
            shoot(narrow, out, "8-replaced", "narrow")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, served_room(Path(tmp)) as served:
        run(served, out)
    print(f"wrote {len(list(out.glob('room-*.png')))} screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
