"""`scaffold.compare`'s renderers: stable JSON, text, Markdown, a self-contained HTML page
(rendered in a real headless browser), and the CLI's formats."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold.cli import cli
from scaffold.compare import (
    claims,
    render_html,
    render_json,
    render_markdown,
    render_text,
    view,
    view_claims,
)
from scaffold.compare.core import Comparison
from scaffold.compare.formats import FORMATS

from .compare_helpers import fake_measured
from .helpers import FRAMEWORKS

TOP_KEYS = {
    "scaffold_version",
    "measured",
    "machine",
    "settings",
    "concepts_asked",
    "frameworks",
    "claims",
}
FRAMEWORK_KEYS = {
    "key",
    "title",
    "category",
    "dependencies",
    "interface",
    "files",
    "python_lines",
    "python_code_lines",
    "template_lines",
    "tree",
    "paths",
    "batteries",
    "routes",
    "concepts",
    "measurement",
}
MEASUREMENT_KEYS = {
    "environment",
    "environment_reused",
    "distributions",
    "runtime",
    "runtime_bytes",
    "environment_bytes",
    "installed",
    "cold_start_seconds",
    "start_seconds",
    "rss_bytes",
    "requests_per_second",
    "tests_passed",
    "tests_summary",
    "errors",
}
ROUTE_KEYS = {"path", "file", "first_line", "language", "code"}
CONCEPT_KEYS = {"file", "anchor", "first_line", "language", "code", "problem"}
CLAIM_KEYS = {"framework", "claim", "verdict", "evidence", "behind"}


def test_json_keys_are_stable(comparison: Comparison) -> None:
    data = json.loads(render_json.to_json(comparison))
    assert set(data) == TOP_KEYS
    assert data["measured"] is False and data["machine"] is None
    assert [entry["key"] for entry in data["frameworks"]] == list(FRAMEWORKS)
    for entry in data["frameworks"]:
        assert set(entry) == FRAMEWORK_KEYS
        assert entry["measurement"] is None
        for route in entry["routes"].values():
            assert set(route) == ROUTE_KEYS
        assert set(entry["concepts"]) == set(FRAMEWORKS[entry["key"]].concepts)
        for concept in entry["concepts"].values():
            assert set(concept) == CONCEPT_KEYS
            assert concept["code"] and not concept["problem"]
    assert data["claims"] and all(set(claim) == CLAIM_KEYS for claim in data["claims"])

    measured = json.loads(render_json.to_json(fake_measured(comparison)))
    assert set(measured["machine"]) >= {"python", "system", "cpu", "installer"}
    for entry in measured["frameworks"]:
        assert set(entry["measurement"]) == MEASUREMENT_KEYS
        assert set(entry["measurement"]["requests_per_second"]) == {"/health", "/"}


def test_text_table_has_a_row_per_framework(comparison: Comparison) -> None:
    text = render_text.to_text(comparison, width=100)
    table = text.split("\n\n")[0].splitlines()
    assert table[0].split()[:3] == ["framework", "category", "files"]
    assert [line.split()[0] for line in table[2:]] == list(FRAMEWORKS)
    assert all(len(line) <= 100 for line in text.split("File trees:")[1].splitlines())
    assert "GET /health, as each framework writes it" in text


def test_measured_text_reports_the_machine_versions_and_problems(
    comparison: Comparison,
) -> None:
    text = render_text.to_text(fake_measured(comparison), width=200)
    assert "start ms" in text.splitlines()[0] and "tests" in text.splitlines()[0]
    assert "CPython 3.11.7" in text
    assert "! " in text and "answered 500" in text
    assert "FAIL" in text


def test_markdown_has_tables_and_code_blocks(comparison: Comparison) -> None:
    markdown = render_markdown.to_markdown(comparison)
    assert "| framework | category | files |" in markdown
    assert "```python" in markdown
    for key in FRAMEWORKS:
        assert f"| {key} |" in markdown


class _Fetches(HTMLParser):
    """What a page would fetch or run: elements and attributes that load something."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.styles = 0
        self._in_style = False
        self.style_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio"):
            self.found.append(tag)
        self.found += [name for name, _ in attrs if name in ("src", "srcset", "background")]
        self.found += [
            f"href={value}"
            for name, value in attrs
            if name == "href" and value and not value.startswith("#")
        ]
        if tag == "style":
            self.styles += 1
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        self._in_style = self._in_style and tag != "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style_text += data


