"""The output formats of `scaffold compare`: one renderer module per format.

The CLI's ``--format`` choices come from `FORMATS`; a renderer is imported only
when its format is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core import Comparison

# Format name -> the module of this package whose ``render(comparison)`` writes it.
FORMATS = {
    "text": "render_text",
    "markdown": "render_markdown",
    "json": "render_json",
    "html": "render_html",
}


def render(comparison: Comparison, fmt: str) -> str:
    """The comparison in one of `FORMATS`."""
    module = importlib.import_module(f"{__package__}.{FORMATS[fmt]}")
    text: str = module.render(comparison)
    return text
