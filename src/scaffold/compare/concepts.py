"""The concepts a class compares across starters, and where each template says they live.

A template's ``_scaffold.concepts`` maps a concept name to a file of the
generated project and, inside it, a Python ``symbol`` (a function, a class, a
module-level name, or ``Class.method``) or a ``region`` between two marker
comments (``[concept NAME]`` and ``[/concept NAME]``, in the file's own comment
syntax: a page template, a configuration file, web2py's models.py whose tables
are statements, not definitions). One of the two is required.

`validate` checks the map's shape (the registry calls it); `locate` finds the
code in a rendered file. Only the standard library's ``ast`` is imported, and
only when code is located, so the registry stays cheap to load.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ast

# Concept name -> its label on a page, in the order a lesson takes them.
CONCEPTS = {
    "entry": "Entry point (WSGI or ASGI)",
    "routing": "URL routing",
    "view": "A view",
    "template": "A page template",
    "settings": "Settings",
    "security-headers": "Security headers",
    "test": "A test",
    "model": "The model",
    "form": "A form and its CSRF protection",
    "migration": "Schema or migration",
    "login": "Login",
    "admin": "Admin",
}
# What every starter shows.
STARTER_CONCEPTS = ("entry", "routing", "view", "template", "settings", "security-headers", "test")
# What a full-stack starter also shows, each where the feature it needs is declared.
FULL_STACK_CONCEPTS = {
    "model": "database",
    "form": "forms",
    "migration": "database",
    "login": "auth",
    "admin": "admin",
}
# The most lines shown for one concept; the rest is left to the file.
MAX_LINES = 80
LANGUAGES = {
    ".py": "python",
    ".html": "html+jinja",
    ".htm": "html+jinja",
    ".tpl": "html+jinja",
    ".pt": "xml",
    ".xhtml": "xml",
    ".zcml": "xml",
    ".xml": "xml",
    ".ini": "ini",
    ".cfg": "ini",
    ".toml": "toml",
    ".conf": "apacheconf",
    ".mako": "mako",
}


class ConceptNotFoundError(LookupError):
    """A concept's symbol or region is not in its file."""


@dataclass(frozen=True)
class ConceptCode:
    """One concept as one framework writes it."""

    concept: str
    file: str  # relative to the project
    anchor: str  # the symbol or region named, or "" for the whole file
    code: str
    first_line: int  # 1-based
    language: str  # a Pygments lexer name
    problem: str = ""  # why the code could not be shown (the map has drifted)


def required(category: str, features: Mapping[str, Any]) -> list[str]:
    """The concepts a template of ``category`` with ``features`` must map."""
    names = list(STARTER_CONCEPTS)
    if category == "full-stack":
        names += [name for name, feature in FULL_STACK_CONCEPTS.items() if features.get(feature)]
    return names


def validate(meta: Mapping[str, Any]) -> list[str]:
    """Every problem with a ``_scaffold`` block's ``concepts``, as sentences.

    A template without the key is let through (a template of your own can start
    without it); a map that is there must be complete. The bundled templates'
    tests require the map of each.
    """
    if "concepts" not in meta:
        return []
    concepts = meta["concepts"]
    if not isinstance(concepts, dict):
        return ["'concepts' must be an object mapping each concept to its file and symbol."]
    features = meta.get("features")
    if not isinstance(features, dict):
        features = {}
    problems = []
    missing = [n for n in required(str(meta.get("category")), features) if n not in concepts]
    if missing:
        problems.append(f"'concepts' lacks {', '.join(missing)}.")
    for name, spec in concepts.items():
        if name not in CONCEPTS:
            problems.append(f"'concepts' names {name!r}; known: {', '.join(CONCEPTS)}.")
        elif not isinstance(spec, dict) or not _text(spec.get("file")):
            problems.append(f"concept {name!r} must be an object with a 'file'.")
        elif set(spec) - {"file", "symbol", "region"}:
            problems.append(f"concept {name!r} may hold only 'file', 'symbol' and 'region'.")
        elif "symbol" in spec and "region" in spec:
            problems.append(f"concept {name!r} names a symbol and a region: keep one.")
        elif any(key in spec and not _text(spec[key]) for key in ("symbol", "region")):
            problems.append(f"concept {name!r}: 'symbol' and 'region' are non-empty strings.")
        elif "symbol" not in spec and "region" not in spec:
            problems.append(
                f"concept {name!r} names only a file: point at the code with a 'symbol' or a"
                " marked 'region', so that the map cannot drift from it."
            )
    return problems


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def language(file: str) -> str:
    """The Pygments lexer for a file, by its extension."""
    suffix = "." + file.rsplit(".", 1)[-1].lower() if "." in file else ""
    return LANGUAGES.get(suffix, "text")


