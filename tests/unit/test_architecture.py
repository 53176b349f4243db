"""Imports run `ui -> facilitator_app <- storage`, and nothing outside `ui/` touches Qt.

Checked twice: by parsing every module here (a failure names the file and line), and by
import-linter's contracts in pyproject.toml when the tool is installed.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QT = ("PySide6", "shiboken6", "pytestqt")
# The composition root: the only core modules that may wire storage and ui together.
COMPOSITION_ROOT = {"facilitator_app/cli.py", "facilitator_app/app.py"}


@dataclass(frozen=True)
class Import:
    file: str  # relative to the repository
    line: int
    module: str  # absolute dotted name

    def __str__(self) -> str:
        return f"{self.file}:{self.line} imports {self.module}"


def _package_of(path: Path) -> str:
    """The package a relative import starts from (for `pkg/__init__.py` too: `pkg`)."""
    return ".".join(path.relative_to(REPO).parts[:-1])


def imports_in(path: Path, source: str | None = None) -> list[Import]:
    """Every module a file imports, anywhere in it (also inside functions and TYPE_CHECKING)."""
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    rel = path.relative_to(REPO).as_posix()
    package = _package_of(path)
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(rel, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append(Import(rel, node.lineno, module))
            # `from storage import x` may name a submodule: count `storage.x` too
            found += [Import(rel, node.lineno, f"{module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append(Import(rel, node.lineno, arg.value))
    return found


def _is_dynamic_import(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__") and bool(node.args)


def python_files(*folders: str) -> list[Path]:
    files = [p for folder in folders for p in sorted((REPO / folder).rglob("*.py"))]
    return [p for p in files if "__pycache__" not in p.parts]


def within(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_the_checker_sees_every_layer() -> None:
    assert len(python_files("facilitator_app")) >= 10
    assert len(python_files("storage")) >= 4
    assert len(python_files("ui")) >= 5
    assert python_files("resources")


def test_the_checker_resolves_relative_and_dynamic_imports() -> None:
    probe = REPO / "facilitator_app" / "subcommands" / "probe.py"  # never written to disk
    source = (
        "from .. import model\nfrom ..workspace import Part\nimport importlib\n"
        "def f():\n    importlib.import_module('PySide6.QtCore')\n"
    )
    found = imports_in(probe, source)
    modules = {i.module for i in found}
    assert {"facilitator_app.model", "facilitator_app.workspace", "PySide6.QtCore"} <= modules
    assert "facilitator_app/subcommands/probe.py:5 imports PySide6.QtCore" in map(str, found)


def test_nothing_outside_ui_imports_qt() -> None:
    offenders = [
        str(i)
        for path in python_files("facilitator_app", "storage", "resources")
        for i in imports_in(path)
        if within(i.module, *QT)
    ]
    assert not offenders, "Qt outside ui/ (move it to ui/):\n" + "\n".join(offenders)


def test_core_tests_run_without_qt() -> None:
    offenders = [
        str(i)
        for path in python_files("tests/unit", "tests/helpers")
        for i in imports_in(path)
        if within(i.module, *QT, "ui")
    ]
    assert not offenders, "Qt in a core test (move it to tests/ui/):\n" + "\n".join(offenders)


def test_the_core_imports_neither_ui_nor_storage_outside_the_composition_root() -> None:
    offenders = [
        str(i)
        for path in python_files("facilitator_app")
        for i in imports_in(path)
        if within(i.module, "ui", "storage") and i.file not in COMPOSITION_ROOT
    ]
    assert not offenders, (
        "the core must not import ui/ or storage/ (only cli.py and app.py wire them):\n"
        + "\n".join(offenders)
    )


def test_ui_never_imports_storage() -> None:
    offenders = [
        str(i)
        for path in python_files("ui")
        for i in imports_in(path)
        if within(i.module, "storage")
    ]
    assert not offenders, "ui/ must reach the data through the workspace:\n" + "\n".join(offenders)


def test_storage_never_imports_ui() -> None:
    offenders = [
        str(i)
        for path in python_files("storage")
        for i in imports_in(path)
        if within(i.module, "ui")
    ]
    assert not offenders, "storage/ must not import ui/:\n" + "\n".join(offenders)


def test_the_core_modules_load_without_qt() -> None:
    # A fresh interpreter that imports the whole core and storage must not have loaded Qt.
    code = (
        "import sys, pkgutil, importlib\n"
        "import facilitator_app, storage\n"
        "for pkg in (facilitator_app, storage):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if m.name not in ('facilitator_app.__main__',):\n"
        "            importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout


def _lint_imports() -> str | None:
    beside = Path(sys.executable).with_name("lint-imports")
    if beside.exists():
        return str(beside)
    return shutil.which("lint-imports")


def test_import_linter_contracts_are_kept() -> None:
    tool = _lint_imports()
    if tool is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run(
        [tool, "--no-cache"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.split("Contracts:")[-1].replace("0 broken", "")


def test_the_room_server_imports_neither_ui_nor_storage_nor_qt() -> None:
    offenders = [
        str(i)
        for path in python_files("companion")
        for i in imports_in(path)
        if within(i.module, "ui", "storage", *QT)
    ]
    assert len(python_files("companion")) >= 3
    assert not offenders, "companion/ is an adapter beside storage/:\n" + "\n".join(offenders)


def test_only_the_composition_root_reaches_the_room_server() -> None:
    offenders = [
        str(i)
        for path in python_files("facilitator_app", "ui", "storage")
        for i in imports_in(path)
        if within(i.module, "companion") and i.file not in COMPOSITION_ROOT
    ]
    assert not offenders, "only cli.py / app.py wire companion/:\n" + "\n".join(offenders)
