"""The view model of a comparison: its figures and cells, shared by every format.

Each renderer (`render_text`, `render_markdown`, `render_json`, `render_html`)
shows the same figures, defined once in `FIGURES`, and the same cells.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..contract import BATTERIES, FEATURE_LABELS
from ..runtime import interfaces
from .concepts import CONCEPTS, ConceptCode
from .core import Comparison, Entry
from .measure import PATHS, Measurement


@dataclass(frozen=True)
class Figure:
    """One column of the comparison: how to read it off an entry and how to show it."""

    key: str
    label: str  # short, for table headers
    title: str  # a sentence, for charts
    value: Callable[[Entry], float | None]
    digits: int = 0
    better: str | None = None  # "lower" or "higher" is better, for the charts
    measured: bool = False


def _measured(read: Callable[[Measurement], float | None]) -> Callable[[Entry], float | None]:
    def value(entry: Entry) -> float | None:
        return read(entry.measurement) if entry.measurement is not None else None

    return value


def _mb(size: int | None) -> float | None:
    return size / 1_000_000 if size is not None else None


def _ms(seconds: float | None) -> float | None:
    return seconds * 1000 if seconds is not None else None


def _rps(path: str) -> Figure:
    key = "index" if path == "/" else path.strip("/")
    return Figure(
        f"rps_{key}",
        f"{path} req/s",
        f"GET {path}: requests per second through its entry point, in process",
        _measured(lambda m: m.requests_per_second.get(path)),
        better="higher",
        measured=True,
    )


FIGURES: tuple[Figure, ...] = (
    Figure("files", "files", "Files in the skeleton", lambda e: e.skeleton.files),
    Figure(
        "python_code_lines",
        "py code",
        "Lines of Python code (no comments, docstrings or blank lines)",
        lambda e: e.skeleton.python_code_lines,
    ),
    Figure(
        "python_lines",
        "py lines",
        "Lines of Python, comments and docstrings included",
        lambda e: e.skeleton.python_lines,
    ),
    Figure(
        "template_lines", "tpl lines", "Lines of templates", lambda e: e.skeleton.template_lines
    ),
    Figure(
        "distributions",
        "dists",
        "Distributions the application installs (its own dependencies, recursively)",
        _measured(lambda m: m.distributions if m.runtime else None),
        better="lower",
        measured=True,
    ),
    Figure(
        "runtime_mb",
        "app MB",
        "Disk used by those distributions (MB)",
        _measured(lambda m: _mb(m.runtime_bytes) if m.runtime else None),
        digits=1,
        better="lower",
        measured=True,
    ),
    Figure(
        "environment_mb",
        "env MB",
        "Disk used by the whole virtual environment, test tools included (MB)",
        _measured(lambda m: _mb(m.environment_bytes)),
        digits=1,
        better="lower",
        measured=True,
    ),
    Figure(
        "cold_start_ms",
        "start ms",
        "Cold start: import the entry point and build the application (ms, median)",
        _measured(lambda m: _ms(m.cold_start)),
        better="lower",
        measured=True,
    ),
    Figure(
        "rss_mb",
        "RSS MB",
        "Resident memory after start (MB)",
        _measured(lambda m: _mb(m.rss_bytes)),
        digits=1,
        better="lower",
        measured=True,
    ),
    *(_rps(path) for path in PATHS),
)


def figures(comparison: Comparison) -> list[Figure]:
    """The figures this comparison has: the static ones, and the measured ones if measured."""
    return [figure for figure in FIGURES if comparison.measured or not figure.measured]


def show(figure: Figure, entry: Entry) -> str:
    value = figure.value(entry)
    if value is None:
        return "-"
    return f"{value:,.{figure.digits}f}"


def tests_cell(entry: Entry) -> str:
    measurement = entry.measurement
    if measurement is None or measurement.tests_passed is None:
        return "-"
    return "pass" if measurement.tests_passed else "FAIL"


def battery(entry: Entry, name: str, *, short: bool = False) -> str:
    """A battery as a cell: the template's words (``yes`` if ``short``), or ``-`` for none."""
    value = entry.skeleton.batteries.get(name)
    if value in (None, False, ""):
        return "-"
    if value is True or (short and name in ("database", "admin", "auth", "forms")):
        text = "yes"
    elif short:
        text = str(value).split(" (")[0].split(", ")[0]
    else:
        text = str(value)
    # The template's words name the package as <package>: show the generated one.
    text = text.replace("<package>", entry.skeleton.package or "<package>")
    if short:
        text = text.replace("`", "")
    if name == "forms" and entry.skeleton.batteries.get("csrf"):
        text += " + CSRF" if short else "; CSRF-protected"
    return text