def locate(concept: str, file: str, spec: Mapping[str, str], source: str) -> ConceptCode:
    """The code of ``concept`` in ``source`` (the text of ``file``), as ``spec`` names it.

    Raises `ConceptNotFoundError` when the symbol or the region is not there.
    """
    lines = source.splitlines()
    if spec.get("symbol"):
        anchor = spec["symbol"]
        start, end = _symbol_span(anchor, source, file)
    elif spec.get("region"):
        anchor = spec["region"]
        start, end = _region_span(anchor, lines, file)
    else:
        anchor, start, end = "", 1, len(lines)
    shown = lines[start - 1 : end]
    if len(shown) > MAX_LINES:
        shown = [*shown[:MAX_LINES], f"... ({len(shown) - MAX_LINES} more lines in {file})"]
    return ConceptCode(concept, file, anchor, _dedent(shown), start, language(file))


def _symbol_span(symbol: str, source: str, file: str) -> tuple[int, int]:
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ConceptNotFoundError(f"{file} is not valid Python: {exc}.") from exc
    body: list[ast.stmt] = tree.body
    found: ast.stmt | None = None
    shown: ast.stmt | None = None
    for depth, part in enumerate(symbol.split(".")):
        found, outer = _find(part, body)
        if found is None:
            raise ConceptNotFoundError(f"{file} defines no {symbol!r}.")
        # At module level, a name assigned inside ``try`` or ``if`` is shown with it.
        shown = outer if depth == 0 else found
        body = getattr(found, "body", [])
    assert shown is not None
    return _span(shown, source.splitlines())


def _find(name: str, body: list[ast.stmt]) -> tuple[ast.stmt | None, ast.stmt | None]:
    """The statement in ``body`` that defines ``name``, and the top statement holding it."""
    import ast

    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if statement.name == name:
                return statement, statement
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            if name in names:
                return statement, statement
        elif isinstance(statement, (ast.If, ast.Try, ast.With)):
            inner = [*statement.body, *getattr(statement, "orelse", [])]
            for handler in getattr(statement, "handlers", []):
                inner += handler.body
            found, _outer = _find(name, inner)
            if found is not None:
                return found, statement
    return None, None


def _span(node: ast.stmt, lines: list[str]) -> tuple[int, int]:
    """The node's lines, with its decorators and the comment block just above it."""
    decorators = getattr(node, "decorator_list", [])
    start = min([node.lineno, *(d.lineno for d in decorators)])
    while start > 1 and lines[start - 2].strip().startswith("#"):
        if re.match(r"#\s*(fmt|noqa|type|pragma)\b", lines[start - 2].strip()):
            break
        start -= 1
    return start, node.end_lineno or node.lineno


def _region_span(region: str, lines: list[str], file: str) -> tuple[int, int]:
    begin = re.compile(rf"\[concept {re.escape(region)}\]")
    end = re.compile(rf"\[/concept {re.escape(region)}\]")
    start = next((i for i, line in enumerate(lines) if begin.search(line)), None)
    if start is not None:
        stop = next((i for i in range(start + 1, len(lines)) if end.search(lines[i])), None)
        if stop is not None and stop > start + 1:
            return start + 2, stop
    raise ConceptNotFoundError(
        f"{file} has no region marked [concept {region}] ... [/concept {region}]."
    )


def _dedent(lines: list[str]) -> str:
    """The lines without the indentation they share (a method inside its class)."""
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] for line in lines).strip("\n")
