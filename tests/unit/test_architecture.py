"""Imports run `ui -> facilitator_app <- storage`, nothing outside `ui/` touches Qt, and no
layer imports itself in a circle.

Each rule is checked once. import-linter's contracts in pyproject.toml hold the layers (ui and
storage independent, the core free of both but for the composition root, no Qt in the core or
storage). This file parses every module (a failure names the file and line) for what those
contracts do not say: circles inside a layer, Qt-free core tests, Qt-free resources, and that the
core loads without Qt at run time.
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
# Layers that must not import themselves in a circle (storage/ is still one package-wide
# circle through its __init__; it is not listed until that is untangled).
ACYCLIC_LAYERS = ("facilitator_app", "ui")


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


def test_resources_import_no_qt() -> None:
    """(The core and storage: import-linter's "Nothing outside ui imports Qt".)"""
    offenders = [
        str(i)
        for path in python_files("resources")
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


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(layer: str) -> dict[str, set[str]]:
    """Module -> the modules of the same layer it imports (anywhere in the file, lazy imports
    and TYPE_CHECKING included: a circle in the types is a circle in the design)."""
    modules = {module_name(p): p for p in python_files(layer)}
    return {
        name: {i.module for i in imports_in(path) if i.module in modules and i.module != name}
        for name, path in modules.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert circles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("layer", ACYCLIC_LAYERS)
def test_no_import_circle_inside_a_layer(layer: str) -> None:
    found = circles(import_graph(layer))
    assert not found, f"import circles inside {layer}/ (break them):\n" + "\n".join(
        " <-> ".join(group) for group in found
    )


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