def test_html_is_self_contained(comparison: Comparison) -> None:
    page = render_html.to_html(fake_measured(comparison))
    assert page.startswith("<!doctype html>")
    parser = _Fetches()
    parser.feed(page)
    assert parser.found == []
    assert parser.styles == 1  # one stylesheet, Pygments' rules in it
    assert "url(" not in parser.style_text and "@import" not in parser.style_text
    assert ".hl .k " in parser.style_text and "@media print" in parser.style_text
    assert "white-space: pre-wrap; overflow-wrap: anywhere;" in parser.style_text
    assert page.count("<svg") == len(view.FIGURES)
    assert "not measured" in page  # the failed route is shown as such, not as zero


def test_html_batteries_show_code_and_the_package(comparison: Comparison) -> None:
    page = render_html.to_html(comparison)
    batteries = page.split('<h2 id="batteries">')[1].split("</table>")[0]
    assert "`" not in batteries
    assert "&lt;package&gt;" not in batteries and "<package>" not in batteries
    assert "<code>python -m myapp migrate</code>" in batteries


def test_html_puts_every_concept_of_every_framework_side_by_side(comparison: Comparison) -> None:
    page = render_html.to_html(comparison)
    for entry in comparison.entries:
        for code in entry.skeleton.concepts:
            assert f'id="c-{code.concept}-{entry.skeleton.key}"' in page
            assert f'href="#c-{code.concept}-{entry.skeleton.key}"' in page  # from the grid
    assert page.count('class="side many"') >= len(view.concept_names(comparison))
    assert '<span class="k">def</span>' in page  # highlighted by Pygments


def test_two_frameworks_read_as_one_lesson(comparison: Comparison) -> None:
    pair = Comparison(tuple(e for e in comparison.entries if e.skeleton.key in ("flask", "bottle")))
    page = render_html.to_html(pair)
    assert "<h1>Bottle and Flask, concept by concept</h1>" in page
    assert 'class="side pair"' in page and 'class="side many"' not in page


