"""The teaching parts of the HTML page: the concept grid, each concept side by side, the claims.

Code is highlighted by `highlight` (Pygments); every block wraps its long lines
instead of cutting them, so the page reads at 1280x720 on a projector and on paper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from . import highlight, view_claims
from .concepts import CONCEPTS, ConceptCode
from .core import Comparison, Entry
from .view import concept_code, concept_names, concept_source, concept_text

COLORS = {"full-stack": "#2f6fdf", "micro": "#b3540e"}
VERDICT_CLASSES = {"holds": "holds", "partly": "partly", "no longer true": "nolonger"}


def tag(category: str) -> str:
    color = COLORS.get(category, "#555")
    return f'<span class="tag" style="background:{color}">{escape(category)}</span>'


def inline_code(text: str) -> str:
    """Escaped text whose `backticked` parts become ``<code>``, and whose long names
    (``django.contrib.auth``, ``$ZEO_ADDRESS``) may wrap after a dot, slash or underscore."""
    shown = re.sub(r"([._/=:])(?=\w)", r"\1<wbr>", escape(text, quote=False))
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", shown)


def breakable(name: str) -> str:
    """An escaped name that may wrap after ``_`` or ``.`` and before a capital, in a narrow cell."""
    return re.sub(r"(?<=[_.])|(?<=[a-z])(?=[A-Z])", "<wbr>", escape(name))


def anchor(name: str, key: str) -> str:
    return f"c-{name}-{key}"


def columns(entries: Sequence[Entry]) -> str:
    """The CSS class of a side-by-side row: two frameworks face each other, more stack."""
    return "pair" if len(entries) == 2 else "many"


# The most frameworks one concept grid holds and still fits a 1280-pixel window; more are
# shown in several grids, one below the other.
GRID_COLUMNS = 9


def concept_grid(comparison: Comparison) -> str:
    """Tables of concepts by frameworks: where each starter shows each concept, linked."""
    entries = comparison.entries
    tables = -(-len(entries) // GRID_COLUMNS)  # as few as fit, as even as can be
    size = -(-len(entries) // max(tables, 1))
    return "".join(
        _grid_table(comparison, entries[start : start + size])
        for start in range(0, len(entries), size or 1)
    )


def _grid_table(comparison: Comparison, entries: Sequence[Entry]) -> str:
    names = concept_names(comparison)
    head = "".join(f"<th>{escape(e.skeleton.key)}</th>" for e in entries)
    body = []
    for name in names:
        cells = [f'<th scope="row"><a href="#c-{name}">{escape(CONCEPTS[name])}</a></th>']
        for entry in entries:
            code = concept_code(entry, name)
            if code is None:
                cells.append('<td class="none">-</td>')
                continue
            label = code.anchor or code.file.rsplit("/", 1)[-1]
            cells.append(
                f'<td><a href="#{anchor(name, entry.skeleton.key)}"'
                f' title="{escape(concept_source(code))}">{breakable(label)}</a></td>'
            )
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="grid-table {columns(comparison.entries)}"><thead><tr><th>concept</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def concept_sections(comparison: Comparison) -> list[str]:
    """A section per concept, each framework's code side by side, aligned by concept."""
    parts = []
    layout = columns(comparison.entries)
    for name in concept_names(comparison):
        parts.append(f'<section class="concept" id="c-{name}">')
        parts.append(f"<h2>{escape(CONCEPTS[name])}</h2>")
        parts.append(f'<div class="side {layout}">')
        absent = []
        for entry in comparison.entries:
            code = concept_code(entry, name)
            if code is None and layout == "many":  # a line below, instead of empty cards
                absent.append(entry.skeleton.key)
                continue
            parts.append(card(entry, name, code))
        parts.append("</div>")
        if absent:
            parts.append(f'<p class="meta">Not in the starters of {escape(", ".join(absent))}.</p>')
        parts.append("</section>")
    return parts


def card(entry: Entry, name: str, code: ConceptCode | None) -> str:
    skeleton = entry.skeleton
    if code is None or code.problem:
        source, body = "", f'<p class="missing">{escape(concept_text(code))}</p>'
    else:
        source = concept_source(code)
        body = highlight.to_html(code.code, code.language, lines=anchor(name, skeleton.key))
    return (
        f'<figure class="code" id="{anchor(name, skeleton.key)}" data-framework="{skeleton.key}"'
        f' data-concept="{name}"><figcaption>{escape(skeleton.title)} {tag(skeleton.category)}'
        f" <small>{escape(source)}</small></figcaption>{body}</figure>"
    )


def code_card(entry: Entry, caption: str, code: str, language: str) -> str:
    """A highlighted block of code (a route, a file tree) under the framework's name."""
    skeleton = entry.skeleton
    return (
        f"<figure class=code><figcaption>{escape(skeleton.title)} {tag(skeleton.category)}"
        f" <small>{escape(caption)}</small></figcaption>"
        f"{highlight.to_html(code, language)}</figure>"
    )


def claims_table(comparison: Comparison) -> str:
    """The claims of the classic comparison, each with its verdict and what it rests on."""
    rows = view_claims.rows(comparison)
    if not rows:
        return ""
    body = []
    for row in rows:
        css = VERDICT_CLASSES.get(row.verdict, "unmeasured")
        behind = f"<code>{inline_code(row.file)}</code>" if row.file else inline_code(row.figures)
        body.append(
            f"<tr><td><b>{escape(row.framework)}</b></td><td>{inline_code(row.claim)}</td>"
            f'<td><span class="verdict {css}">{escape(row.verdict)}</span></td>'
            f"<td>{inline_code(row.evidence)}</td><td>{behind}</td></tr>"
        )
    return (
        '<table class="claims words"><thead><tr><th>framework</th><th>the claim</th>'
        "<th>verdict</th><th>what the starter shows</th><th>behind it</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
        '<p class="meta">A claim decided by figures is judged against the starters compared'
        " here: it holds in the better half on every figure, partly on some, and is no longer"
        " true on none. Figures that need <code>--measure</code> are never guessed.</p>"
    )
