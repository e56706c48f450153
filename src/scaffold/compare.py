"""Compare frameworks by their generated skeletons, side by side.

`compare` generates each framework's starter into a temporary directory and
reads the static figures off it: files, lines, the file tree, the batteries the
template declares, its WSGI entry and the code of the same two routes. With
``measure=True`` it also hands each skeleton to `measure` (installs, start-up,
memory, requests per second, the project's tests). Everything comes from the
templates and their metadata; nothing here knows a framework by name.
"""

from __future__ import annotations

import io
import tempfile
import tokenize
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, generator, route_code
from .registry import FEATURE_KEYS, Framework
from .report import render_path
from .snapshot import OWN_FILES, SNAPSHOT_DIR

if TYPE_CHECKING:
    from .measure import Machine, Measurement

PROJECT_NAME = "myapp"
# File extensions of template-engine files (Jinja2, Django, Chameleon/ZPT, Kajiki,
# SimpleTemplate, Templetor, yatl, Mako): counted as "lines of templates".
TEMPLATE_SUFFIXES = frozenset(
    {".html", ".htm", ".pt", ".zpt", ".xhtml", ".jinja", ".jinja2", ".j2", ".tpl", ".mak", ".mako"}
)
CONTRACT_ROUTES = ("health", "index")
BATTERIES = ("database", "admin", "auth", "forms", "template_engine", "test_tool")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Skeleton:
    """The static figures of one framework's generated starter."""

    key: str
    title: str
    category: str
    dependencies: tuple[str, ...]
    wsgi: str
    files: int
    python_lines: int  # non-blank lines in .py files
    python_code_lines: int  # the same without comments and docstrings
    template_lines: int  # non-blank lines in template-engine files
    tree: tuple[str, ...]  # the file tree, one line per entry
    paths: tuple[str, ...]  # every file, relative to the project
    batteries: Mapping[str, Any]  # FEATURE_KEYS -> the template's value
    routes: tuple[route_code.RouteCode, ...]


@dataclass(frozen=True)
class Entry:
    """One framework in a comparison: its skeleton and, if asked for, its measurement."""

    skeleton: Skeleton
    measurement: Measurement | None = None


@dataclass(frozen=True)
class Comparison:
    """What `compare` returns: one entry per framework, in the order asked for."""

    entries: tuple[Entry, ...]
    scaffold_version: str = __version__
    machine: Machine | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def measured(self) -> bool:
        return self.machine is not None


def compare(
    frameworks: Iterable[Framework],
    *,
    measure: bool = False,
    progress: Progress | None = None,
    runs: int | None = None,
    seconds: float | None = None,
) -> Comparison:
    """Generate and examine each framework's skeleton; measure them too if asked.

    ``progress`` is called with a label after every step (see `steps`), for a
    progress bar. ``runs`` and ``seconds`` override the measurement's defaults.
    """
    frameworks = list(frameworks)
    entries: list[Entry] = []
    machine = None
    settings: dict[str, Any] = {}
    if measure:
        from . import measure as measuring

        machine = measuring.machine()
        options = measuring.Options.default(runs=runs, seconds=seconds)
        settings = options.as_dict()
    with tempfile.TemporaryDirectory(prefix="scaffold-compare-") as temporary:
        for framework in frameworks:
            project = generator.generate(framework, PROJECT_NAME, Path(temporary) / framework.key)
            skeleton = examine(framework, project.path, project.names.package)
            _tell(progress, f"{framework.key}: skeleton")
            measurement = None
            if measure:
                measurement = measuring.measure(
                    framework, project.path, options=options, progress=progress
                )
            entries.append(Entry(skeleton, measurement))
    return Comparison(entries=tuple(entries), machine=machine, settings=settings)


def steps(measure: bool) -> int:
    """How many times `compare` calls ``progress`` per framework."""
    if not measure:
        return 1
    from .measure import STEPS

    return 1 + len(STEPS)


def examine(framework: Framework, project: Path, package: str) -> Skeleton:
    """The static figures of the generated ``project`` of ``framework``."""
    paths = sorted(
        relative
        for relative in (path.relative_to(project).as_posix() for path in project.rglob("*"))
        if (project / relative).is_file() and not _scaffold_own(relative)
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
    for route in CONTRACT_ROUTES:
        file = framework.routes.get(route)
        if file:
            relative = render_path(file, package)
            routes.append(route_code.extract(route, relative, _read(project / relative)))
    return Skeleton(
        key=framework.key,
        title=framework.title,
        category=framework.category,
        dependencies=framework.dependencies,
        wsgi=framework.wsgi,
        files=len(paths),
        python_lines=python_lines,
        python_code_lines=python_code,
        template_lines=template_lines,
        tree=tuple(file_tree(paths)),
        paths=tuple(paths),
        batteries={name: framework.features.get(name) for name in FEATURE_KEYS},
        routes=tuple(routes),
    )


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


def _scaffold_own(relative: str) -> bool:
    """Files scaffold writes beside the template's (answers, merge base) or git's."""
    top = relative.split("/", 1)[0]
    return relative in OWN_FILES or top in (SNAPSHOT_DIR, ".git")


def _is_static(relative: str) -> bool:
    return "static" in relative.split("/")[:-1]


def _non_blank(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _tell(progress: Progress | None, label: str) -> None:
    if progress is not None:
        progress(label)
