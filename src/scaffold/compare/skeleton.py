"""The static figures of a generated skeleton: files, lines, tree, batteries, routes, concepts.

Everything is read off the generated files and the template's metadata; nothing
here knows a framework by name.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..contract import COMPARED_ROUTES, FEATURE_KEYS
from ..registry import Framework, rendered_path
from . import concepts as concept_code
from . import routes as route_code

# File extensions of template-engine files (Jinja2, Django, Chameleon/ZPT, Kajiki,
# SimpleTemplate, Templetor, yatl, Mako): counted as "lines of templates".
TEMPLATE_SUFFIXES = frozenset(
    {".html", ".htm", ".pt", ".zpt", ".xhtml", ".jinja", ".jinja2", ".j2", ".tpl", ".mak", ".mako"}
)


@dataclass(frozen=True)
class Skeleton:
    """The static figures of one framework's generated starter."""

    key: str
    title: str
    category: str
    package: str  # the generated package's name, for paths and commands
    dependencies: tuple[str, ...]
    interface: Mapping[str, str]  # interface -> entry point, as the template declares
    files: int
    python_lines: int  # non-blank lines in .py files
    python_code_lines: int  # the same without comments and docstrings
    template_lines: int  # non-blank lines in template-engine files
    tree: tuple[str, ...]  # the file tree, one line per entry
    paths: tuple[str, ...]  # every file, relative to the project
    batteries: Mapping[str, Any]  # FEATURE_KEYS -> the template's value
    routes: tuple[route_code.RouteCode, ...]
    concepts: tuple[concept_code.ConceptCode, ...] = ()  # in the order of `CONCEPTS`
    claims: tuple[Mapping[str, Any], ...] = ()  # the template's, files named as generated


def examine(framework: Framework, project: Path, package: str) -> Skeleton:
    """The static figures of the generated ``project`` of ``framework``."""
    paths = sorted(
        relative
        for relative in (path.relative_to(project).as_posix() for path in project.rglob("*"))
        if (project / relative).is_file()
    )
    python_lines = python_code = template_lines = 0
    for relative in paths:
        suffix = Path(relative).suffix.lower()
        if suffix == ".py":
            text = _read(project / relative)
            python_lines += _non_blank(text)
            python_code += code_lines(text)
        elif suffix in TEMPLATE_SUFFIXES and not _is_static(relative):
            template_lines += _non_blank(_read(project / relative))
    routes = []
    for route in COMPARED_ROUTES:
        file = framework.routes.get(route)
        if file:
            relative = rendered_path(file, package)
            routes.append(route_code.extract(route, relative, _read(project / relative)))
    return Skeleton(
        key=framework.label,  # falcon:asgi for one interface of a starter that has two
        title=framework.title,
        category=framework.category,
        package=package,
        dependencies=framework.dependencies,
        interface=dict(framework.interface),
        files=len(paths),
        python_lines=python_lines,
        python_code_lines=python_code,
        template_lines=template_lines,
        tree=tuple(file_tree(paths)),
        paths=tuple(paths),
        batteries={name: framework.features.get(name) for name in FEATURE_KEYS},
        routes=tuple(routes),
        concepts=tuple(concepts_of(framework, project, package)),
        claims=tuple(_rendered_claim(claim, package) for claim in framework.claims),
    )


def _rendered_claim(claim: Mapping[str, Any], package: str) -> Mapping[str, Any]:
    """A claim with the generated package's name in its file and its words (``<package>``)."""
    rendered = {
        key: value.replace("<package>", package) if isinstance(value, str) else value
        for key, value in claim.items()
    }
    if "file" in rendered:
        rendered["file"] = rendered_path(rendered["file"], package)
    return rendered


def concepts_of(
    framework: Framework, project: Path, package: str, names: Iterable[str] | None = None
) -> list[concept_code.ConceptCode]:
    """The code of each concept the template maps (or of ``names``), in lesson order."""
    wanted = set(names) if names is not None else set(framework.concepts)
    found = []
    for name in concept_code.CONCEPTS:
        spec = framework.concepts.get(name)
        if spec is None or name not in wanted:
            continue
        relative = rendered_path(spec["file"], package)
        try:
            found.append(
                concept_code.locate(name, relative, spec, (project / relative).read_text("utf-8"))
            )
        except (OSError, UnicodeDecodeError, concept_code.ConceptNotFoundError) as exc:
            problem = str(exc) if isinstance(exc, LookupError) else f"cannot read {relative}"
            anchor = spec.get("symbol") or spec.get("region") or ""
            found.append(
                concept_code.ConceptCode(
                    name, relative, anchor, "", 0, concept_code.language(relative), problem
                )
            )
    return found


def file_tree(paths: Iterable[str]) -> list[str]:
    """Relative file paths drawn as a tree, folders first, like ``tree``."""
    root: dict[str, Any] = {}
    for path in paths:
        node = root
        for part in path.split("/"):
            node = node.setdefault(part, {})
    lines: list[str] = []

    def draw(node: dict[str, Any], prefix: str) -> None:
        names = sorted(node, key=lambda name: (not node[name], name.lower()))
        for index, name in enumerate(names):
            last = index == len(names) - 1
            folder = bool(node[name])
            lines.append(f"{prefix}{'└── ' if last else '├── '}{name}{'/' if folder else ''}")
            if folder:
                draw(node[name], prefix + ("    " if last else "│   "))

    draw(root, "")
    return lines


def code_lines(source: str) -> int:
    """Lines of Python that hold code: no blank lines, comments or docstrings."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return _non_blank(source)
    layout = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    lines: set[int] = set()
    previous = tokenize.NEWLINE
    for token in tokens:
        if token.type in (tokenize.COMMENT, tokenize.NL):
            continue
        # A string standing alone at the start of a statement is a docstring.
        docstring = token.type == tokenize.STRING and previous in layout
        if token.type not in layout and not docstring:
            lines.update(range(token.start[0], token.end[0] + 1))
        previous = token.type
    return len(lines)


def _is_static(relative: str) -> bool:
    return "static" in relative.split("/")[:-1]


def _non_blank(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
