"""A comparison as Markdown: tables of figures and batteries, then each skeleton."""

from __future__ import annotations

from collections.abc import Sequence

from .core import Comparison
from .view import battery_rows, figure_rows, machine_line, problems, versions


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


render = to_markdown
