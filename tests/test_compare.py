"""`scaffold compare`: static figures of every template, the renderers, the HTML page
in a real headless browser, and (end to end) the measured figures."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold import compare, compare_html, compare_render, measure, probe, route_code
from scaffold.cli import cli
from scaffold.registry import FEATURE_KEYS

from .conftest import FRAMEWORKS

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


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> compare.Comparison:
    """The static comparison of every template, made once for the module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
        return compare.compare(FRAMEWORKS.values())


def _entry(comparison: compare.Comparison, key: str) -> compare.Entry:
    return next(entry for entry in comparison.entries if entry.skeleton.key == key)


def _fake_measured(comparison: compare.Comparison) -> compare.Comparison:
    """The comparison with made-up measurements, to render every chart without installing."""
    entries = []
    for index, entry in enumerate(comparison.entries, start=1):
        figures = measure.Measurement(
            environment=f"env{index}",
            reused=True,
            runtime=tuple((f"dist{n}", "1.0", 100_000 * index) for n in range(index)),
            installed=("pytest==8.0",),
            environment_bytes=5_000_000 * index,
            start_seconds=(0.05 * index, 0.06 * index),
            rss_bytes=20_000_000 + 1_000_000 * index,
            requests_per_second={"/health": 1000.0 * index, "/": None if index == 2 else 500.0},
            tests_passed=index != 3,
            tests_summary="1 passed",
            errors=("GET / answered 500 Internal Server Error",) if index == 2 else (),
        )
        entries.append(compare.Entry(entry.skeleton, figures))
    machine = measure.Machine("Linux 6", "x86_64", "CPU", 2, "3.11.7", "CPython", "uv", "now")
    return compare.Comparison(
        tuple(entries), machine=machine, settings={"start_runs": 2, "request_seconds": 0.1}
    )


@pytest.mark.parametrize("key", list(FRAMEWORKS))
def test_static_figures_for_every_template(everything: compare.Comparison, key: str) -> None:
    skeleton = _entry(everything, key).skeleton
    assert skeleton.files == len(skeleton.paths) > 0
    assert "wsgi.py" in skeleton.paths
    assert not any(path.startswith(".scaffold") for path in skeleton.paths)
    assert 0 < skeleton.python_code_lines <= skeleton.python_lines
    assert skeleton.template_lines > 0
    assert any(line.endswith("wsgi.py") for line in skeleton.tree)
    assert set(skeleton.batteries) == set(FEATURE_KEYS)
    assert skeleton.wsgi == FRAMEWORKS[key].wsgi


@pytest.mark.parametrize("key", list(FRAMEWORKS))
def test_route_code_is_the_handler(everything: compare.Comparison, key: str) -> None:
    routes = {code.route: code for code in _entry(everything, key).skeleton.routes}
    assert set(routes) == set(FRAMEWORKS[key].routes)
    for name, code in routes.items():
        assert code.path == route_code.url_path(name)
        assert name in code.code.lower()
        assert "def " in code.code or "class " in code.code
        assert "{{" not in code.file


def test_extract_finds_the_decorated_function() -> None:
    source = (
        "import app\n\n\n# Teaching comment.\n@app.get('/health')\ndef ping():\n"
        "    return 'ok'\n\n\n@app.get('/')\ndef home():\n    return 'hi'\n"
    )
    code = route_code.extract("health", "views.py", source)
    assert code.code.splitlines() == [
        "# Teaching comment.",
        "@app.get('/health')",
        "def ping():",
        "    return 'ok'",
    ]
    assert code.first_line == 4
    assert route_code.extract("index", "views.py", source).code.startswith("@app.get('/')")


def test_extract_adds_the_url_table_that_names_the_handler() -> None:
    source = (
        "urls = ('/', 'Index', '/health', 'Health')\nOTHER = '/health'\n\n\nclass Health:\n"
        "    def GET(self):\n        return 'ok'\n"
    )
    assert route_code.extract("health", "app.py", source).code.splitlines() == [
        "urls = ('/', 'Index', '/health', 'Health')",
        "...",
        "class Health:",
        "    def GET(self):",
        "        return 'ok'",
    ]


