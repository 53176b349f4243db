"""Start-up stays light: matplotlib loads only to draw a chart, and the core never loads Qt."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent("""
    import json, pkgutil, sys, importlib
    import facilitator_app.exports as exports
    from facilitator_app import cli
    from facilitator_app.exports import formats as export_formats
    cli.build_parser()
    for info in pkgutil.iter_modules(exports.__path__):
        if info.name != "charts":
            importlib.import_module(f"facilitator_app.exports.{info.name}")
    seen = {"after_import": sorted(m for m in sys.modules if m.split(".")[0] in
                                   ("matplotlib", "fpdf", "jinja2", "PySide6"))}
    sys.path.insert(0, ".")
    from tests.helpers.export_sessions import export_session
    session = export_session(events=6, actions=3)
    for name in ("md", "actions-csv", "actions-json", "ics", "json"):
        export_formats.FORMATS[name].render(session)
    seen["after_light_exports"] = sorted(m for m in sys.modules if m.startswith("matplotlib"))
    export_formats.FORMATS["html"].render(session)
    export_formats.FORMATS["pdf"].render(session)
    seen["after_charts"] = sorted(m for m in sys.modules if m.split(".")[0] in
                                  ("matplotlib", "PySide6", "shiboken6"))
    print(json.dumps(seen))
""")


def test_matplotlib_loads_only_when_a_chart_is_drawn():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    seen = json.loads(result.stdout)
    assert seen["after_import"] == []  # not matplotlib, fpdf, jinja2 or Qt at start-up
    assert seen["after_light_exports"] == []
    drawn = seen["after_charts"]
    assert "matplotlib.backends.backend_agg" in drawn
    assert "matplotlib.backends.backend_svg" in drawn
    assert "matplotlib.pyplot" not in drawn  # no global backend chosen
    assert not [
        m
        for m in drawn
        if "qt" in m.split(".")[-1].lower() or m.startswith(("PySide6", "shiboken6"))
    ]
