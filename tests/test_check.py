"""`scaffold check`'s steps, against a fake project: no package index.

The fake project is the conforming app of tests/fixtures/contract_apps behind a
``wsgi.py``, with a ``python -m demo_app`` that serves it (or migrates its SQLite
file) and stand-ins for waitress and gunicorn that serve it with wsgiref, the
gunicorn one in two processes on one socket.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold import answers, check, registry
from scaffold.errors import EnvironmentSetupError
from scaffold.runtime import environments, interfaces, servers

from .helpers import FIXTURES, tree

APPS = FIXTURES / "contract_apps"
NOTESDEMO = registry.load_framework(APPS / "templates" / "notesdemo")
MAIN = """\
import sys
from pathlib import Path

import contract_app
import contract_server

if sys.argv[1:] == ["migrate"]:
    {migrate}
else:
    contract_server.main(["run"])
"""
IDEMPOTENT = "contract_app.Notes(Path('notes.sqlite3')).migrate()"
ONCE_ONLY = (
    "sys.exit('table note already exists') if Path('notes.sqlite3').exists() "
    "else contract_app.Notes(Path('notes.sqlite3')).migrate()"
)
WSGI = """\
from pathlib import Path

from contract_app import make_app

application = make_app(
    {fault!r}, framework="notesdemo", project_name="Demo App", database={database}
)
"""
ON_DISK = "Path(__file__).parent / 'notes.sqlite3'"


@pytest.fixture(autouse=True)
def fixture_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(registry.TEMPLATES_ENV, str(APPS / "templates"))


@pytest.fixture
def fake_env(tmp_path: Path) -> Path:
    """A 'virtual environment' whose python, waitress-serve and gunicorn are stand-ins."""
    scripts = tmp_path / "venv" / "bin"
    scripts.mkdir(parents=True)
    stand_ins = {
        "python": f'exec "{sys.executable}" "$@"',
        "waitress-serve": f'exec "{sys.executable}" contract_server.py waitress "$@"',
        "gunicorn": f'exec "{sys.executable}" contract_server.py gunicorn "$@"',
    }
    for name, line in stand_ins.items():
        (scripts / name).write_text(f"#!/bin/sh\n{line}\n")
        (scripts / name).chmod(0o755)
    return tmp_path / "venv"


def make_project(
    root: Path,
    *,
    migrate: str = IDEMPOTENT,
    database: str = ON_DISK,
    option: str = "sqlite",
    fault: str | None = None,
) -> Path:
    project = root / "demo-app"
    package = project / "demo_app"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(MAIN.format(migrate=migrate))
    (project / "wsgi.py").write_text(WSGI.format(database=database, fault=fault))
    for name in ("contract_app.py", "contract_server.py"):
        shutil.copy(APPS / name, project / name)
    answers.write(
        project,
        answers.Answers(
            framework="notesdemo",
            scaffold_version="0",
            template_fingerprint="",
            answers={"project_name": "Demo App", "package_name": "demo_app", "database": option},
        ),
    )
    return project


def _servers_of(project: Path, environment: environments.Environment) -> list[check.Server]:
    return check.servers_for(environment, answers.read(project), NOTESDEMO)


@pytest.fixture
def no_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check, "_install", lambda env_path, project, servers=(): "installed")
    monkeypatch.setattr(check, "_run_tests", lambda environment, project, settings: "1 passed")
    monkeypatch.setattr(check, "_lint", lambda environment, project: "clean")


@pytest.mark.usefixtures("no_install")
def test_check_migrates_then_probes_three_servers(tmp_path: Path, fake_env: Path) -> None:
    seen: list[str] = []
    result = check.check_project(
        make_project(tmp_path), environment_dir=fake_env, progress=lambda s: seen.append(s.name)
    )
    assert [(s.name, s.detail) for s in result.failures] == []
    names = [step.name for step in result.steps]
    assert seen == names
    assert names[:6] == ["install", "tests", "lint", "migrate", "migrate again", "build"]
    # It all happened in a scratch copy: the build's output and the notes are not here.
    assert not (tmp_path / "demo-app" / "built.txt").exists()
    assert not (tmp_path / "demo-app" / "notes.sqlite3").exists()
    assert {"run: health", "run: notes", "waitress: concurrency", "gunicorn: workers"} <= set(names)
    assert "run: headers" not in names  # the development server gets the routes only
    assert "waitress: workers" not in names
    assert names.index("gunicorn: workers") < names.index("gunicorn: cookies") == len(names) - 1


@pytest.mark.usefixtures("no_install")
def test_a_migrate_that_runs_only_once_fails_the_second_run(
    tmp_path: Path, fake_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check, "servers_for", lambda environment, recorded, framework: [])
    result = check.check_project(
        make_project(tmp_path, migrate=ONCE_ONLY), environment_dir=fake_env
    )
    failed = {step.name: step.detail for step in result.failures}
    assert list(failed) == ["migrate again"]
    assert failed["migrate again"].startswith(
        "'python -m demo_app migrate' exited with status 1:\n"
    )
    assert "table note already exists" in failed["migrate again"]


@pytest.mark.usefixtures("no_install")
def test_a_failed_migrate_is_not_run_again(
    tmp_path: Path, fake_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check, "servers_for", lambda environment, recorded, framework: [])
    project = make_project(tmp_path, migrate="sys.exit('could not reach the database')")
    result = check.check_project(project, environment_dir=fake_env)
    assert [(step.name, step.passed) for step in result.steps] == [
        ("install", True),
        ("tests", True),
        ("lint", True),
        ("migrate", False),
        ("build", True),  # the build needs no database
    ]
    assert result.steps[3].detail == (
        "'python -m demo_app migrate' exited with status 1:\ncould not reach the database"
    )


@pytest.mark.usefixtures("no_install")
def test_filestorage_skips_gunicorn_with_a_reason(
    tmp_path: Path, fake_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check, "_probe", lambda server, project, expected, settings: [])
    result = check.check_project(
        make_project(tmp_path, option="filestorage"), environment_dir=fake_env
    )
    gunicorn = [step for step in result.steps if step.name.startswith("gunicorn")]
    assert [(s.name, s.passed) for s in gunicorn] == [
        ("gunicorn: skipped (this project serves one process: database=filestorage)", True)
    ]


def test_workers_that_share_nothing_fail_under_gunicorn(tmp_path: Path, fake_env: Path) -> None:
    project = make_project(tmp_path, database="None")  # notes in each process's memory
    environment = environments.Environment(fake_env, "pip")
    server = next(s for s in _servers_of(project, environment) if s.workers)
    _, expected = check.expectation_for(project)
    steps = {step.name: step for step in check._probe(server, project, expected)}
    assert not steps["gunicorn: workers"].passed
    assert "another worker does not see it" in steps["gunicorn: workers"].detail
    assert steps["gunicorn: health"].passed


def test_a_failed_check_shows_what_the_server_said(tmp_path: Path, fake_env: Path) -> None:
    project = make_project(tmp_path, fault="bad-utf8-500")
    check._migrate([sys.executable, "-m", "demo_app", "migrate"], project)
    environment = environments.Environment(fake_env, "pip")
    server = next(s for s in _servers_of(project, environment) if s.name == "waitress")
    _, expected = check.expectation_for(project)
    failed = [step for step in check._probe(server, project, expected) if not step.passed]
    assert [step.name for step in failed] == ["waitress: malformed"]
    assert re.fullmatch(
        r"GET /\?name=%ff answered 500, a server error\n"
        r"waitress said \(last lines\):\n"
        r"Serving on http://127\.0\.0\.1:\d+\n"
        r"Internal Server Error: /: UnicodeDecodeError",
        failed[0].detail,
    ), failed[0].detail


def test_a_failure_that_is_no_server_error_shows_no_server_output(
    tmp_path: Path, fake_env: Path
) -> None:
    project = make_project(tmp_path, fault="degraded")
    check._migrate([sys.executable, "-m", "demo_app", "migrate"], project)
    environment = environments.Environment(fake_env, "pip")
    server = next(s for s in _servers_of(project, environment) if s.name == "run")
    _, expected = check.expectation_for(project)
    failed = [step for step in check._probe(server, project, expected) if not step.passed]
    assert [(step.name, step.detail) for step in failed] == [
        (
            "run: health",
            "GET /health answered {'status': 'degraded', 'framework': 'notesdemo'}, "
            "expected {'status': 'ok', 'framework': 'notesdemo'}",
        )
    ]


def test_migrate_sees_the_database_settings_of_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "p"
    (project / "pkg").mkdir(parents=True)
    (project / "pkg" / "__main__.py").write_text(
        "import os, pathlib\n"
        "pathlib.Path('seen').write_text(os.environ['DATABASE_URL'] + os.environ['ZEO_ADDRESS'])\n"
    )
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1:1/x")
    monkeypatch.setenv("ZEO_ADDRESS", "127.0.0.1:2")
    assert check._migrate([sys.executable, "-m", "pkg", "migrate"], project)
    assert (project / "seen").read_text() == "postgresql://u@127.0.0.1:1/x127.0.0.1:2"


def test_install_adds_the_servers_by_name_when_the_project_has_no_deploy_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    env = environments.Environment(tmp_path / "venv", "pip")
    monkeypatch.setattr(environments, "create", lambda path: env)
    monkeypatch.setattr(
        environments, "install", lambda environment, reqs, cwd=None: calls.append(list(reqs))
    )
    check._install(env.path, tmp_path, interfaces.WSGI.servers)
    assert calls == [["-e", ".[test,deploy]"], ["gunicorn", "waitress"]]
    calls.clear()
    check._install(env.path, tmp_path, interfaces.ASGI.servers)
    assert calls == [["-e", ".[test,deploy]"], ["gunicorn", "uvicorn", "uvicorn-worker"]]


def test_each_interface_is_served_by_its_own_production_servers(tmp_path: Path) -> None:
    env = environments.Environment(tmp_path / "venv", "pip")
    recorded = answers.Answers("demo", "1", "x", {"package_name": "demo"})
    both = dataclasses.replace(
        NOTESDEMO, interface={"wsgi": "wsgi:application", "asgi": "asgi:application"}
    )
    servers = {server.name: server for server in check.servers_for(env, recorded, both)}
    assert list(servers) == ["run", "waitress", "gunicorn", "uvicorn", "gunicorn-uvicorn"]
    assert servers["waitress"].command[-1] == "wsgi:application"
    assert servers["gunicorn-uvicorn"].command[-1] == "asgi:application"
    assert "uvicorn_worker.UvicornWorker" in servers["gunicorn-uvicorn"].command
    assert not servers["waitress"].workers and servers["uvicorn"].workers


def test_serving_yields_a_url_and_stops_the_server(tmp_path: Path, fake_env: Path) -> None:
    project = make_project(tmp_path)
    port = servers.free_port()
    command = [str(fake_env / "bin" / "python"), "-m", "demo_app"]
    with servers.serving(command, project, port=port) as base_url:
        assert base_url == f"http://127.0.0.1:{port}"
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


@pytest.mark.usefixtures("no_install")
def test_check_leaves_the_project_and_its_data_as_it_found_it(
    tmp_path: Path, fake_env: Path
) -> None:
    """The tests, migrations and probes write notes: into a copy, never the developer's file."""
    project = make_project(tmp_path)
    subprocess.run([sys.executable, "-m", "demo_app", "migrate"], cwd=project, check=True)
    before = tree(project)
    assert "notes.sqlite3" in {Path(name).name for name in before}
    result = check.check_project(project, environment_dir=fake_env)
    assert [(s.name, s.detail) for s in result.failures] == []
    assert any(step.name == "waitress: notes" for step in result.steps), "notes were written"
    assert tree(project) == before


