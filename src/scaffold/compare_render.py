"""Render a `Comparison` as text, Markdown or JSON (HTML is in `compare_html`).

All formats show the same figures, defined once in `FIGURES`; the JSON keys
are stable for scripts: ``compare_data`` is the one place that names them.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .compare import BATTERIES, Comparison, Entry
from .measure import PATHS, Machine, Measurement
from .report import FEATURE_LABELS


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
        f"GET {path}: requests per second through the WSGI callable",
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
        "Cold start: import wsgi and build the application (ms, median)",
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
    if name == "forms" and entry.skeleton.batteries.get("csrf"):
        text += " + CSRF" if short else "; CSRF-protected"
    return text


def compare_data(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data with stable keys."""
    return {
        "scaffold_version": comparison.scaffold_version,
        "measured": comparison.measured,
        "machine": _machine_data(comparison.machine),
        "settings": dict(comparison.settings),
        "frameworks": [_entry_data(entry) for entry in comparison.entries],
    }


def _machine_data(machine: Machine | None) -> dict[str, Any] | None:
    if machine is None:
        return None
    return {
        "system": machine.system,
        "machine": machine.machine,
        "cpu": machine.cpu,
        "cpus": machine.cpus,
        "python": machine.python,
        "implementation": machine.implementation,
        "installer": machine.installer,
        "measured_at": machine.measured_at,
        "load_average": machine.load,
    }


def _entry_data(entry: Entry) -> dict[str, Any]:
    skeleton = entry.skeleton
    return {
        "key": skeleton.key,
        "title": skeleton.title,
        "category": skeleton.category,
        "dependencies": list(skeleton.dependencies),
        "wsgi": skeleton.wsgi,
        "files": skeleton.files,
        "python_lines": skeleton.python_lines,
        "python_code_lines": skeleton.python_code_lines,
        "template_lines": skeleton.template_lines,
        "tree": list(skeleton.tree),
        "paths": list(skeleton.paths),
        "batteries": dict(skeleton.batteries),
        "routes": {
            code.route: {
                "path": code.path,
                "file": code.file,
                "first_line": code.first_line,
                "language": code.language,
                "code": code.code,
            }
            for code in skeleton.routes
        },
        "measurement": _measurement_data(entry.measurement),
    }


def _measurement_data(measurement: Measurement | None) -> dict[str, Any] | None:
    if measurement is None:
        return None
    return {
        "environment": measurement.environment,
        "environment_reused": measurement.reused,
        "distributions": measurement.distributions,
        "runtime": [
            {"name": name, "version": version, "bytes": size}
            for name, version, size in measurement.runtime
        ],
        "runtime_bytes": measurement.runtime_bytes,
        "environment_bytes": measurement.environment_bytes,
        "installed": list(measurement.installed),
        "cold_start_seconds": measurement.cold_start,
        "start_seconds": list(measurement.start_seconds),
        "rss_bytes": measurement.rss_bytes,
        "requests_per_second": {path: measurement.requests_per_second.get(path) for path in PATHS},
        "tests_passed": measurement.tests_passed,
        "tests_summary": measurement.tests_summary,
        "errors": list(measurement.errors),
    }


