"""Measure a generated skeleton: install it, test it, start it, load it with requests.

Each skeleton is installed into a cached environment (`environment_cache`); every
figure is measured again, by `measure_child` run with the environment's own Python
in fresh processes. Installing and testing time nothing and may run beside another
skeleton's (`install`); the timed figures are measured alone (`timed`).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import platform
import statistics
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..contract import COMPARED_ROUTES, route_path
from ..errors import EnvironmentSetupError, MeasureError
from ..names import derive
from ..registry import Framework
from ..runtime import environments, processes
from . import measure_child
from .environment_cache import cached_environment

# The steps of one skeleton: the first three time nothing and may run side by side
# with another skeleton's; the timed ones run alone.
INSTALL_STEPS = ("environment", "install", "tests")
TIMED_STEPS = ("start", "requests")
STEPS = INSTALL_STEPS + TIMED_STEPS
# The URL paths whose requests per second are measured.
PATHS = tuple(route_path(name) for name in COMPARED_ROUTES)
PROBE_TIMEOUT = 600


@dataclass(frozen=True)
class Options:
    """How much to measure: start-up runs per skeleton, seconds of requests per path, and
    whether each project's own tests run (most of the time a measurement takes)."""

    runs: int = 5
    seconds: float = 1.0
    tests: bool = True

    @classmethod
    def default(
        cls, runs: int | None = None, seconds: float | None = None, tests: bool = True
    ) -> Options:
        return cls(runs=runs or cls.runs, seconds=seconds or cls.seconds, tests=tests)

    def as_dict(self) -> dict[str, Any]:
        return {"start_runs": self.runs, "request_seconds": self.seconds, "tests": self.tests}


@dataclass(frozen=True)
class Machine:
    """Where the figures were measured: they mean little without it."""

    system: str
    machine: str
    cpu: str
    cpus: int
    python: str
    implementation: str
    installer: str
    measured_at: str
    load: float | None = None  # 1-minute load average when measuring began: other work skews it


@dataclass(frozen=True)
class Measurement:
    """The measured figures of one skeleton. ``None`` means it could not be measured."""

    environment: str  # the cache key of the virtual environment
    reused: bool  # the environment came from the cache
    runtime: tuple[tuple[str, str, int], ...] = ()  # (name, version, bytes) the app needs
    installed: tuple[str, ...] = ()  # every distribution in the environment, name==version
    environment_bytes: int | None = None
    start_seconds: tuple[float, ...] = ()
    rss_bytes: int | None = None
    requests_per_second: Mapping[str, float | None] = field(default_factory=dict)
    tests_passed: bool | None = None
    tests_summary: str = ""
    errors: tuple[str, ...] = ()

    @property
    def distributions(self) -> int:
        return len(self.runtime)

    @property
    def runtime_bytes(self) -> int:
        return sum(size for _name, _version, size in self.runtime)

    @property
    def cold_start(self) -> float | None:
        return statistics.median(self.start_seconds) if self.start_seconds else None


def machine() -> Machine:
    """The machine, Python and installer that measure."""
    uv = environments.uv_path()
    installer = "pip"
    if uv:
        with contextlib.suppress(OSError):
            installer = processes.capture([uv, "--version"], timeout=30).stdout.strip() or "uv"
    return Machine(
        system=f"{platform.system()} {platform.release()}",
        machine=platform.machine(),
        cpu=_cpu_model(),
        cpus=os.cpu_count() or 1,
        python=platform.python_version(),
        implementation=platform.python_implementation(),
        installer=installer,
        measured_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        load=os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    )


@dataclass
class Installed:
    """A skeleton installed in its environment and tested: what its timed figures need.

    What the first phase found is kept here for the second: the distributions, the
    tests' verdict and any error so far.
    """

    project: Path
    environment: environments.Environment
    key: str
    reused: bool
    dists: Mapping[str, Any]
    tests: environments.TestRun | None  # None: not run (``Options.tests``)
    errors: list[str] = field(default_factory=list)


def measure(
    framework: Framework,
    project: Path,
    *,
    options: Options | None = None,
    progress: Callable[[str], None] | None = None,
) -> Measurement:
    """Install, test and measure the generated ``project``; failures become ``errors``."""
    tell = Steps(framework.label, progress)
    with install(framework, project, tell, tests=(options or Options()).tests) as done:
        if isinstance(done, Measurement):
            tell.finish(STEPS)
            return done
        return timed(framework, done, options, tell)


class Steps:
    """Tells each step of one skeleton's measurement once, in order, for a progress bar.

    A step that failed, or was never reached, is still told at the end (`finish`), so
    the bar always moves by `STEPS` per skeleton.
    """

    def __init__(self, label: str, progress: Callable[[str], None] | None) -> None:
        self.label, self.progress, self.told = label, progress, 0

    def __call__(self, step: str) -> None:
        self.told += 1
        if self.progress is not None:
            self.progress(f"{self.label}: {step}")

    def finish(self, steps: Sequence[str]) -> None:
        for step in steps[self.told :]:
            self(step)


