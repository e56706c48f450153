"""A comparison as aligned plain text: figures, batteries, trees, routes, concepts, claims."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

from ..contract import COMPARED_ROUTES, route_path
from . import view_claims
from .concepts import CONCEPTS
from .core import Comparison
from .view import (
    battery_rows,
    concept_code,
    concept_names,
    concept_source,
    concept_text,
    figure_rows,
    machine_line,
    problems,
    trees,
    versions,
    what_changes,
)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int = 1) -> str:
    """An aligned plain-text table; columns from ``numeric_from`` on are right-aligned."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(cell).rjust(width) if i >= numeric_from else str(cell).ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def to_text(comparison: Comparison, width: int | None = None) -> str:
    """An aligned table, the batteries, then file trees, routes and concepts side by side.

    With ``--concept``, only those concepts, side by side.
    """
    width = width or shutil.get_terminal_size((120, 24)).columns
    if comparison.concepts:
        return concepts_text(comparison, width)
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
    parts.append("File trees:\n\n" + side_by_side(trees(comparison), width))
    for route in COMPARED_ROUTES:
        blocks = [
            [f"{e.skeleton.key}: {code.file}", *code.code.splitlines()]
            for e in comparison.entries
            for code in e.skeleton.routes
            if code.route == route
        ]
        if blocks:
            path = route_path(route)
            parts.append(
                f"GET {path}, as each framework writes it:\n\n" + side_by_side(blocks, width)
            )
    parts.append(concepts_text(comparison, width))
    checked = view_claims.rows(comparison)
    if checked:
        parts.append("Claims of the classic comparison, checked against the starters:")
        for row in checked:
            lines = [f"- {row.framework}: {row.verdict.upper()}. {row.claim}", row.evidence]
            lines += [f"({row.behind})"] if row.behind else []
            parts.append(
                "\n".join(
                    textwrap.fill(
                        line, width, initial_indent="  " * bool(i), subsequent_indent="  "
                    )
                    for i, line in enumerate(lines)
                )
            )
    return "\n\n".join(parts)


def concepts_text(comparison: Comparison, width: int) -> str:
    """Each concept's code, the frameworks side by side."""
    parts = []
    for name in concept_names(comparison):
        blocks = []
        for entry in comparison.entries:
            code = concept_code(entry, name)
            source = concept_source(code) if code is not None else "-"
            lines = [f"{entry.skeleton.key}: {source}", *concept_text(code).splitlines()]
            blocks.append(fit(lines, width))
        parts.append(f"{CONCEPTS[name]} ({name}):\n\n" + side_by_side(blocks, width))
        changes = what_changes(comparison, name)
        if changes:
            first, second = (entry.skeleton.key for entry in comparison.entries)
            parts.append(f"What changes from {first} to {second}:\n\n" + "\n".join(changes))
    return "\n\n".join(parts)


def fit(lines: Sequence[str], width: int) -> list[str]:
    """Lines no wider than ``width``: a longer one goes on, indented, on the next lines."""
    fitted = []
    for line in lines:
        while len(line) > width:
            fitted.append(line[:width])
            line = "    " + line[width:]
        fitted.append(line)
    return fitted


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


render = to_text