def to_json(comparison: Comparison) -> str:
    return json.dumps(compare_data(comparison), indent=2)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int = 1) -> str:
    """An aligned plain-text table; columns from ``numeric_from`` on are right-aligned."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(cell).rjust(width) if i >= numeric_from else str(cell).ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


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
    header = ["framework", *(FEATURE_LABELS[name] for name in BATTERIES), "WSGI entry"]
    rows = [
        [
            entry.skeleton.key,
            *(battery(entry, name, short=short) for name in BATTERIES),
            entry.skeleton.wsgi,
        ]
        for entry in comparison.entries
    ]
    return header, rows


def machine_line(comparison: Comparison) -> str:
    machine = comparison.machine
    if machine is None:
        return ""
    settings = comparison.settings
    load = f" (load {machine.load:.1f})" if machine.load is not None else ""
    return (
        f"Measured {machine.measured_at} on {machine.system} {machine.machine}, {machine.cpu}"
        f" x{machine.cpus}{load}; {machine.implementation} {machine.python}; {machine.installer}."
        f" Start: median of {settings.get('start_runs')} fresh processes;"
        f" req/s: {settings.get('request_seconds')} CPU s per route, in process, no network."
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


def to_text(comparison: Comparison, width: int | None = None) -> str:
    """An aligned table, the batteries, then file trees and routes side by side."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    header, rows = figure_rows(comparison)
    parts = [table(header, rows, numeric_from=2)]
    if comparison.measured:
        parts.append(machine_line(comparison))
        parts.append(
            "\n".join(f"{e.skeleton.key}: {versions(e) or '-'}" for e in comparison.entries)
        )
        parts += [f"! {problem}" for problem in problems(comparison)]
    header, rows = battery_rows(comparison, short=True)
    parts.append(table(header, rows, numeric_from=99))
    trees = [[f"{e.skeleton.key}/", *e.skeleton.tree] for e in comparison.entries]
    parts.append("File trees:\n\n" + side_by_side(trees, width))
    for route in ("health", "index"):
        blocks = [
            [f"{e.skeleton.key}: {code.file}", *code.code.splitlines()]
            for e in comparison.entries
            for code in e.skeleton.routes
            if code.route == route
        ]
        if blocks:
            path = "/" if route == "index" else f"/{route}"
            parts.append(
                f"GET {path}, as each framework writes it:\n\n" + side_by_side(blocks, width)
            )
    return "\n\n".join(parts)


def side_by_side(blocks: Sequence[Sequence[str]], width: int, gap: int = 4) -> str:
    """Text blocks in as many columns as fit in ``width``, rows of them one after another."""
    out: list[str] = []
    row: list[Sequence[str]] = []
    used = 0
    for block in blocks:
        block_width = max((len(line) for line in block), default=0)
        if row and used + gap + block_width > width:
            out.append(_join_columns(row, gap))
            row, used = [], 0
        used += (gap if row else 0) + block_width
        row.append(block)
    if row:
        out.append(_join_columns(row, gap))
    return "\n\n".join(out)


def _join_columns(blocks: Sequence[Sequence[str]], gap: int) -> str:
    widths = [max((len(line) for line in block), default=0) for block in blocks]
    height = max(len(block) for block in blocks)
    lines = []
    for i in range(height):
        cells = [
            (block[i] if i < len(block) else "").ljust(w)
            for block, w in zip(blocks, widths, strict=True)
        ]
        lines.append((" " * gap).join(cells).rstrip())
    return "\n".join(lines)


def to_markdown(comparison: Comparison) -> str:
    """Tables of figures and batteries, then each framework's tree and routes."""

    def md_table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int) -> str:
        align = ["---:" if i >= numeric_from else "---" for i in range(len(header))]
        lines = [header, align, *rows]
        return "\n".join(
            "| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in lines
        )

    header, rows = figure_rows(comparison)
    parts = ["## Figures", md_table(header, rows, 2)]
    if comparison.measured:
        parts.append(machine_line(comparison))
        parts.append(
            "\n".join(f"- {e.skeleton.key}: {versions(e) or '-'}" for e in comparison.entries)
        )
        parts += [f"- {problem}" for problem in problems(comparison)]
    header, rows = battery_rows(comparison, short=False)
    parts += ["## Batteries", md_table(header, rows, 99)]
    for entry in comparison.entries:
        skeleton = entry.skeleton
        parts.append(f"## {skeleton.title} ({skeleton.key}, {skeleton.category})")
        parts.append("```text\n" + "\n".join([f"{skeleton.key}/", *skeleton.tree]) + "\n```")
        for code in skeleton.routes:
            parts.append(f"`GET {code.path}` in `{code.file}`:")
            parts.append(f"```{code.language}\n{code.code}\n```")
    return "\n\n".join(parts)


FORMATS = ("text", "markdown", "json", "html")


def render(comparison: Comparison, fmt: str) -> str:
    """The comparison in one of `FORMATS`."""
    if fmt == "html":
        from .compare_html import to_html

        return to_html(comparison)
    renderers = {"text": to_text, "markdown": to_markdown, "json": to_json}
    return renderers[fmt](comparison)