@contextlib.contextmanager
def install(
    framework: Framework, project: Path, tell: Steps, *, tests: bool = True
) -> Iterator[Installed | Measurement]:
    """The first phase, which times nothing: the environment, the install, the tests
    (unless ``tests`` is false: the verdict is then None, "not run").

    Yields what the timed phase needs, holding the cached environment until it ends;
    or, when a step failed, the `Measurement` that says so. Several skeletons may be in
    this phase at once, each in its own environment.
    """
    held = contextlib.ExitStack()
    try:
        environment, key, reused = held.enter_context(cached_environment(project))
        tell("environment")
        environments.install(environment, ["--no-deps", "-e", str(project)])
        if framework.is_full_stack:
            # As a deployment does: the schema first, then the servers.
            package = derive(project.name).package
            _run([str(environment.python), "-m", package, "migrate"], project, "migrate")
        tell("install")
        dists = _in_child(environment, project, ["distributions", project.name])
        verdict = environments.run_tests(environment, project) if tests else None
        tell("tests")
    except (EnvironmentSetupError, MeasureError) as exc:
        held.close()
        tell.finish(INSTALL_STEPS)
        yield Measurement(environment="", reused=False, errors=(str(exc),))
        return
    with held:
        failed = verdict is not None and not verdict.passed
        errors = [f"tests failed: {verdict.summary}"] if verdict and failed else []
        yield Installed(project, environment, key, reused, dists, verdict, errors)


def timed(
    framework: Framework,
    installed: Installed,
    options: Options | None,
    tell: Steps,
) -> Measurement:
    """The second phase: cold start, memory and requests, with nothing else measuring.

    ``framework`` may be the view of one interface of a starter that offers two
    (`Framework.as_interface`): its requests go through that interface.
    """
    options = options or Options()
    errors = list(installed.errors)
    environment, project = installed.environment, installed.project
    starts: list[float] = []
    rss: list[int] = []
    try:
        for run in range(options.runs + 1):  # the first run compiles bytecode: not counted
            arguments = ["start", str(project), *_entry(framework)]
            figures = _in_child(environment, project, arguments)
            if run:
                starts.append(figures["seconds"])
                rss.append(figures["rss_bytes"])
    except MeasureError as exc:
        errors.append(str(exc))
    tell("start")
    rates: dict[str, float | None] = {}
    try:
        interface, entry = _entry(framework)
        for result in requests_per_second(
            environment, project, entry, options.seconds, PATHS, interface=interface
        ):
            rates[result["path"]] = result["rps"]
            if result["rps"] is None:
                errors.append(f"GET {result['path']} answered {result['status']}")
    except MeasureError as exc:
        errors.append(str(exc))
    tell("requests")
    dists = installed.dists
    return Measurement(
        environment=installed.key,
        reused=installed.reused,
        runtime=tuple((d["name"], d["version"], d["bytes"]) for d in dists["runtime"]),
        installed=tuple(dists["installed"]),
        environment_bytes=_tree_bytes(environment.path),
        start_seconds=tuple(starts),
        rss_bytes=int(statistics.median(rss)) if rss else None,
        requests_per_second=rates,
        tests_passed=installed.tests.passed if installed.tests else None,
        tests_summary=installed.tests.summary if installed.tests else "not run",
        errors=tuple(errors),
    )


def requests_per_second(
    environment: environments.Environment,
    folder: Path,
    entry: str,
    seconds: float,
    paths: tuple[str, ...] = PATHS,
    *,
    interface: str,
) -> list[dict[str, Any]]:
    """``GET`` each path of the application ``entry`` (``module:attr`` importable from
    ``folder``, speaking ``interface``) for ``seconds`` of CPU time, in process, in a fresh
    process of the environment's Python.

    One result per path: ``{"path", "status", "rps"}``, ``rps`` None when it failed.
    """
    arguments = ["requests", str(folder), interface, entry, str(seconds), *paths]
    results: list[dict[str, Any]] = _in_child(environment, folder, arguments)["requests"]
    return results


def _entry(framework: Framework) -> tuple[str, str]:
    """The interface a skeleton is measured through (its first), and its entry point."""
    return next(iter(framework.interface.items()))


def _in_child(environment: environments.Environment, project: Path, arguments: list[str]) -> Any:
    """Run `measure_child` with the environment's Python in a fresh process; its JSON result."""
    command = [str(environment.python), "-I", measure_child.__file__, *arguments]
    output = _run(command, project, f"measure ({arguments[0]})")
    for line in reversed(output.splitlines()):
        if line.startswith(measure_child.PREFIX):
            return json.loads(line[len(measure_child.PREFIX) :])
    raise MeasureError(f"The {arguments[0]} measurement gave no result:\n{output[-1500:]}")


def _run(command: list[str], cwd: Path, what: str) -> str:
    """Run a step of the measurement; its failure says which step it was."""
    try:
        return processes.run(command, error=MeasureError, cwd=cwd, timeout=PROBE_TIMEOUT)
    except MeasureError as exc:
        raise MeasureError(f"Could not {what}: {exc}") from None


def _tree_bytes(root: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()
