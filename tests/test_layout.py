"""The package's shape: no import cycle, the core never imports presentation, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "scaffold"
PRESENTATION = (
    "scaffold.cli",
    "scaffold.prompts",
    "scaffold.report",
    "scaffold.compare.render_",
    "scaffold.compare.view",
    "scaffold.compare.formats",
)
MAX_LINES = 420


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


def _imports() -> dict[str, set[str]]:
    """Each module's imports of other modules of the package, lazy ones included."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
                for target in (module, *(f"{module}.{alias.name}" for alias in node.names)):
                    if target in modules and target != name:
                        found.add(target)
        graph[name] = found
    return graph


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _imports()
    cycles = []

    def walk(name: str, path: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in path:
                cycles.append([*path[path.index(target) :], target])
            elif len(path) < len(graph):
                walk(target, [*path, target])

    for name in graph:
        walk(name, [name])
    assert cycles == []


def test_the_core_never_imports_presentation() -> None:
    graph = _imports()
    wrong = [
        (name, target)
        for name, targets in graph.items()
        if not name.startswith(PRESENTATION)
        for target in targets
        if target.startswith(PRESENTATION)
    ]
    assert wrong == []


def test_modules_stay_small() -> None:
    sizes = {name: len(path.read_text().splitlines()) for name, path in _modules().items()}
    assert {name: size for name, size in sizes.items() if size > MAX_LINES} == {}
