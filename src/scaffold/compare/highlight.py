"""Code highlighted with Pygments: as HTML with one shared stylesheet, or for a terminal.

The page gets a single ``<style>`` from `stylesheet` and tokens that carry only
class names, so it stays one self-contained file, smaller than inline styles on
every token.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pygments import highlight
from pygments.formatters import HtmlFormatter, TerminalFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

if TYPE_CHECKING:
    from pygments.lexer import Lexer

CSS_CLASS = "hl"
# A light style with strong contrast, readable on a projector and on paper.
STYLE = "default"


def _lexer(language: str) -> Lexer:
    try:
        lexer: Lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        lexer = TextLexer(stripnl=False, ensurenl=False)
    return lexer


def to_html(code: str, language: str, lines: str = "") -> str:
    """``code`` as a highlighted ``<div class="hl"><pre>...</pre></div>``.

    With ``lines``, each line is a ``<span id="LINES-N">`` of its own that says
    how deep the line is indented (``--i``), so that a stylesheet can go on with
    a long line, where it wraps, deeper than the line starts.
    """
    formatter = HtmlFormatter(cssclass=CSS_CLASS, style=STYLE, linespans=lines)
    html: str = highlight(code, _lexer(language), formatter)
    if lines:
        indents = [len(line) - len(line.lstrip(" ")) for line in code.splitlines()]

        def indent(found: re.Match[str]) -> str:
            number = int(found.group(1))
            depth = indents[number - 1] if number <= len(indents) else 0
            return f'{found.group(0)[:-1]} style="--i:{depth + 4}ch">'

        html = re.sub(rf'<span id="{re.escape(lines)}-(\d+)">', indent, html)
    return html


def stylesheet() -> str:
    """The CSS rules every highlighted block shares, scoped to ``.hl``."""
    rules: str = HtmlFormatter(style=STYLE).get_style_defs(f".{CSS_CLASS}")  # type: ignore[no-untyped-call]
    return rules


def to_terminal(code: str, language: str) -> str:
    """``code`` with ANSI colours, for a terminal that takes them."""
    text: str = highlight(code, _lexer(language), TerminalFormatter())
    return text.rstrip("\n")
