"""Render the SVG icon to the PNG sizes a desktop menu asks for (`make icons`).

The PNGs are committed; run this again only when the SVG changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
APP_ID = "io.github.postmortem_facilitator"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(svg: Path, out_dir: Path) -> list[Path]:
    renderer = QSvgRenderer(str(svg))
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / str(size) / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    for path in render(HERE / f"{APP_ID}.svg", HERE / "icons"):
        print(path.relative_to(HERE))
