"""End to end: every template installed, tested, served and probed over HTTP.

These tests need a package index: they create virtual environments and install
each generated project with its test extra, as a new user would. Full-stack
starters run once per ``database`` value, each against a fresh database of its
own on a real server (tests/database_servers.py). Environments are shared by
what they install: one per template and option set, reused by every test that
needs the same dependencies, so nothing is installed twice in one run.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import astuple
from functools import partial
from pathlib import Path

import pytest

from scaffold import check, generator, registry, report
from scaffold.names import derive
from scaffold.questions import questions
from scaffold.runtime import environments, interfaces, processes

from .database_servers import SERVER_SETTING, shared_environment
from .helpers import FRAMEWORKS, framework_params

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]


def matrix() -> list:
    """Every full-stack starter with every ``database`` value; micro starters once."""
    params = []
    for key, framework in FRAMEWORKS.items():
        defaults = {question.key: question.default for question in questions(framework)}
        for database in defaults.get("database") or [None]:
            label = f"{key}-{database}" if database else key
            params.append(pytest.param(framework, database, id=label))
    return params


@pytest.fixture
def database_setting(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the starter at a fresh database on a real server, as its settings read it."""
    database = request.node.callspec.params.get("database")
    if database == "postgresql":
        monkeypatch.setenv("DATABASE_URL", request.getfixturevalue("postgresql_url"))
    elif database == "zeo":
        monkeypatch.setenv("ZEO_ADDRESS", request.getfixturevalue("zeo_address"))
    for name in set(SERVER_SETTING.values()) - {SERVER_SETTING.get(database or "", "")}:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(("framework", "database"), matrix())
def test_template_end_to_end(
    framework: registry.Framework,
    database: str | None,
    database_setting: None,
    tmp_path: Path,
) -> None:
    # An apostrophe in the title: every page escapes it, and the project's own tests
    # and the contract's checks must still find the name.
    extra = {"project_name": "Ada's Demo App", **({"database": database} if database else {})}
    project = generator.generate(framework, "demo-app", tmp_path / "out", extra=extra)
    with shared_environment(project.path) as environment_dir:
        result = check.check_project(project.path, environment_dir=environment_dir)
    failures = "\n".join(report.step_line(step) for step in result.failures)
    assert result.passed, f"{framework.key} ({database or 'no database'}) failed:\n{failures}"
    names = {step.name for step in result.steps}
    # The first production server of the template's interface: waitress, or uvicorn.
    served = interfaces.named(list(framework.interface))[0].servers[0].name
    assert names >= {"install", "tests", "lint", "run: health", f"{served}: health"}
    if framework.is_full_stack:
        assert any(name.startswith("migrate") for name in names), "check runs migrate first"
    if framework.admin_account is not None:
        # The account made with the template's command logs in: the checks that need it ran
        # wherever the template names the pages they need.
        assert "admin account" in names
        needs = {"logout": {"login", "admin", "logout"}, "login-redirects": {"login"}}
        for check_name, pages in needs.items():
            step = next(step for step in result.steps if step.name == f"{served}: {check_name}")
            if pages <= set(framework.urls):
                assert not step.detail.startswith("not applicable"), f"{step.name}: {step.detail}"


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines of a ``.env`` file (comments and blank lines skipped)."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.removeprefix("export ").partition("=")
            values[key.strip()] = value.strip().strip("'\"")
    return values


