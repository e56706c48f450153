"""Verify a generated project: install it, run its tests, serve it, probe the contract.

The same steps run in the end-to-end tests of every template and behind
`scaffold check`, so a learner who changed a starter sees what a CI job sees:

1. ``install``: the project with its ``test`` and ``deploy`` extras (the production
   servers of its interface are added by name when a project has no ``deploy`` extra);
2. ``tests``: the project's own pytest suite; ``lint``: ``ruff check`` and ``ruff
   format --check`` with the project's own settings;
3. full-stack only, ``migrate`` and ``migrate again``: ``python -m <package> migrate``
   twice, before any server starts (the second run, skipped if the first failed,
   proves it idempotent), then ``admin account`` when the template names the
   command (``_scaffold.admin_account``): an account with a random name and
   password, which the login and logout checks use;
4. ``build``, when the template names build commands (``_scaffold.deploy.build``,
   such as Django's ``collectstatic``): run as a deployment runs them, so the
   production servers serve what they would serve there;
5. the servers, each probed over HTTP by ``conformance``: ``run`` (``python -m
   <package>``, the development server) with the contract's routes only, which
   keeps the suite fast; then each production server of each interface the
   template declares (`runtime.interfaces`: waitress and ``gunicorn -w 2`` for
   WSGI, uvicorn and gunicorn with uvicorn's workers for ASGI) with the whole
   contract, "Safe to deploy" included, and for a server of several processes
   ``workers`` too (a note written through one request is read back on new
   connections, so every worker answers). A project the template says serves one
   process (``_scaffold.one_process_when``, ZODB's FileStorage) skips the servers
   of several processes with a note.

It runs the project's own code (its tests, migrations and servers), so it is
for projects you trust. It works on scratch copies (`runtime.scratch`): the
project is copied to a temporary folder with its SQLite file or FileStorage and
installed into a new environment (a ``.venv`` the project carries is never
run); ``DATABASE_URL`` or ``ZEO_ADDRESS`` set here name the server a scratch
database is made on, or stood in for, and removed after the check (a project's
``.env`` never overrides a variable that is already set).
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import answers, registry
from .errors import CheckFailedError, EnvironmentSetupError, ServerStartError
from .runtime import conformance, environments, interfaces, processes, servers
from .runtime import scratch as scratch_data

# One verification step and its outcome: the shape of a contract check's result, so the
# checks run over HTTP and the steps around them are one list.
Step = conformance.CheckResult


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


Progress = Callable[[Step], None]  # told of each step as it ends
Starting = Callable[[str], None]  # told the name of each step (or server) as it starts
MIGRATE_TIMEOUT = 300
# A failure that the server's own output may explain: a 5xx, a dropped connection.
SERVER_FAULT = re.compile(r"answered 5\d\d|a server error|request failed|connection", re.I)


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
    starting: Starting | None = None,
) -> CheckReport:
    """Install, test, serve and probe ``project``; never raises for a failing step.

    It runs the project's own code, so it is for projects you trust. Everything
    happens on scratch copies (`runtime.scratch`): the project is copied to a
    temporary folder with its data, a server database is stood in for by a scratch
    one, and the environment is a new one (``environment_dir`` in tests): a
    ``.venv`` the project carries is never run. ``progress`` hears of each step as
    it ends, ``starting`` of each step (or server) as it starts.
    """
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

    with tempfile.TemporaryDirectory(prefix="scaffold-check-") as folder:
        scratch = Path(folder)
        copy = _timed("copy", lambda: _copy(project, scratch / project.name))
        env_path = environment_dir or scratch / "venv"
        workspace = Workspace(scratch / project.name, env_path)
        if not copy.passed:
            record(copy)
        elif record(_install_step(workspace, framework, starting)).passed:
            environment = environments.create(env_path)
            with ExitStack() as stack:
                database, settings = _databases(stack, environment, scratch)
                if database.detail:  # worth a line: a server was named, or it failed
                    record(database)
                if settings is not None:
                    workspace = dataclasses.replace(workspace, settings=settings)
                    _verify(workspace, environment, recorded, framework, expected, record, starting)
    return CheckReport(project=project, framework=expected.framework, steps=tuple(steps))


@dataclass(frozen=True)
class Workspace:
    """Where a check works: the project's scratch copy, its environment, database settings."""

    project: Path
    env_path: Path
    settings: Mapping[str, str] = dataclasses.field(default_factory=dict)