def figure_rows(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the figures table, one row per framework."""
    shown = figures(comparison)
    header = ["framework", "category", *(figure.label for figure in shown)]
    if comparison.measured:
        header.append("tests")
    rows = []
    for entry in comparison.entries:
        row = [entry.skeleton.key, entry.skeleton.category]
        row += [show(figure, entry) for figure in shown]
        if comparison.measured:
            row.append(tests_cell(entry))
        rows.append(row)
    return header, rows


def battery_rows(comparison: Comparison, *, short: bool) -> tuple[list[str], list[list[str]]]:
    header = ["framework", *(FEATURE_LABELS[name] for name in BATTERIES), "interface"]
    rows = [
        [
            entry.skeleton.key,
            *(battery(entry, name, short=short) for name in BATTERIES),
            interfaces.describe(entry.skeleton.interface),
        ]
        for entry in comparison.entries
    ]
    return header, rows


def concept_names(comparison: Comparison) -> list[str]:
    """The concepts to show side by side: those asked for, else every one mapped, in order."""
    if comparison.concepts:
        return list(comparison.concepts)
    mapped = {code.concept for entry in comparison.entries for code in entry.skeleton.concepts}
    return [name for name in CONCEPTS if name in mapped]


def trees(comparison: Comparison) -> list[list[str]]:
    """Each entry's file tree, one line per entry under its ``key/``.

    The views of one starter served two ways (``falcon:wsgi``, ``falcon:asgi``) are one
    project: the tree is shown under the first, and the others say so in one line.
    """
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    shown = []
    for entry in comparison.entries:
        key, tree = entry.skeleton.key, entry.skeleton.tree
        template = key.partition(":")[0]  # a view's key is KEY:INTERFACE
        first = seen.setdefault((template, tree), key)
        if first == key:
            shown.append([f"{key}/", *tree])
        else:
            shown.append([f"{key}/ (the same files as {first})"])
    return shown


def concept_code(entry: Entry, name: str) -> ConceptCode | None:
    """The entry's code for the concept ``name``, or None where its template maps none."""
    return next((code for code in entry.skeleton.concepts if code.concept == name), None)


# How alike two blocks of code must be (difflib's ratio) for their diff to teach more than
# the two blocks side by side: Flask and Quart, or Falcon's WSGI and ASGI resources.
ALIKE = 0.5


def what_changes(comparison: Comparison, name: str) -> list[str]:
    """For two frameworks whose code of ``name`` is alike, a unified diff from one to the other.

    Empty when more or fewer than two are compared, when either has no code for it,
    when the code is the same, or when it is too different for a diff to read well.
    """
    if len(comparison.entries) != 2:
        return []
    codes = [concept_code(entry, name) for entry in comparison.entries]
    if any(code is None or code.problem for code in codes):
        return []
    before, after = (concept_text(code).splitlines() for code in codes)
    if before == after or difflib.SequenceMatcher(None, before, after).ratio() < ALIKE:
        return []
    first, second = (entry.skeleton.key for entry in comparison.entries)
    return list(difflib.unified_diff(before, after, first, second, lineterm="", n=1))


def concept_source(code: ConceptCode) -> str:
    """Where a concept's code comes from: ``file: symbol, line N``."""
    if not code.anchor:
        return f"{code.file} (whole file)"
    line = f", line {code.first_line}" if code.first_line else ""
    return f"{code.file}: {code.anchor}{line}"


def concept_text(code: ConceptCode | None) -> str:
    """A concept's code, or a sentence saying why there is none."""
    if code is None:
        return "(this starter does not show it)"
    if code.problem:
        return f"(not found: {code.problem})"
    return code.code


def machine_line(comparison: Comparison) -> str:
    machine = comparison.machine
    if machine is None:
        return ""
    settings = comparison.settings
    skipped = settings.get("tests") is False
    load = f" (load {machine.load:.1f})" if machine.load is not None else ""
    return (
        f"Measured {machine.measured_at} on {machine.system} {machine.machine}, {machine.cpu}"
        f" x{machine.cpus}{load}; {machine.implementation} {machine.python}; {machine.installer}."
        f" Start: median of {settings.get('start_runs')} fresh processes;"
        f" req/s: {settings.get('request_seconds')} CPU s per route, in process, no network."
        + (" The projects' own tests were not run (--skip-tests)." if skipped else "")
    )


def versions(entry: Entry) -> str:
    """The installed versions of the packages the template depends on directly."""
    if entry.measurement is None or not entry.measurement.runtime:
        return ""
    declared = {
        _norm(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0])
        for spec in entry.skeleton.dependencies
    }
    return ", ".join(
        f"{name} {version}"
        for name, version, _size in entry.measurement.runtime
        if _norm(name) in declared
    )


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def problems(comparison: Comparison) -> list[str]:
    return [
        f"{entry.skeleton.key}: {error}"
        for entry in comparison.entries
        if entry.measurement is not None
        for error in entry.measurement.errors
    ]