def test_claims_say_what_is_not_measured(comparison: Comparison) -> None:
    rows = {(row.framework, row.claim[:20]): row for row in view_claims.rows(comparison)}
    webpy = next(row for (key, _), row in rows.items() if key == "webpy")
    assert webpy.verdict == claims.NOT_MEASURED
    assert "not measured; run scaffold compare --measure" in webpy.figures
    measured = {(r.framework, r.claim): r for r in view_claims.rows(fake_measured(comparison))}
    judged = next(r for (key, _), r in measured.items() if key == "webpy")
    # Ranked among the starters measured: "py code 195: 4 of 15 (lower is better)".
    assert judged.verdict in claims.VERDICTS and re.search(r"\d+ of \d+ \(", judged.figures)
    category = next(r for (key, _), r in measured.items() if key == "all")
    # Two full-stack starters declare no admin: the claim holds only partly.
    assert category.verdict == "partly" and "turbogears" in category.evidence
    for row in view_claims.rows(comparison):
        assert row.verdict in (*claims.VERDICTS, claims.NOT_MEASURED)
        assert row.behind


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_compare_concepts_in_every_format(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(
        cli,
        [
            "compare",
            "flask",
            "bottle",
            "--concept",
            "template",
            "--concept",
            "routing",
            "--format",
            fmt,
        ],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "index.html" in out and "index.tpl" in out
    assert "@bp.get(" in out or "bp</span>" in out
    assert "Figures" not in out and "figures" not in out.lower().split("concept")[0]
    if fmt == "json":
        data = json.loads(out)
        assert data["concepts_asked"] == ["routing", "template"]
        assert all(set(e["concepts"]) == {"routing", "template"} for e in data["frameworks"])
    if fmt == "text":  # in the order of the lesson, whatever the order asked
        assert out.index("URL routing") < out.index("A page template")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_compare_every_format(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(cli, ["compare", "flask", "bottle", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "flask" in result.output and "bottle" in result.output
    if fmt == "json":
        assert [e["key"] for e in json.loads(result.output)["frameworks"]] == ["flask", "bottle"]


def test_cli_compare_all_writes_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "compare.html"
    result = runner.invoke(cli, ["compare", "--all", "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    # Each interface of a starter that has two is a column of its own (falcon:asgi).
    labels = [view.label for fw in FRAMEWORKS.values() for view in fw.each_interface()]
    assert all(f"{label}/" in page for label in labels)
    assert "falcon:wsgi/" in page and "falcon:asgi/" in page


@pytest.mark.parametrize(
    "arguments",
    [[], ["--all", "flask"], ["flaks"]],
    ids=["nothing", "all-and-keys", "unknown"],
)
def test_cli_compare_bad_arguments_exit_2(runner: CliRunner, arguments: list[str]) -> None:
    result = runner.invoke(cli, ["compare", *arguments])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_two_alike_starters_show_what_changes_from_one_to_the_other() -> None:
    """Flask and Quart: the diff of each concept is the lesson in what async changes."""
    from scaffold.compare import core, render_markdown, render_text

    pair = core.compare([FRAMEWORKS["flask"], FRAMEWORKS["quart"]], concepts=["view"])
    text = render_text.to_text(pair, width=200)
    assert "What changes from flask to quart:" in text
    assert "-def index():" in text and "+async def index():" in text
    markdown = render_markdown.to_markdown(pair)
    assert "```diff\n--- flask\n+++ quart" in markdown
    # Three starters, or two that share little, are shown side by side only.
    three = core.compare(
        [FRAMEWORKS["flask"], FRAMEWORKS["quart"], FRAMEWORKS["bottle"]], concepts=["view"]
    )
    assert "What changes" not in render_text.to_text(three, width=200)
    unlike = core.compare([FRAMEWORKS["flask"], FRAMEWORKS["django"]], concepts=["model"])
    assert "What changes" not in render_text.to_text(unlike, width=200)


def test_a_starter_with_two_interfaces_is_a_lesson_in_each(runner: CliRunner) -> None:
    """`compare falcon`: its WSGI and ASGI sides facing each other, and what async changes."""
    result = runner.invoke(cli, ["compare", "falcon", "--concept", "view", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "**falcon:wsgi**, `myapp/resources.py: Index" in result.output
    assert "**falcon:asgi**, `myapp/asgi_resources.py: Index" in result.output
    assert "What changes from falcon:wsgi to falcon:asgi:" in result.output
    assert "+    async def on_get(" in result.output
    one = runner.invoke(cli, ["compare", "falcon:asgi", "flask", "--format", "json"])
    assert one.exit_code == 0, one.output
    entries = json.loads(one.stdout)["frameworks"]
    assert [(e["key"], e["interface"]) for e in entries] == [
        ("falcon:asgi", {"asgi": "asgi:application"}),
        ("flask", {"wsgi": "wsgi:application"}),
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_views_of_one_starter_show_its_files_once(runner: CliRunner, fmt: str) -> None:
    """`compare falcon`: one project served two ways has one file tree, not the same one twice."""
    result = runner.invoke(cli, ["compare", "falcon", "flask", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "falcon:asgi/ (the same files as falcon:wsgi)" in result.output
    assert result.output.count("── asgi_app.py") == 1  # a line of the tree, drawn once
