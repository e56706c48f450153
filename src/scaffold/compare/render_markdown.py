"""A comparison as Markdown: figures and batteries, each skeleton, the concepts, the claims."""

from __future__ import annotations

from collections.abc import Sequence

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


def to_markdown(comparison: Comparison) -> str:
    """Tables of figures and batteries, then each framework's tree and routes."""

    def md_table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int) -> str:
        align = ["---:" if i >= numeric_from else "---" for i in range(len(header))]
        lines = [header, align, *rows]
        return "\n".join(
            "| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in lines
        )

    if comparison.concepts:
        return "\n\n".join(concept_parts(comparison))
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
    for entry, tree in zip(comparison.entries, trees(comparison), strict=True):
        skeleton = entry.skeleton
        parts.append(f"## {skeleton.title} ({skeleton.key}, {skeleton.category})")
        parts.append("```text\n" + "\n".join(tree) + "\n```")
        for code in skeleton.routes:
            parts.append(f"`GET {code.path}` in `{code.file}`:")
            parts.append(f"```{code.language}\n{code.code}\n```")
    parts += concept_parts(comparison)
    table = view_claims.rows(comparison)
    if table:
        parts.append("## Claims")
        header = ["framework", "claim", "verdict", "what the starter shows", "behind it"]
        cells = [[row.framework, row.claim, row.verdict, row.evidence, row.behind] for row in table]
        parts.append(md_table(header, cells, 99))
    return "\n\n".join(parts)


def concept_parts(comparison: Comparison) -> list[str]:
    """A section per concept, with each framework's code in a fenced block."""
    parts = []
    for name in concept_names(comparison):
        parts.append(f"## {CONCEPTS[name]} (`{name}`)")
        for entry in comparison.entries:
            code = concept_code(entry, name)
            if code is None or code.problem:
                parts.append(f"**{entry.skeleton.key}**: {concept_text(code)}")
                continue
            fence = code.language.split("+")[0]
            parts.append(f"**{entry.skeleton.key}**, `{concept_source(code)}`:")
            parts.append(f"```{fence}\n{code.code}\n```")
        changes = what_changes(comparison, name)
        if changes:
            first, second = (entry.skeleton.key for entry in comparison.entries)
            parts.append(f"What changes from {first} to {second}:")
            parts.append("```diff\n" + "\n".join(changes) + "\n```")
    return parts


render = to_markdown