def test_extract_shows_the_class_of_a_method() -> None:
    source = "class Root:\n    x = 1\n\n    def health(self):\n        return 'ok'\n"
    assert route_code.extract("health", "app.py", source).code.splitlines() == [
        "class Root:",
        "    ...",
        "    def health(self):",
        "        return 'ok'",
    ]


def test_extract_falls_back_to_the_lines_around_a_mention() -> None:
    source = "\n".join(f"line {n}" for n in range(30)) + "\n<view name='health' />\n"
    code = route_code.extract("health", "configure.zcml", source)
    assert code.language == "zcml"
    assert "<view name='health' />" in code.code
    assert code.first_line == 31 - route_code.CONTEXT_LINES


def test_code_lines_skip_comments_docstrings_and_blanks() -> None:
    source = '"""Module."""\n\n# comment\nx = 1\n\n\ndef f():\n    """Doc."""\n    return x\n'
    assert compare.code_lines(source) == 3


def test_file_tree_lists_folders_first() -> None:
    assert compare.file_tree(["b.py", "pkg/a.py", "pkg/sub/c.txt"]) == [
        "├── pkg/",
        "│   ├── sub/",
        "│   │   └── c.txt",
        "│   └── a.py",
        "└── b.py",
    ]


def test_json_keys_are_stable(everything: compare.Comparison) -> None:
    data = json.loads(compare_render.to_json(everything))
    assert set(data) == TOP_KEYS
    assert data["measured"] is False and data["machine"] is None
    assert [entry["key"] for entry in data["frameworks"]] == list(FRAMEWORKS)
    for entry in data["frameworks"]:
        assert set(entry) == FRAMEWORK_KEYS
        assert entry["measurement"] is None
        for route in entry["routes"].values():
            assert set(route) == ROUTE_KEYS

    measured = json.loads(compare_render.to_json(_fake_measured(everything)))
    assert set(measured["machine"]) >= {"python", "system", "cpu", "installer"}
    for entry in measured["frameworks"]:
        assert set(entry["measurement"]) == MEASUREMENT_KEYS
        assert set(entry["measurement"]["requests_per_second"]) == {"/health", "/"}


def test_text_table_has_a_row_per_framework(everything: compare.Comparison) -> None:
    text = compare_render.to_text(everything, width=100)
    table = text.split("\n\n")[0].splitlines()
    assert table[0].split()[:3] == ["framework", "category", "files"]
    assert [line.split()[0] for line in table[2:]] == list(FRAMEWORKS)
    assert all(len(line) <= 100 for line in text.split("File trees:")[1].splitlines())
    assert "GET /health, as each framework writes it" in text


def test_measured_text_reports_the_machine_versions_and_problems(
    everything: compare.Comparison,
) -> None:
    text = compare_render.to_text(_fake_measured(everything), width=200)
    assert "start ms" in text.splitlines()[0] and "tests" in text.splitlines()[0]
    assert "CPython 3.11.7" in text
    assert "! " in text and "answered 500" in text
    assert "FAIL" in text


def test_markdown_has_tables_and_code_blocks(everything: compare.Comparison) -> None:
    markdown = compare_render.to_markdown(everything)
    assert "| framework | category | files |" in markdown
    assert "```python" in markdown
    for key in FRAMEWORKS:
        assert f"| {key} |" in markdown


def test_html_is_self_contained(everything: compare.Comparison) -> None:
    page = compare_html.to_html(_fake_measured(everything))
    assert page.startswith("<!doctype html>")
    for fetch in ("<script", "<link", "src=", "@import", "url(", "http://", "https://"):
        assert fetch not in page
    assert page.count("<svg") == len(compare_render.FIGURES)
    assert "not measured" in page  # the failed route is shown as such, not as zero


