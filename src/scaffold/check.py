"""Verify a generated project: install it, run its tests, serve it, probe the contract.

The same steps run in the end-to-end tests of every template and behind
`scaffold check`, so a learner who changed a starter sees what a CI job sees:

1. ``install``: the project with its ``test`` and ``deploy`` extras (waitress and
   gunicorn are added by name when a project has no ``deploy`` extra);
2. ``tests``: the project's own pytest suite;
3. full-stack only, ``migrate`` and ``migrate again``: ``python -m <package> migrate``
   twice, before any server starts (the second run, skipped if the first failed,
   proves it idempotent);
4. ``build``, when the template names build commands (``_scaffold.deploy.build``,
   such as Django's ``collectstatic``): run as a deployment runs them, so the
   production servers serve what they would serve there;
5. three servers, each probed over HTTP by ``conformance``:
   ``run`` (``python -m <package>``, the development server) with the contract's
   routes only, which keeps the suite fast; ``wsgi`` (waitress) with the whole
   contract, "Safe to deploy" included; ``gunicorn`` (``-w 2``) with the whole
   contract plus ``workers`` (a note written through one request is read back on
   new connections, so both workers answer). A project the template says serves
   one process (``_scaffold.one_process_when``, ZODB's FileStorage) skips the
   gunicorn step with a note.

Servers, migrations and tests see this process's environment: ``DATABASE_URL``
and ``ZEO_ADDRESS`` set here choose the database (a project's ``.env`` never
overrides a variable that is already set).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import answers, registry
from .errors import CheckFailedError, EnvironmentSetupError, ServerStartError
from .runtime import conformance, environments, processes, servers


@dataclass(frozen=True)
class Step:
    """One verification step and its outcome."""

    name: str
    passed: bool
    detail: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class CheckReport:
    """Everything `check_project` verified."""

    project: Path
    framework: str
    steps: tuple[Step, ...]

    @property
    def passed(self) -> bool:
        return all(step.passed for step in self.steps)

    @property
    def failures(self) -> list[Step]:
        return [step for step in self.steps if not step.passed]


Progress = Callable[[Step], None]
APP = "wsgi:application"
MIGRATE_TIMEOUT = 300
PRODUCTION_SERVERS = ("waitress-serve", "gunicorn")
# A failure that the server's own output may explain: a 5xx, a dropped connection.
SERVER_FAULT = re.compile(r"answered 5\d\d|a server error|request failed|connection", re.I)
SERVER_PACKAGES = {"waitress-serve": "waitress", "gunicorn": "gunicorn"}


def expectation_for(project: Path) -> tuple[answers.Answers, conformance.Expectation]:
    """What the contract expects of ``project``, from its answers file and template."""
    recorded, framework, _checked = answers.load(project)
    return recorded, _expectation(recorded, framework)


def _expectation(
    recorded: answers.Answers, framework: registry.Framework
) -> conformance.Expectation:
    return conformance.Expectation(
        framework=framework.key,
        project_name=recorded.project_name,
        full_stack=framework.is_full_stack,
        urls=framework.urls,
    )


def check_project(
    project: Path,
    *,
    environment_dir: Path | None = None,
    progress: Progress | None = None,
) -> CheckReport:
    """Install, test, serve and probe ``project``; never raises for a failing step."""
    project = project.resolve()
    # The answers file comes from the project: checked before its package name runs.
    recorded, framework, _checked = answers.load(project)
    expected = _expectation(recorded, framework)
    steps: list[Step] = []

    def record(step: Step) -> Step:
        steps.append(step)
        if progress:
            progress(step)
        return step

    with _environment(project, environment_dir) as env_path:
        installed = record(_timed("install", lambda: _install(env_path, project)))
        if installed.passed:
            environment = environments.create(env_path)
            record(_timed("tests", lambda: _run_tests(environment, project)))
            if expected.full_stack:
                migrate = [str(environment.python), "-m", recorded.package_name, "migrate"]
                if record(_timed("migrate", lambda: _migrate(migrate, project))).passed:
                    record(_timed("migrate again", lambda: _migrate(migrate, project)))
            if framework.build_commands:
                record(_timed("build", lambda: _build(environment, framework, project)))
            for server in servers_for(environment, recorded, framework):
                if server.skipped:
                    record(Step(f"{server.name}: {server.skipped}", True))
                    continue
                for step in _probe(server, project, expected):
                    record(step)
    return CheckReport(project=project, framework=expected.framework, steps=tuple(steps))


@contextmanager
def _environment(project: Path, environment_dir: Path | None) -> Iterator[Path]:
    """The project's own ``.venv`` if it has one, else a temporary environment."""
    if environment_dir is not None:
        yield environment_dir
    elif (project / ".venv").is_dir():
        yield project / ".venv"
    else:
        with tempfile.TemporaryDirectory(prefix="scaffold-check-") as temporary:
            yield Path(temporary) / "venv"


