"""End to end: every template installed, tested, served and probed over HTTP.

These tests need a package index: they create virtual environments and install
each generated project with its test extra, as a new user would.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from scaffold import check, environments, generator, registry, report

from .conftest import framework_params

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def shared_package_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One download cache for the whole run, outside the home directory."""
    cache = Path(os.environ.get("SCAFFOLD_E2E_CACHE") or tmp_path_factory.mktemp("cache"))
    os.environ.setdefault("UV_CACHE_DIR", str(cache / "uv"))
    os.environ.setdefault("PIP_CACHE_DIR", str(cache / "pip"))


@pytest.mark.parametrize("framework", framework_params())
def test_template_end_to_end(framework: registry.Framework, tmp_path: Path) -> None:
    project = generator.generate(framework, "demo-app", tmp_path / "out")
    result = check.check_project(project.path, environment_dir=tmp_path / "venv")
    failures = "\n".join(report.step_line(step) for step in result.failures)
    assert result.passed, f"{framework.key} failed:\n{failures}"
    names = {step.name for step in result.steps}
    assert names >= {"install", "tests", "run: health", "wsgi: health"}


def test_check_names_a_broken_route(tmp_path: Path) -> None:
    """Break a project on purpose: `scaffold check` names each broken check and exits 1."""
    import json

    from click.testing import CliRunner

    from scaffold.cli import cli

    project = generator.generate(registry.get("flask"), "broken", tmp_path / "out")
    views = project.path / "broken" / "views.py"
    views.write_text(views.read_text().replace('status="ok"', 'status="degraded"'))
    index = project.path / "broken" / "templates" / "index.html"
    index.write_text(index.read_text().replace("{{ name }}!", "{{ name | safe }}!"))
    (project.path / ".venv").mkdir()  # check uses the project's own environment
    result = CliRunner().invoke(cli, ["check", str(project.path), "--format", "json"])
    assert result.exit_code == 1, result.output
    report_data = json.loads(result.output)
    failed = {step["name"] for step in report_data["steps"] if not step["passed"]}
    assert {"run: health", "wsgi: health", "run: escaping", "wsgi: escaping", "tests"} <= failed
    assert "run: stylesheet" not in failed
    health = next(s for s in report_data["steps"] if s["name"] == "run: health")
    assert "degraded" in health["detail"]
    assert (project.path / ".venv" / "bin" / "python").exists()


def test_wheel_ships_the_templates_and_works_from_anywhere(tmp_path: Path) -> None:
    uv = environments.uv_path()
    assert uv, "uv is needed to build the wheel (it is in the test extra)"
    subprocess.run(
        [uv, "build", "--wheel", "--quiet", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("scaffold-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for key in registry.discover():
        assert f"scaffold/templates/{key}/cookiecutter.json" in names
    assert "scaffold/templates/_shared/style.css" in names

    environment = environments.create(tmp_path / "venv")
    environments.install(environment, [str(wheel)])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != registry.TEMPLATES_ENV}
    completed = subprocess.run(
        [str(environment.script("scaffold")), "new", "demo", "-f", "flask", "--no-input"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert (elsewhere / "demo" / "wsgi.py").is_file()
    assert (elsewhere / "demo" / "demo" / "static" / "style.css").is_file()


def test_next_steps_work_as_printed(tmp_path: Path) -> None:
    """Run the commands `scaffold new` prints, exactly, in a shell."""
    from click.testing import CliRunner

    from scaffold import servers
    from scaffold.cli import cli

    result = CliRunner().invoke(cli, ["new", "first-minute", "-f", "flask", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    steps = [line.strip() for line in result.output.split("Next steps:")[1].strip().splitlines()]
    *setup, serve = steps
    assert serve == "python -m first_minute"
    completed = subprocess.run(
        ["bash", "-c", " && ".join(setup)], capture_output=True, text=True, cwd=tmp_path
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    assert " passed" in completed.stdout
    port = servers.free_port()
    command = ["bash", "-c", " && ".join([*setup[:1], setup[2], f"exec {serve}"])]
    with servers.serving(command, tmp_path, port=port) as base_url:
        import urllib.request

        with urllib.request.urlopen(base_url + "/health", timeout=10) as answer:
            assert answer.status == 200