def test_check_never_runs_an_interpreter_the_project_carries(tmp_path: Path) -> None:
    """A committed .venv/bin/python is never run; the install happens elsewhere."""
    project = make_project(tmp_path)
    planted = project / ".venv" / "bin" / "python"
    planted.parent.mkdir(parents=True)
    marker = tmp_path / "RAN"
    planted.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    planted.chmod(0o755)
    seen: list[Path] = []

    def install(env_path: Path, project: Path, servers: object = ()) -> str:
        seen.append(env_path)
        raise EnvironmentSetupError("stop here")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(check, "_install", install)
        result = check.check_project(project)
    assert [step.name for step in result.steps] == ["install"]
    assert seen and project not in seen[0].parents
    assert not marker.exists()


def test_a_zeo_address_gets_a_scratch_server_of_the_check_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The developer's ZEO server is never written to: the check starts its own."""
    from scaffold.runtime import scratch

    tool = environments.Environment(Path(sys.prefix), "pip")  # ZEO is in the test extra
    if not tool.script("runzeo").exists():
        pytest.skip("runzeo is not installed")
    developer = servers.free_port()  # nothing listens here: it must not be needed
    monkeypatch.setenv("ZEO_ADDRESS", f"127.0.0.1:{developer}")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with scratch.databases(tool, tmp_path) as settings:
        host, port = settings["ZEO_ADDRESS"].split(":")
        assert (host, int(port)) != ("127.0.0.1", developer)
        socket.create_connection((host, int(port)), timeout=5).close()
    with pytest.raises(OSError):
        socket.create_connection((host, int(port)), timeout=1).close()