@pytest.mark.parametrize("fmt", compare_render.FORMATS)
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


def test_cache_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(measure.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert measure.cache_dir() == tmp_path / "xdg" / "scaffold"
    monkeypatch.setenv(measure.CACHE_ENV, str(tmp_path / "mine"))
    assert measure.cache_dir() == tmp_path / "mine"


def test_environment_key_follows_the_pinned_versions() -> None:
    key = measure.environment_key(["flask==3.1.0", "pytest==8.0"])
    assert key == measure.environment_key(["pytest==8.0", "flask==3.1.0"])
    assert key != measure.environment_key(["flask==3.1.1", "pytest==8.0"])


def test_probe_calls_a_wsgi_application() -> None:
    def application(environ, start_response):
        found = environ["PATH_INFO"] == "/health"
        start_response("200 OK" if found else "404 Not Found", [])
        return [b"ok"]

    assert probe.call(application, "/health") == "200 OK"
    assert probe.requests_per_second(application, "/health", 0.05)["rps"] > 0
    assert probe.requests_per_second(application, "/nope", 0.05)["rps"] is None


def test_probe_finds_the_runtime_closure() -> None:
    found = probe.distributions("pytest")
    names = {entry["name"].lower() for entry in found["runtime"]}
    assert "pluggy" in names and "pytest" not in names
    assert all(entry["bytes"] > 0 for entry in found["runtime"])


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
def test_html_renders_in_headless_chromium(everything: compare.Comparison, tmp_path: Path) -> None:
    page = tmp_path / "compare.html"
    page.write_text(compare_html.to_html(_fake_measured(everything)), encoding="utf-8")
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
    assert dom.count("<svg") == len(compare_render.FIGURES)
    assert "side by side" in dom
    for key in FRAMEWORKS:
        assert f"{key}/" in dom


@pytest.mark.e2e
def test_measure_flask_end_to_end(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(measure.CACHE_ENV, str(tmp_path / "cache"))
    arguments = ["compare", "flask", "--measure", "--format", "json", "--runs", "2"]
    arguments += ["--seconds", "0.2"]
    first = runner.invoke(cli, arguments)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["machine"]["python"] == ".".join(map(str, sys.version_info[:3]))
    figures = data["frameworks"][0]["measurement"]
    assert figures["errors"] == []
    assert figures["tests_passed"] is True
    assert figures["environment_reused"] is False
    assert any(d["name"].lower() == "flask" for d in figures["runtime"])
    assert "pytest" not in {d["name"].lower() for d in figures["runtime"]}
    assert figures["cold_start_seconds"] > 0 and len(figures["start_seconds"]) == 2
    assert figures["rss_bytes"] > 1_000_000
    assert all(rate > 0 for rate in figures["requests_per_second"].values())

    second = json.loads(runner.invoke(cli, arguments).stdout)["frameworks"][0]["measurement"]
    assert second["environment_reused"] is True
    assert second["environment"] == figures["environment"]
    assert not any((tmp_path / "cache" / "envs").glob("*/lib/*/site-packages/myapp*"))


@pytest.mark.e2e
def test_measure_all_as_json_covers_every_template(
    runner: CliRunner, tmp_path: Path, monkeypatch
) -> None:
    """The issue's command, for every template present: `compare --all --measure --format json`."""
    monkeypatch.setenv(measure.CACHE_ENV, str(tmp_path / "cache"))
    arguments = ["compare", "--all", "--measure", "--format", "json", "--runs", "2"]
    result = runner.invoke(cli, [*arguments, "--seconds", "0.2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    measured = {entry["key"]: entry["measurement"] for entry in data["frameworks"]}
    assert set(measured) == set(FRAMEWORKS)
    for key, figures in measured.items():
        assert figures["errors"] == [], key
        assert figures["tests_passed"] is True, key
        assert all(rate > 0 for rate in figures["requests_per_second"].values()), key
