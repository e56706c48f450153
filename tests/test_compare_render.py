"""`scaffold.compare`'s renderers: stable JSON, text, Markdown, a self-contained HTML page
(rendered in a real headless browser), and the CLI's formats."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold.cli import cli
from scaffold.compare import render_html, render_json, render_markdown, render_text, view
from scaffold.compare.core import Comparison
from scaffold.compare.formats import FORMATS

from .compare_helpers import fake_measured
from .helpers import FRAMEWORKS

TOP_KEYS = {"scaffold_version", "measured", "machine", "settings", "frameworks"}
FRAMEWORK_KEYS = {
    "key",
    "title",
    "category",
    "dependencies",
    "wsgi",
    "files",
    "python_lines",
    "python_code_lines",
    "template_lines",
    "tree",
    "paths",
    "batteries",
    "routes",
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


def test_html_is_self_contained(comparison: Comparison) -> None:
    page = render_html.to_html(fake_measured(comparison))
    assert page.startswith("<!doctype html>")
    for fetch in ("<script", "<link", "src=", "@import", "url(", "http://", "https://"):
        assert fetch not in page
    assert page.count("<svg") == len(view.FIGURES)
    assert "not measured" in page  # the failed route is shown as such, not as zero


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
    assert all(f"{key}/" in page for key in FRAMEWORKS)


@pytest.mark.parametrize(
    "arguments",
    [[], ["--all", "flask"], ["flaks"]],
    ids=["nothing", "all-and-keys", "unknown"],
)
def test_cli_compare_bad_arguments_exit_2(runner: CliRunner, arguments: list[str]) -> None:
    result = runner.invoke(cli, ["compare", *arguments])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    command = [
        _chromium() or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *arguments,
    ]
    env = {**os.environ, "HOME": str(tmp_path)}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL
    )


@pytest.mark.skipif(
    _chromium() is None, reason="chromium is not installed (apt-get install chromium)"
)
def test_html_renders_in_headless_chromium(comparison: Comparison, tmp_path: Path) -> None:
    page = tmp_path / "compare.html"
    page.write_text(render_html.to_html(fake_measured(comparison)), encoding="utf-8")
    screenshot = tmp_path / "compare.png"
    shot = _browser(
        tmp_path, f"--screenshot={screenshot}", "--window-size=1600,1200", page.as_uri()
    )
    assert screenshot.is_file(), shot.stderr[-2000:]
    header = screenshot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1600, 1200)
    assert screenshot.stat().st_size > 20_000  # a rendered page, not a blank one

    dom = _browser(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert dom.count("<svg") == len(view.FIGURES)
    assert "side by side" in dom
    for key in FRAMEWORKS:
        assert f"{key}/" in dom
