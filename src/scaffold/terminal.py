"""What is safe to show on a terminal, for output that echoes a project's content.

A project is untrusted input: its file names, its diffs, its tests' and server's
output can hold escape sequences that recolour or rewrite the screen, and bidi
controls that reorder what a reader sees. The CLI shows them as escapes instead.
"""

from __future__ import annotations

import re
import unicodedata

# Characters a terminal acts on instead of showing: control characters (escape
# sequences start with one), line and paragraph separators, and format characters
# such as the bidi overrides that reorder what is shown.
_HIDDEN = re.compile(r"[^\n\t\x20-\x7e]")


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape.

    Everything that echoes a project's content (file names, diffs, a server's or a
    test's output) goes through this: a project is untrusted input.
    """
    return _HIDDEN.sub(_escape_hidden, text)


def _escape_hidden(match: re.Match[str]) -> str:
    character = match.group()
    if unicodedata.category(character)[0] in "CZ" and character != " ":
        return ascii(character)[1:-1]
    return character


def plural(number: int, noun: str) -> str:
    """``1 file``, ``2 files``: a count and its noun, for sentences."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