def test_no_server_setting_means_no_scratch_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold.runtime import scratch

    monkeypatch.delenv("ZEO_ADDRESS", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with scratch.databases(environments.Environment(tmp_path, "pip"), tmp_path) as settings:
        assert settings == {}


def test_a_copy_leaves_out_environments_git_and_links(tmp_path: Path) -> None:
    from scaffold.runtime import scratch

    project = make_project(tmp_path)
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".git").mkdir()
    (project / "data.sqlite3").write_bytes(b"the developer's data")
    (project / "outside").symlink_to(tmp_path, target_is_directory=True)
    copy = scratch.copy_project(project, tmp_path / "copy")
    names = {p.name for p in copy.iterdir()}
    assert "data.sqlite3" in names
    assert not names & {".venv", ".git", "outside"}


@pytest.mark.usefixtures("no_install")
def test_check_tells_each_step_as_it_starts(tmp_path: Path, fake_env: Path) -> None:
    events: list[tuple[str, str]] = []
    check.check_project(
        make_project(tmp_path),
        environment_dir=fake_env,
        progress=lambda step: events.append(("done", step.name)),
        starting=lambda name: events.append(("start", name)),
    )
    assert events[:2] == [("start", "install"), ("done", "install")]
    for name in ("tests", "lint", "migrate", "migrate again", "build"):
        assert events[events.index(("start", name)) + 1] == ("done", name)
    first_waitress = next(i for i, e in enumerate(events) if e[1].startswith("waitress: "))
    assert events[first_waitress - 1] == ("start", "waitress")


@pytest.mark.usefixtures("no_install")
@pytest.mark.parametrize("terminal", [True, False])
def test_check_command_shows_the_running_step_on_a_terminal(
    tmp_path: Path, fake_env: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    from functools import partial

    from click.testing import CliRunner

    from scaffold import cli_projects
    from scaffold.cli import cli

    monkeypatch.setattr(cli_projects, "stderr_is_terminal", lambda: terminal)
    monkeypatch.setattr(
        check, "check_project", partial(check.check_project, environment_dir=fake_env)
    )
    project = make_project(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(project)], color=True)
    assert result.exit_code == 0, result.output
    assert ("install..." in result.stderr) == terminal
    assert "\x1b[32mok  \x1b[0m install" in result.stdout
    assert "\x1b[32mAll " in result.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    plain = CliRunner().invoke(cli, ["check", str(project)], color=True)
    assert "\x1b[3" not in plain.stdout and "ok   install" in plain.stdout
    monkeypatch.delenv("NO_COLOR")
    as_json = CliRunner().invoke(cli, ["check", str(project), "--format", "json"], color=True)
    assert "\x1b" not in as_json.output
    assert json.loads(as_json.stdout)["passed"] is True
