"""Render a `Comparison` as one self-contained HTML page, readable on a projector.

Inline CSS (with Pygments' highlighting rules in the same ``<style>``) and
inline SVG bar charts: no script, no font, no image and no stylesheet is
fetched, so the page works offline and from a file. Long lines wrap instead of
being cut, so nothing spills past a 1280x720 window; ``@media print`` makes a
handout of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..contract import COMPARED_ROUTES, route_path
from . import highlight
from .core import Comparison, Entry
from .render_html_lesson import (
    COLORS,
    claims_table,
    code_card,
    columns,
    concept_grid,
    concept_sections,
    inline_code,
    tag,
)
from .view import (
    Figure,
    battery_rows,
    figure_rows,
    figures,
    machine_line,
    problems,
    show,
    trees,
    versions,
)

BAR = 30
GAP = 12
LABEL = 170
CHART = 560
VALUE = 150

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #4f5864; --line: #d5dae1; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body { margin: 0 auto; max-width: 1800px; padding: 1.2rem 1.6rem 3rem; color: var(--ink);
  font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 2rem; margin: 0 0 .3rem; }
h2 { font-size: 1.5rem; margin: 2rem 0 .7rem; border-bottom: 3px solid var(--line); }
p.meta { color: var(--muted); margin: .3rem 0; }
nav { margin: .6rem 0; } nav a { margin-right: 1rem; }
a { color: #1a56c4; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
table.words td, table.words th { font-size: .8rem; }
th { background: #f2f4f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.pass { color: #137333; font-weight: 700; } td.fail { color: #b3261e; font-weight: 700; }
table.grid-table td, table.grid-table th { font-size: .85rem; }
table.grid-table.many td, table.grid-table.many th { font-size: .7rem; padding: .3rem .3rem;
  overflow-wrap: break-word; }
td.none { color: var(--muted); }
code { font: .85em ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  background: #f2f4f7; padding: 0 .2em; border-radius: .2em; }
.tag { display: inline-block; padding: 0 .5rem; border-radius: .4rem; color: #fff;
  font-size: .75rem; font-weight: 600; white-space: nowrap; }
.verdict { display: inline-block; padding: 0 .45rem; border-radius: .4rem; font-weight: 700;
  white-space: nowrap; }
.verdict.holds { background: #d9f2e1; color: #0b5a27; }
.verdict.partly { background: #fff0c2; color: #6b4a00; }
.verdict.nolonger { background: #fbd9d6; color: #8c1d15; }
.verdict.unmeasured { background: #e8eaee; color: #3c4450; }
.side { display: grid; gap: 1rem; }
.side.pair { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.side.many { grid-template-columns: repeat(auto-fill, minmax(min(100%, 27rem), 1fr)); }
.charts { display: grid; gap: 1.2rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 28rem), 1fr)); }
figure { margin: 0; border: 1px solid var(--line); border-radius: .6rem; padding: .6rem .8rem;
  min-width: 0; }
figcaption { font-weight: 700; margin-bottom: .4rem; overflow-wrap: anywhere; }
figcaption small { font-weight: 400; color: var(--muted); }
pre { margin: 0; font: .85rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  white-space: pre-wrap; overflow-wrap: anywhere; }
/* A line that wraps goes on indented, so it does not read as a line of its own. */
.hl pre > span[id] { display: block; padding-left: var(--i, 4ch);
  text-indent: calc(-1 * var(--i, 4ch)); }
p.missing { color: var(--muted); font-style: italic; }
ul.problems { color: #b3261e; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: system-ui, sans-serif; font-size: 19px; fill: var(--ink); }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  nav, .charts { display: none; }
  h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  pre { font-size: 8.5pt; }
  a { color: inherit; text-decoration: none; }
  .tag, .verdict, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def to_html(comparison: Comparison) -> str:
    """The whole page."""
    keys = ", ".join(entry.skeleton.key for entry in comparison.entries)
    lesson = len(comparison.entries) == 2
    title = (
        " and ".join(e.skeleton.title for e in comparison.entries) + ", concept by concept"
        if lesson
        else f"{len(comparison.entries)} Python web frameworks, side by side"
    )
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>scaffold compare: {escape(keys)}</title>",
        f"<style>{CSS}{highlight.stylesheet()}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        "<p class=meta>Everything here is read from each framework's generated starter project"
        f" (scaffold {escape(comparison.scaffold_version)}). {_legend()}</p>",
    ]
    if comparison.concepts:  # --concept: only the concepts asked for
        parts += ["<h2>Where each concept lives</h2>", concept_grid(comparison)]
        parts += concept_sections(comparison)
        parts.append("</body></html>")
        return "\n".join(parts) + "\n"
    parts.append(
        '<nav><a href="#concepts">Concepts</a><a href="#figures">Figures</a>'
        '<a href="#batteries">Batteries</a><a href="#claims">Claims</a>'
        '<a href="#trees">File trees</a></nav>'
    )
    parts += ['<h2 id="concepts">Where each concept lives</h2>', concept_grid(comparison)]
    parts += concept_sections(comparison)
    parts += _figures_part(comparison)
    header, rows = battery_rows(comparison, short=False)
    parts += ['<h2 id="batteries">Batteries</h2>', _batteries_table(header, rows)]
    claims = claims_table(comparison)
    if claims:
        parts += ['<h2 id="claims">The classic comparison\'s claims, checked</h2>', claims]
    layout = columns(comparison.entries)
    parts += ['<h2 id="trees">File trees</h2>', f'<div class="side {layout}">']
    for entry, tree in zip(comparison.entries, trees(comparison), strict=True):
        caption = f"{entry.skeleton.files} files"
        parts.append(code_card(entry, caption, "\n".join(tree), "text"))
    parts.append("</div>")
    for route in COMPARED_ROUTES:
        path = route_path(route)
        parts += [f"<h2>GET {escape(path)}, as each framework writes it</h2>"]
        parts.append(f'<div class="side {layout}">')
        for entry in comparison.entries:
            for code in entry.skeleton.routes:
                if code.route == route:
                    caption = f"{code.file}, line {code.first_line}"
                    parts.append(code_card(entry, caption, code.code, code.language))
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _figures_part(comparison: Comparison) -> list[str]:
    parts = ['<h2 id="figures">Figures</h2>']
    if comparison.measured:
        parts.append(f"<p class=meta>{escape(machine_line(comparison))}</p>")
        shown = "; ".join(
            f"<b>{escape(e.skeleton.key)}</b> {escape(versions(e) or '-')}"
            for e in comparison.entries
        )
        parts.append(f"<p class=meta>Versions: {shown}.</p>")
    parts.append(_figures_table(comparison))
    if comparison.measured and problems(comparison):
        items = "".join(f"<li>{escape(problem)}</li>" for problem in problems(comparison))
        parts.append(f"<ul class=problems>{items}</ul>")
    parts.append('<div class="charts">')
    parts += [_chart(figure, comparison.entries) for figure in figures(comparison)]
    parts.append("</div>")
    return parts


def _legend() -> str:
    return " ".join(tag(category) for category in COLORS)


def _figures_table(comparison: Comparison) -> str:
    header, rows = figure_rows(comparison)
    body = []
    for row in rows:
        cells = [f"<td><b>{escape(row[0])}</b></td>", f"<td>{tag(row[1])}</td>"]
        for cell in row[2:]:
            kind = {"pass": "pass", "FAIL": "fail"}.get(cell, "num")
            cells.append(f'<td class="{kind}">{escape(cell)}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(
        f'<th class="{"num" if i >= 2 else ""}">{escape(name)}</th>'
        for i, name in enumerate(header)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _batteries_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The batteries each template declares: its words, with `code` shown as code."""
    head = "".join(f"<th>{escape(name)}</th>" for name in header)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td><b>{escape(text)}</b></td>" if i == 0 else f"<td>{inline_code(text)}</td>"
            for i, text in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f'<table class="words"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


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
        color = COLORS.get(entry.skeleton.category, "#555")
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
