"""Verify a generated project: install it, run its tests, serve it, probe the contract.

The same steps run in the end-to-end tests of every template and behind
`scaffold check`, so a learner who changed a starter sees what a CI job sees.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import answers, conformance, environments, registry, servers
from .errors import CheckFailedError


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


def expectation_for(project: Path) -> tuple[answers.Answers, conformance.Expectation]:
    """What the contract expects of ``project``, from its answers file and template."""
    recorded = answers.read(project)
    framework = registry.get(recorded.framework)
    return recorded, conformance.Expectation(
        framework=framework.key,
        project_name=recorded.project_name,
        full_stack=framework.is_full_stack,
        csrf=bool(framework.features.get("csrf")),
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
    recorded, expected = expectation_for(project)
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
            for server, command in _server_commands(environment, recorded.package_name):
                for step in _probe(server, command, project, expected):
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
    except CheckFailedError as exc:
        return Step(name, False, str(exc), time.perf_counter() - started)
    return Step(name, True, detail, time.perf_counter() - started)


def _install(env_path: Path, project: Path) -> str:
    environment = environments.create(env_path)
    environments.install(environment, ["-e", ".[test]", "waitress"], cwd=project)
    return f"installed into {env_path}"


def _run_tests(environment: environments.Environment, project: Path) -> str:
    run = environments.run_tests(environment, project)
    if not run.passed:
        # pytest's short summary names each failing test; the full report is a
        # 'pytest' away in the project.
        failures = [line for line in run.lines if line.startswith(("FAILED ", "ERROR "))]
        shown = [*failures[:20], run.summary] if failures else run.lines[-30:]
        raise CheckFailedError("\n".join(shown))
    return run.summary


def _server_commands(
    environment: environments.Environment, package: str
) -> list[tuple[str, list[str]]]:
    """The project's own run command and the production server its README shows."""
    return [
        ("run", [str(environment.python), "-m", package]),
        (
            "wsgi",
            [
                str(environment.script("waitress-serve")),
                "--listen=127.0.0.1:{port}",
                "wsgi:application",
            ],
        ),
    ]


def _probe(
    server: str, command: list[str], project: Path, expected: conformance.Expectation
) -> list[Step]:
    """Serve the project with ``command`` and run the conformance checks against it."""
    port = servers.free_port()
    command = [part.replace("{port}", str(port)) for part in command]
    started = time.perf_counter()
    try:
        with servers.serving(command, project, port=port) as base_url:
            results = conformance.run(base_url, expected)
    except CheckFailedError as exc:
        return [Step(f"{server}: start", False, str(exc), time.perf_counter() - started)]
    return [Step(f"{server}: {result.name}", result.passed, result.detail) for result in results]