def _copy(project: Path, into: Path) -> str:
    try:
        scratch_data.copy_project(project, into)
    except OSError as exc:
        raise CheckFailedError(f"Could not copy {project} to work on: {exc}") from exc
    return "working on a scratch copy; the project and its data are left as they are"


def _databases(
    stack: ExitStack, environment: environments.Environment, scratch: Path
) -> tuple[Step, dict[str, str] | None]:
    """Scratch stand-ins for the servers the environment names, kept open by ``stack``."""
    started = time.perf_counter()
    try:
        settings = stack.enter_context(scratch_data.databases(environment, scratch))
    except EnvironmentSetupError as exc:
        return Step("scratch database", False, str(exc), time.perf_counter() - started), None
    detail = (
        f"made for this check, in place of the server {' and '.join(sorted(settings))} names"
        if settings
        else ""
    )
    return Step("scratch database", True, detail, time.perf_counter() - started), settings


def _install_step(
    workspace: Workspace, framework: registry.Framework, starting: Starting | None
) -> Step:
    servers = [server for interface in _interfaces(framework) for server in interface.servers]
    install = partial(_install, workspace.env_path, workspace.project, servers)
    return _timed("install", install, starting)


def _verify(
    workspace: Workspace,
    environment: environments.Environment,
    recorded: answers.Answers,
    framework: registry.Framework,
    expected: conformance.Expectation,
    record: Callable[[Step], Step],
    starting: Starting | None = None,
) -> None:
    """The steps after the install: tests, migrations, the admin account, build, servers."""
    project, settings = workspace.project, dict(workspace.settings)
    begin = starting or (lambda name: None)
    record(_timed("tests", lambda: _run_tests(environment, project, settings), begin))
    record(_timed("lint", lambda: _lint(environment, project), begin))
    if expected.full_stack:
        migrate = [str(environment.python), "-m", recorded.package_name, "migrate"]
        if record(_timed("migrate", lambda: _migrate(migrate, project, settings), begin)).passed:
            record(_timed("migrate again", lambda: _migrate(migrate, project, settings), begin))
            if framework.admin_account is not None:
                begin("admin account")
                account, admin = create_admin(
                    environment, recorded, framework.admin_account, project, settings
                )
                record(account)
                expected = dataclasses.replace(expected, admin=admin)
    if framework.build_commands:
        record(_timed("build", lambda: _build(environment, framework, project, settings), begin))
    for server in servers_for(environment, recorded, framework):
        if server.skipped:
            record(Step(f"{server.name}: {server.skipped}", True))
            continue
        begin(server.name)
        for step in _probe(server, project, expected, settings):
            record(step)


def _timed(name: str, action: Callable[[], str], starting: Starting | None = None) -> Step:
    if starting:
        starting(name)
    started = time.perf_counter()
    try:
        detail = action()
    except (CheckFailedError, EnvironmentSetupError) as exc:
        return Step(name, False, str(exc), time.perf_counter() - started)
    return Step(name, True, detail, time.perf_counter() - started)


def _install(env_path: Path, project: Path, servers: Sequence[interfaces.Server] = ()) -> str:
    environment = environments.create(env_path)
    # pip and uv only warn about an extra a project lacks; the servers are then added by name.
    extras = ",".join(environments.CHECK_EXTRAS)
    environments.install(environment, ["-e", f".[{extras}]"], cwd=project)
    missing = [s for s in servers if not environment.script(s.command[0]).exists()]
    packages = sorted({package for server in missing for package in server.packages})
    if packages:
        environments.install(environment, packages)
    return f"installed into {env_path}"


def _interfaces(framework: registry.Framework) -> list[interfaces.Interface]:
    return interfaces.named(list(framework.interface))


def _build(
    environment: environments.Environment,
    framework: registry.Framework,
    project: Path,
    settings: dict[str, str],
) -> str:
    """Run the template's build commands in a shell, the environment's scripts first on PATH."""
    path = os.pathsep.join([str(environment.python.parent), os.environ.get("PATH", "")])
    for command in framework.build_commands:
        _one_off(["sh", "-c", command], project, env={**settings, "PATH": path}, shown=command)
    return f"ran {len(framework.build_commands)} build command(s)"


