"""The README's excerpts of `scaffold compare` are the tool's output; a test fails on drift.

Each excerpt follows a marker ``<!-- tool-output: ARGS [| first-table] -->`` and is the
fenced block after it: the whole output of ``scaffold ARGS`` at 100 columns, or with
``first-table`` its first table only. To refresh them after a template changes, run
``python -m tests.test_compare_readme`` from the checkout.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"
COLUMNS = "100"
MARKER = re.compile(
    r"<!-- tool-output: (?P<args>[^|>]+?)(?: \| (?P<part>first-table))? -->\n\n"
    r"```text\n(?P<text>(?:(?!^```$).)*?)\n?^```$",
    re.DOTALL | re.MULTILINE,
)


def excerpts(readme: str) -> list[re.Match[str]]:
    return list(MARKER.finditer(readme))


def produce(args: str, part: str | None) -> str:
    """What the tool prints for ``scaffold ARGS`` at 100 columns (or its first table)."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = COLUMNS
    try:
        result = CliRunner().invoke(cli, shlex.split(args))
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    assert result.exit_code == 0, result.output
    text = result.output.rstrip("\n")
    if part == "first-table":
        text = text.split("\n\n", 1)[0]
    return text


def test_readme_has_compare_excerpts() -> None:
    found = excerpts(README.read_text(encoding="utf-8"))
    assert [m["args"].split()[0] for m in found].count("compare") >= 2


@pytest.mark.parametrize(
    "marker",
    excerpts(README.read_text(encoding="utf-8")),
    ids=lambda m: f"{m['args']}{' | ' + m['part'] if m['part'] else ''}",
)
def test_readme_excerpt_matches_the_tool(
    marker: re.Match[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", COLUMNS)
    assert marker["text"] == produce(marker["args"], marker["part"]), (
        "The README's excerpt has drifted from the tool: run python -m tests.test_compare_readme"
    )


def refresh() -> None:
    """Write the tool's current output into every excerpt of the README."""
    readme = README.read_text(encoding="utf-8")

    def fresh(marker: re.Match[str]) -> str:
        head = marker.group(0)[: marker.start("text") - marker.start()]
        return f"{head}{produce(marker['args'], marker['part'])}\n```"

    README.write_text(MARKER.sub(fresh, readme), encoding="utf-8")


if __name__ == "__main__":
    refresh()
