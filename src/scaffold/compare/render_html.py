"""Render a `Comparison` as one self-contained HTML page, readable on a projector.

Inline CSS and inline SVG bar charts: no script, no font, no image and no
stylesheet is fetched, so the page works offline and from a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..contract import COMPARED_ROUTES, route_path
from .core import Comparison, Entry
from .view import (
    Figure,
    battery_rows,
    figure_rows,
    figures,
    machine_line,
    problems,
    show,
    versions,
)

COLORS = {"full-stack": "#2f6fdf", "micro": "#e0731a"}
BAR = 30
GAP = 12
LABEL = 170
CHART = 560
VALUE = 150

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #d5dae1; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1800px; padding: 1.5rem 2rem 3rem; color: var(--ink);
  font: 20px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 2.2rem; margin: 0 0 .3rem; }
h2 { font-size: 1.6rem; margin: 2.2rem 0 .8rem; border-bottom: 3px solid var(--line); }
h3 { font-size: 1.2rem; margin: 0 0 .4rem; }
p.meta { color: var(--muted); margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; font-size: 1.05rem; }
th, td { padding: .45rem .7rem; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { background: #f2f4f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.pass { color: #137333; font-weight: 700; } td.fail { color: #b3261e; font-weight: 700; }
.tag { display: inline-block; padding: 0 .5rem; border-radius: .4rem; color: #fff;
  font-size: .85rem; font-weight: 600; }
.grid { display: grid; gap: 1.2rem; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr)); }
.charts { display: grid; gap: 1.5rem;
  grid-template-columns: repeat(auto-fill, minmax(36rem, 1fr)); }
figure { margin: 0; border: 1px solid var(--line); border-radius: .6rem; padding: .8rem 1rem; }
figcaption { font-weight: 700; margin-bottom: .4rem; }
figcaption small { font-weight: 400; color: var(--muted); }
pre { margin: 0; font: 16px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  white-space: pre; overflow-x: auto; }
ul.problems { color: #b3261e; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: system-ui, sans-serif; font-size: 19px; fill: var(--ink); }
"""


def to_html(comparison: Comparison) -> str:
    """The whole page."""
    keys = ", ".join(entry.skeleton.key for entry in comparison.entries)
    measured = comparison.measured
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>scaffold compare: {escape(keys)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{len(comparison.entries)} Python web frameworks, side by side</h1>",
        "<p class=meta>Figures read from each framework's generated starter project"
        f" (scaffold {escape(comparison.scaffold_version)}). {_legend()}</p>",
    ]
    if measured:
        parts.append(f"<p class=meta>{escape(machine_line(comparison))}</p>")
        shown = "; ".join(
            f"<b>{escape(e.skeleton.key)}</b> {escape(versions(e) or '-')}"
            for e in comparison.entries
        )
        parts.append(f"<p class=meta>Versions: {shown}.</p>")
    parts += ["<h2>Figures</h2>", _figures_table(comparison)]
    if measured and problems(comparison):
        items = "".join(f"<li>{escape(problem)}</li>" for problem in problems(comparison))
        parts.append(f"<ul class=problems>{items}</ul>")
    parts += ["<h2>Charts</h2>", '<div class="charts">']
    parts += [_chart(figure, comparison.entries) for figure in figures(comparison)]
    parts.append("</div>")
    header, rows = battery_rows(comparison, short=False)
    parts += ["<h2>Batteries</h2>", _table(header, rows, numeric_from=len(header))]
    parts += ["<h2>File trees</h2>", '<div class="grid">']
    for entry in comparison.entries:
        tree = "\n".join([f"{entry.skeleton.key}/", *entry.skeleton.tree])
        parts.append(_block(entry, f"{entry.skeleton.files} files", tree))
    parts.append("</div>")
    for route in COMPARED_ROUTES:
        path = route_path(route)
        parts += [f"<h2>GET {escape(path)}, as each framework writes it</h2>", '<div class="grid">']
        for entry in comparison.entries:
            for code in entry.skeleton.routes:
                if code.route == route:
                    parts.append(_block(entry, f"{code.file}, line {code.first_line}", code.code))
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _legend() -> str:
    return " ".join(
        f'<span class="tag" style="background:{color}">{escape(category)}</span>'
        for category, color in COLORS.items()
    )


def _tag(category: str) -> str:
    color = COLORS.get(category, "#666")
    return f'<span class="tag" style="background:{color}">{escape(category)}</span>'


def _figures_table(comparison: Comparison) -> str:
    header, rows = figure_rows(comparison)
    body = []
    for row in rows:
        cells = [f"<td><b>{escape(row[0])}</b></td>", f"<td>{_tag(row[1])}</td>"]
        for cell in row[2:]:
            kind = {"pass": "pass", "FAIL": "fail"}.get(cell, "num")
            cells.append(f'<td class="{kind}">{escape(cell)}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(
        f'<th class="{"num" if i >= 2 else ""}">{escape(name)}</th>'
        for i, name in enumerate(header)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int) -> str:
    def cell(tag: str, i: int, text: str) -> str:
        css = ' class="num"' if i >= numeric_from else ""
        return f"<{tag}{css}>{escape(text)}</{tag}>"

    head = "".join(cell("th", i, name) for i, name in enumerate(header))
    body = "".join(
        "<tr>" + "".join(cell("td", i, text) for i, text in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(entry: Entry, caption: str, text: str) -> str:
    skeleton = entry.skeleton
    return (
        f"<figure><figcaption>{escape(skeleton.title)} {_tag(skeleton.category)}"
        f" <small>{escape(caption)}</small></figcaption><pre>{escape(text)}</pre></figure>"
    )


def _chart(figure: Figure, entries: Sequence[Entry]) -> str:
    """A horizontal bar chart of one figure, one bar per framework, as inline SVG."""
    values = [(entry, figure.value(entry)) for entry in entries]
    largest = max((value for _entry, value in values if value), default=0) or 1
    height = len(values) * (BAR + GAP) + GAP
    width = LABEL + CHART + VALUE
    title = figure.title + (f"; {figure.better} is better" if figure.better else "")
    shapes = []
    for index, (entry, value) in enumerate(values):
        y = GAP + index * (BAR + GAP)
        middle = y + BAR / 2 + 7
        shapes.append(
            f'<text x="{LABEL - 10}" y="{middle:.0f}" text-anchor="end">'
            f"{escape(entry.skeleton.key)}</text>"
        )
        if value is None:
            shapes.append(f'<text x="{LABEL + 6}" y="{middle:.0f}">not measured</text>')
            continue
        length = max(2.0, CHART * value / largest)
        color = COLORS.get(entry.skeleton.category, "#666")
        shapes.append(
            f'<rect x="{LABEL}" y="{y}" width="{length:.1f}" height="{BAR}" rx="4"'
            f' fill="{color}"><title>{escape(entry.skeleton.key)}: {show(figure, entry)}</title>'
            "</rect>"
        )
        shapes.append(
            f'<text x="{LABEL + length + 8:.1f}" y="{middle:.0f}">{show(figure, entry)}</text>'
        )
    return (
        f"<figure><figcaption>{escape(title)}</figcaption>"
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"{''.join(shapes)}</svg></figure>"
    )


render = to_html
