"""Find the code that answers a route in a generated file, for any framework.

Templates name the file that holds each route (``routes`` in their metadata);
this module finds the handler inside it without knowing the framework. In a
Python file it picks the function or class whose decorator names the route's
path, or whose name is the route's name (``health``, ``Health``,
``HealthView``), and adds the module-level tables that map the path (web.py's
``urls``). In any other file, or when nothing matches, it shows the lines
around the first mention of the route.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ..contract import route_path

CONTEXT_LINES = 6
MAX_LINES = 40


@dataclass(frozen=True)
class RouteCode:
    """The code of one route as a framework writes it."""

    route: str  # the route's name in the metadata: "health", "index"
    path: str  # the URL path: "/health", "/"
    file: str  # the file it comes from, relative to the project
    code: str
    first_line: int  # 1-based line number of the first line shown
    language: str  # "python" or the file's extension


def extract(route: str, file: str, source: str) -> RouteCode:
    """The code in ``source`` (the text of ``file``) that answers ``route``."""
    path = route_path(route)
    language = file.rsplit(".", 1)[-1] if "." in file else "text"
    if language == "py":
        found = _from_python(route, path, source)
        if found is not None:
            first, code = found
            return RouteCode(route, path, file, code, first, "python")
    first, code = _around_mention(route, path, source)
    return RouteCode(route, path, file, code, first, "python" if language == "py" else language)


def _from_python(route: str, path: str, source: str) -> tuple[int, str] | None:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    lines = source.splitlines()
    best: tuple[int, int, ast.AST] | None = None
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        score = _score(node, route, path)
        if score and (best is None or (score, -_size(node)) > (best[0], best[1])):
            best = (score, -_size(node), node)
    if best is None:
        return None
    node = best[2]
    name = getattr(node, "name", "")
    blocks = [_span(node, lines)]
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    owner = parents.get(node)
    if isinstance(owner, ast.ClassDef):  # a method: show the class it belongs to
        blocks.append((owner.lineno, owner.lineno))
    for statement in tree.body:
        # A table that maps the path to the handler by name (web.py's ``urls``).
        strings = _strings(statement)
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and {path, name} <= set(strings):
            blocks.insert(0, _span(statement, lines))
    blocks = _merge(blocks)
    shown: list[str] = []
    for start, end in blocks:
        if shown:
            following = lines[start - 1]
            shown.append(following[: len(following) - len(following.lstrip())] + "...")
        shown.extend(lines[start - 1 : end])
    return blocks[0][0], _dedent("\n".join(shown[:MAX_LINES]))


def _score(node: ast.AST, route: str, path: str) -> int:
    """How surely ``node`` is the handler: 3 for a decorator naming it, 2 for its name."""
    score = 0
    decorators = getattr(node, "decorator_list", [])
    names = {path, route, path.lstrip("/")} - {""}
    if any(names & set(_strings(decorator)) for decorator in decorators):
        score += 3
    name = getattr(node, "name", "").lower()
    if name in (route, f"{route}view", f"{route}page", f"{route}handler", f"{route}controller"):
        score += 2
    return score


def _strings(node: ast.AST) -> list[str]:
    return [
        child.value
        for child in ast.walk(node)
        if isinstance(child, ast.Constant) and isinstance(child.value, str)
    ]


def _size(node: ast.AST) -> int:
    return (getattr(node, "end_lineno", 0) or 0) - getattr(node, "lineno", 0)


def _span(node: ast.AST, lines: list[str]) -> tuple[int, int]:
    """The node's lines, with its decorators and the comment block just above it."""
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])  # type: ignore[attr-defined]
    while start > 1 and lines[start - 2].strip().startswith("#"):
        if re.match(r"#\s*(fmt|noqa|type|pragma)\b", lines[start - 2].strip()):
            break
        start -= 1
    end = getattr(node, "end_lineno", None) or node.lineno  # type: ignore[attr-defined]
    return start, end


def _merge(blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(blocks):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _around_mention(route: str, path: str, source: str) -> tuple[int, str]:
    """The lines around the first line that mentions the route (or the file's start)."""
    lines = source.splitlines()
    patterns = [re.compile(rf"[\"']{re.escape(path)}[\"'/]")] if path != "/" else []
    patterns.append(re.compile(rf"\b{re.escape(route)}\b", re.IGNORECASE))
    hit = next(
        (i for pattern in patterns for i, line in enumerate(lines) if pattern.search(line)), 0
    )
    start = max(0, hit - CONTEXT_LINES)
    end = min(len(lines), hit + CONTEXT_LINES + 1)
    return start + 1, _dedent("\n".join(lines[start:end]))


def _dedent(text: str) -> str:
    """Remove the indentation the shown lines share (a method inside its class)."""
    lines = text.splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] for line in lines)