def _timed(name: str, action: Callable[[], str]) -> Step:
    started = time.perf_counter()
    try:
        detail = action()
    except (CheckFailedError, EnvironmentSetupError) as exc:
        return Step(name, False, str(exc), time.perf_counter() - started)
    return Step(name, True, detail, time.perf_counter() - started)


def _install(env_path: Path, project: Path) -> str:
    environment = environments.create(env_path)
    # pip and uv only warn about an extra a project lacks; the servers are then added by name.
    extras = ",".join(environments.CHECK_EXTRAS)
    environments.install(environment, ["-e", f".[{extras}]"], cwd=project)
    missing = [name for name in PRODUCTION_SERVERS if not environment.script(name).exists()]
    if missing:
        environments.install(environment, [SERVER_PACKAGES[name] for name in missing])
    return f"installed into {env_path}"


def _build(
    environment: environments.Environment, framework: registry.Framework, project: Path
) -> str:
    """Run the template's build commands in a shell, the environment's scripts first on PATH."""
    path = os.pathsep.join([str(environment.python.parent), os.environ.get("PATH", "")])
    for command in framework.build_commands:
        _one_off(["sh", "-c", command], project, env={"PATH": path}, shown=command)
    return f"ran {len(framework.build_commands)} build command(s)"


def _migrate(command: list[str], project: Path) -> str:
    _one_off(command, project, shown=" ".join(["python", *command[1:]]))
    return "the schema is up to date"


def _one_off(
    command: list[str], project: Path, *, shown: str, env: dict[str, str] | None = None
) -> None:
    """Run a one-off command of the project (migrate, a build step); its failure in full."""
    processes.run(
        command, error=CheckFailedError, cwd=project, timeout=MIGRATE_TIMEOUT, env=env, shown=shown
    )


def _run_tests(environment: environments.Environment, project: Path) -> str:
    run = environments.run_tests(environment, project)
    if not run.passed:
        # pytest's short summary names each failing test; the full report is a
        # 'pytest' away in the project.
        failures = [line for line in run.lines if line.startswith(("FAILED ", "ERROR "))]
        shown = [*failures[:20], run.summary] if failures else run.lines[-30:]
        raise CheckFailedError("\n".join(shown))
    return run.summary


@dataclass(frozen=True)
class Server:
    """One way to serve the project, and how much of the contract to check under it."""

    name: str
    command: tuple[str, ...]
    scope: conformance.Scope = "full"
    workers: bool = False
    skipped: str = ""


def servers_for(
    environment: environments.Environment,
    recorded: answers.Answers,
    framework: registry.Framework,
) -> list[Server]:
    """The project's own run command and the two production servers its README shows."""
    one_process = framework.serves_one_process(recorded.answers)
    return [
        Server("run", (str(environment.python), "-m", recorded.package_name), scope="routes"),
        Server(
            "wsgi",
            (str(environment.script("waitress-serve")), "--listen=127.0.0.1:{port}", APP),
        ),
        Server(
            "gunicorn",
            (str(environment.script("gunicorn")), "-w", "2", "--bind", "127.0.0.1:{port}", APP),
            workers=True,
            skipped=(
                "skipped (this project serves one process: "
                + ", ".join(f"{k}={v}" for k, v in framework.one_process_when.items())
                + ")"
                if one_process
                else ""
            ),
        ),
    ]


def _probe(server: Server, project: Path, expected: conformance.Expectation) -> list[Step]:
    """Serve the project as ``server`` says and run the conformance checks against it.

    When a check fails with a server error or a broken connection, the server's
    last lines of output (a traceback, often) are added to the first such failure.
    """
    port = servers.free_port()
    command = [part.replace("{port}", str(port)) for part in server.command]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        try:
            with servers.serving(command, project, port=port, output=output) as base_url:
                results = conformance.run(
                    base_url, expected, scope=server.scope, workers=server.workers
                )
        except ServerStartError as exc:
            return [Step(f"{server.name}: start", False, str(exc), time.perf_counter() - started)]
        said = servers.tail(output)
    steps = [
        Step(f"{server.name}: {result.name}", result.passed, result.detail, result.seconds)
        for result in results
    ]
    first = next((i for i, s in enumerate(steps) if SERVER_FAULT.search(s.detail)), None)
    if first is not None and said:
        shown = "\n".join(["", f"{server.name} said (last lines):", *said])
        steps[first] = dataclasses.replace(steps[first], detail=steps[first].detail + shown)
    return steps