def committed_blobs(project: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of every commit in the project's repository, by path."""

    def git(*args: str, data: bytes | None = None) -> bytes:
        return subprocess.run(
            ["git", "-C", str(project), *args], input=data, capture_output=True, check=True
        ).stdout

    for commit in git("rev-list", "--all").split():
        for entry in git("ls-tree", "-r", "-z", commit.decode()).split(b"\0"):
            if entry:
                meta, _, path = entry.partition(b"\t")
                blob = meta.split()[2].decode()
                yield path.decode(), git("cat-file", "blob", blob)


def scaffold_records(project: Path) -> Iterator[tuple[str, bytes]]:
    """What scaffold keeps in the project: its answers file, .scaffold/ and the snapshot."""
    for path in [project / ".scaffold.json", *sorted((project / ".scaffold").rglob("*"))]:
        if path.is_file():
            yield path.relative_to(project).as_posix(), path.read_bytes()
    snapshot = project / ".scaffold" / "base.tar.gz"
    with tarfile.open(fileobj=io.BytesIO(snapshot.read_bytes()), mode="r:gz") as archive:
        for member in archive.getmembers():
            extracted = archive.extractfile(member)
            if extracted is not None:
                yield f"{snapshot.name}:{member.name}", extracted.read()


@pytest.mark.parametrize("framework", framework_params())
def test_no_project_secret_reaches_git_and_a_fresh_clone_refuses_to_start(
    framework: registry.Framework, tmp_path: Path
) -> None:
    """Issue 13: development secrets stay in the git-ignored .env of each project."""
    from click.testing import CliRunner

    from scaffold.cli import cli

    defaults = {question.key: question.default for question in questions(framework)}
    for database in defaults.get("database") or [None]:
        # Two projects per option set, so that the server passwords of .env count too.
        options = ["--set", f"database={database}"] if database else []
        out = tmp_path / (database or "default")
        projects = []
        for name in ("secret-one", "secret-two"):
            arguments = ["new", name, "-f", framework.key, "-o", str(out), *options]
            result = CliRunner().invoke(cli, arguments)
            assert result.exit_code == 0, result.output
            projects.append(out / name)
        first, second = (read_env_file(project / ".env") for project in projects)
        # A per-project secret is a value that two renderings of the template do not share
        # (and that is not simply made of the project's name, such as a database name).
        names = {part for n in ("secret-one", "secret-two") for part in astuple(derive(n))}
        secrets = {
            value
            for one, other in ((first, second), (second, first))
            for key, value in one.items()
            if value and other.get(key) != value and not any(n in value for n in names)
        }
        assert secrets, f"{framework.key}: .env holds no per-project secret"
        for project in projects:
            ignored = subprocess.run(["git", "-C", str(project), "check-ignore", "-q", ".env"])
            assert ignored.returncode == 0, ".env must be git-ignored"
            for where, content in [*committed_blobs(project), *scaffold_records(project)]:
                leaked = [value for value in secrets if value.encode() in content]
                assert not leaked, f"{framework.key} ({database}): a secret of .env is in {where}"
        if database == (defaults.get("database") or [None])[0]:
            default_projects, default_env = projects, first

    # A fresh clone has no .env: its production entry point must refuse to start, and say
    # which variable to set.
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(default_projects[0]), str(clone)], check=True)
    assert not (clone / ".env").exists()
    example = read_env_file(clone / ".env.example")
    # The module of each entry point the template offers: wsgi, asgi, or both.
    modules = [entry.split(":")[0] for entry in framework.interface.values()]
    with shared_environment(default_projects[0]) as environment_dir:
        environment = environments.create(environment_dir)
        environments.install(environment, ["-e", ".[test]"], cwd=clone)
        for module in modules:
            env = {k: v for k, v in processes.clean_env().items() if k not in default_env}
            named = _secrets_named_at_import(environment, clone, module, env, example)
            assert named, f"{framework.key}: {module} started with no secret configured"


def _secrets_named_at_import(
    environment: environments.Environment,
    clone: Path,
    module: str,
    env: dict[str, str],
    example: dict[str, str],
) -> list[str]:
    """Import ``module`` until it starts, setting each variable its error names; those named."""
    named: list[str] = []
    for _attempt in range(5):
        completed = subprocess.run(
            [str(environment.python), "-c", f"import {module}"],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        if completed.returncode == 0:
            return named
        last = (completed.stderr.strip().splitlines() or [""])[-1]
        variables = [word for word in example if word in last and word not in env]
        assert variables, f"'import {module}' failed naming no variable: {last}"
        assert all(not example[word] for word in variables), ".env.example leaves secrets empty"
        named += variables
        env.update({word: "x" + os.urandom(24).hex() for word in variables})
    raise AssertionError(f"with {', '.join(named)} set: {completed.stderr[-800:]}")


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
    with shared_environment(project.path) as environment_dir, pytest.MonkeyPatch.context() as mp:
        # The run's flask environment, instead of a new one that check would install.
        mp.setattr(
            check, "check_project", partial(check.check_project, environment_dir=environment_dir)
        )
        result = CliRunner().invoke(cli, ["check", str(project.path), "--format", "json"])
    assert result.exit_code == 3, result.output  # failed checks, told apart from an error
    report_data = json.loads(result.output)
    failed = {step["name"] for step in report_data["steps"] if not step["passed"]}
    broken = {"run: health", "waitress: health", "run: escaping", "waitress: escaping", "tests"}
    assert broken <= failed
    assert "run: stylesheet" not in failed
    health = next(s for s in report_data["steps"] if s["name"] == "run: health")
    assert "degraded" in health["detail"]


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

    from scaffold.cli import cli
    from scaffold.runtime import servers

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


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_missing_database_server_skips_except_in_ci(
    ci: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without PostgreSQL or runzeo the tests that need them skip; under CI=true they fail."""
    from . import database_servers

    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(database_servers, "postgresql_bindir", lambda: None)
    monkeypatch.setattr(database_servers, "runzeo_path", lambda: None)
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match="PostgreSQL is not installed"):
        database_servers.start_postgresql(tmp_path / "postgresql")
    with pytest.raises(outcome, match="runzeo is not installed"):
        database_servers.start_zeo(tmp_path / "zeo")
