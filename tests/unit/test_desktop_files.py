"""The desktop entry, the AppStream metadata and the icons are valid and agree with each other.

The validators are the distribution's own (`desktop-file-validate`, `appstreamcli`), installed by
packaging/install-system-deps.sh; a file a software centre rejects would only show up on a
user's machine without this test.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from facilitator_app import __version__

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
APP_ID = "io.github.postmortem_facilitator"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: run `bash packaging/install-system-deps.sh`")
    return path


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        [validator("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_metainfo_passes_appstreamcli_without_errors_or_warnings() -> None:
    result = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert problems == []


def test_entry_metainfo_and_icons_name_each_other() -> None:
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment, method-assign]
    entry.read(DESKTOP)
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["Exec"].split()[0] == "facilitator"
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "facilitator"
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__


def test_every_icon_size_is_there_and_drawn_from_the_svg() -> None:
    assert (PACKAGING / f"{APP_ID}.svg").read_bytes() == (
        PACKAGING.parent / "resources" / "icons" / "app.svg"
    ).read_bytes()
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = PACKAGING / "icons" / str(size) / f"{APP_ID}.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size)


def test_install_sh_puts_the_entry_and_icons_in_the_users_data_dir(tmp_path: Path) -> None:
    bundle = tmp_path / "postmortem facilitator"  # a space: the Exec line must quote it
    share = bundle / "share"
    (share / "icons").mkdir(parents=True)
    shutil.copy(PACKAGING / "install.sh", bundle)
    shutil.copy(DESKTOP, share)
    shutil.copy(METAINFO, share)
    shutil.copy(PACKAGING / f"{APP_ID}.svg", share / "icons")
    shutil.copytree(PACKAGING / "icons", share / "icons", dirs_exist_ok=True)
    data = tmp_path / "data"
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(data), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(bundle / "install.sh")], env=env, check=True, capture_output=True)
    installed = data / "applications" / f"{APP_ID}.desktop"
    exec_line = next(
        line for line in installed.read_text().splitlines() if line.startswith("Exec=")
    )
    assert exec_line == f'Exec="{bundle}/facilitator"'
    assert (data / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").exists()
    assert (data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").exists()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True)
        assert check.returncode == 0, check.stdout
    subprocess.run(
        ["sh", str(bundle / "install.sh"), "--remove"], env=env, check=True, capture_output=True
    )
    assert not installed.exists()
