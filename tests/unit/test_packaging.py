"""The wheel carries every package and the resources, and resources load from it.

Resources go through `importlib.resources`, so they work from a checkout, a wheel or a bundle; a
data file missing from `package-data` would only show up on a user's machine without this test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from facilitator_app import __version__
from facilitator_app.paths import read_resource_text, resource

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TOP_LEVEL = ("facilitator_app", "storage", "ui", "resources", "companion")
SKIP = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("build") is None:
        pytest.skip("the 'build' package is not installed (pip install -e '.[test]')")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"  # a copy, so that the build leaves nothing in the checkout
    shutil.copytree(REPO, source, ignore=SKIP)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",  # offline: the venv's setuptools
            "--outdir",
            str(work / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (built,) = (work / "dist").glob("*.whl")
    return built


def packages_in_checkout() -> set[str]:
    return {
        init.parent.relative_to(REPO).as_posix()
        for top in TOP_LEVEL
        for init in (REPO / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def resource_files() -> set[str]:
    return {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "resources").rglob("*")
        if p.is_file() and p.suffix != ".pyc" and "__pycache__" not in p.parts
    }


def test_the_wheel_holds_every_package_module_and_resource(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "resources/demo_session.json" in names
    missing_packages = {f"{p}/__init__.py" for p in packages_in_checkout()} - names
    assert not missing_packages, f"packages missing from the wheel: {sorted(missing_packages)}"
    modules = {
        p.relative_to(REPO).as_posix()
        for top in TOP_LEVEL
        for p in (REPO / top).rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert not modules - names, f"modules missing from the wheel: {sorted(modules - names)}"
    missing_data = resource_files() - names
    assert not missing_data, f"resources missing (add the suffix to package-data): {missing_data}"
    assert not [n for n in names if n.startswith("tests/")]


def test_the_wheel_metadata_has_the_version_and_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        info = {Path(n).name: n for n in archive.namelist() if ".dist-info/" in n}
        metadata = archive.read(info["METADATA"]).decode()
        entry_points = archive.read(info["entry_points.txt"]).decode()
    assert f"\nVersion: {__version__}\n" in metadata
    assert "Requires-Dist: PySide6-Essentials<6.12" in metadata.replace(">=6.8,", "")
    assert "facilitator = facilitator_app.cli:main" in entry_points


def test_resources_load_from_the_unpacked_wheel(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    code = (
        "import facilitator_app, json\n"
        "from facilitator_app.paths import read_resource_text\n"
        "from facilitator_app.demo import load_demo_session\n"
        "print(facilitator_app.__file__)\n"
        "print(json.loads(read_resource_text('demo_session.json'))['format'])\n"
        "print(len(load_demo_session().events))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    where, fmt, events = result.stdout.split()
    assert Path(where).is_relative_to(site)  # the wheel's copy, not the checkout
    assert fmt == "facilitator-session" and int(events) >= 35


def test_read_resource_text_works_from_the_checkout() -> None:
    text = read_resource_text("demo_session.json")
    assert '"format": "facilitator-session"' in text
    assert resource("demo_session.json").is_file()
    assert not resource("no_such_file.json").is_file()