def _migrate(command: list[str], project: Path, settings: dict[str, str] | None = None) -> str:
    _one_off(command, project, env=settings, shown=" ".join(["python", *command[1:]]))
    return "the schema is up to date"


def create_admin(
    environment: environments.Environment,
    recorded: answers.Answers,
    account: registry.AdminAccount,
    project: Path,
    settings: dict[str, str],
) -> tuple[Step, conformance.Credentials | None]:
    """Create an admin account with the template's command, for the login and logout checks.

    The name and password are random, so no check depends on an account a
    person made; the password reaches the command only as the template says
    (an argument or an environment variable) and is never shown.
    """
    started = time.perf_counter()
    admin = conformance.Credentials(
        f"check{secrets.token_hex(4)}", f"Check-{secrets.token_urlsafe(18)}"
    )
    package = recorded.package_name
    argv, env = account.command(package=package, username=admin.username, password=admin.password)
    shown, _ = account.command(package=package, username=admin.username, password="<password>")
    if argv[0] == "python":
        argv[0] = str(environment.python)
    elif environment.script(argv[0]).exists():
        argv[0] = str(environment.script(argv[0]))
    env["PATH"] = os.pathsep.join([str(environment.python.parent), os.environ.get("PATH", "")])
    try:
        _one_off(argv, project, env={**settings, **env}, shown=" ".join(shown))
    except CheckFailedError as exc:
        return Step("admin account", False, str(exc), time.perf_counter() - started), None
    detail = f"created {admin.username!r} for the login and logout checks"
    return Step("admin account", True, detail, time.perf_counter() - started), admin


def _one_off(
    command: list[str], project: Path, *, shown: str, env: dict[str, str] | None = None
) -> None:
    """Run a one-off command of the project (migrate, a build step); its failure in full."""
    processes.run(
        command, error=CheckFailedError, cwd=project, timeout=MIGRATE_TIMEOUT, env=env, shown=shown
    )


def _lint(environment: environments.Environment, project: Path) -> str:
    """The project's own lint and format check (ruff, from its test extra), as AGENTS.md says."""
    ruff = environment.script("ruff")
    if not ruff.exists():
        raise CheckFailedError(
            "ruff is not installed with the project's test extra; add it there, as the"
            " templates do, so that everyone lints the same way."
        )
    for arguments in (["check", "--no-cache", "."], ["format", "--no-cache", "--check", "."]):
        _one_off([str(ruff), *arguments], project, shown=" ".join(["ruff", *arguments]))
    return "ruff check and ruff format --check are clean"


def _run_tests(
    environment: environments.Environment, project: Path, settings: dict[str, str]
) -> str:
    run = environments.run_tests(environment, project, env=settings)
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
    """The project's own run command, then the production servers of each interface it offers."""
    one_process = framework.serves_one_process(recorded.answers)
    why = ", ".join(f"{k}={v}" for k, v in framework.one_process_when.items())
    found = [Server("run", (str(environment.python), "-m", recorded.package_name), scope="routes")]
    for interface in _interfaces(framework):
        entry = framework.interface[interface.name]
        for server in interface.servers:
            command = [part.replace("{entry}", entry) for part in server.command]
            command[0] = str(environment.script(command[0]))
            skipped = one_process and server.several
            found.append(
                Server(
                    server.name,
                    tuple(command),
                    workers=server.several,
                    skipped=f"skipped (this project serves one process: {why})" if skipped else "",
                )
            )
    return found


def _probe(
    server: Server,
    project: Path,
    expected: conformance.Expectation,
    settings: dict[str, str] | None = None,
) -> list[Step]:
    """Serve the project as ``server`` says and run the conformance checks against it.

    When a check fails with a server error or a broken connection, the server's
    last lines of output (a traceback, often) are added to the first such failure.
    """
    port = servers.free_port()
    command = [part.replace("{port}", str(port)) for part in server.command]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        try:
            serving = servers.serving(command, project, port=port, env=settings, output=output)
            with serving as base_url:
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
