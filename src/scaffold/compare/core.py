"""Compare frameworks by their generated skeletons, side by side.

`compare` generates each framework's starter into a temporary directory and
reads the static figures off it: files, lines, the file tree, the batteries the
template declares, its WSGI entry, the code of the same two routes and of each
concept the template maps (`concepts`), and its claims. With ``measure=True`` it
also hands each skeleton to `measure` (installs, start-up, memory, requests per
second, the project's tests). Everything comes from the
templates and their metadata; nothing here knows a framework by name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__, generator
from ..registry import Framework
from .concepts import ConceptCode
from .skeleton import Skeleton, concepts_of, examine

if TYPE_CHECKING:
    from .measure import Machine, Measurement

PROJECT_NAME = "myapp"

# Called as (steps done, steps in all, what was just done) after every step.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Entry:
    """One framework in a comparison: its skeleton and, if asked for, its measurement."""

    skeleton: Skeleton
    measurement: Measurement | None = None


@dataclass(frozen=True)
class Comparison:
    """What `compare` returns: one entry per framework, in the order asked for."""

    entries: tuple[Entry, ...]
    scaffold_version: str = __version__
    machine: Machine | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    # The concepts asked for (``--concept``), in lesson order; empty for every one.
    concepts: tuple[str, ...] = ()

    @property
    def measured(self) -> bool:
        return self.machine is not None


def compare(
    frameworks: Iterable[Framework],
    *,
    measure: bool = False,
    progress: Progress | None = None,
    runs: int | None = None,
    seconds: float | None = None,
    concepts: Iterable[str] = (),
    run_tests: bool = True,
) -> Comparison:
    """Generate and examine each framework's skeleton; measure them too if asked.

    ``progress`` is called as ``(done, total, label)`` after every step, for a
    progress bar. ``runs`` and ``seconds`` override the measurement's defaults.
    ``concepts`` narrows the concepts shown side by side to those named.
    ``run_tests=False`` measures without running each project's own tests.
    """
    from .concepts import CONCEPTS

    chosen = tuple(name for name in CONCEPTS if name in set(concepts))
    frameworks = list(frameworks)
    machine = None
    settings: dict[str, Any] = {}
    if measure:
        from . import measure as measuring

        machine = measuring.machine()
        options = measuring.Options.default(runs=runs, seconds=seconds, tests=run_tests)
        settings = options.as_dict()
    # The views of one template (falcon:wsgi, falcon:asgi) share its project.
    templates = list(dict.fromkeys(framework.key for framework in frameworks))
    total = len(frameworks)
    if measure:
        total += len(templates) * len(measuring.INSTALL_STEPS)
        total += len(frameworks) * len(measuring.TIMED_STEPS)
    tell = _Counter(total, progress)

    with tempfile.TemporaryDirectory(prefix="scaffold-compare-") as temporary:
        projects: dict[str, generator.GeneratedProject] = {}
        skeletons = []
        for framework in frameworks:
            if framework.key not in projects:
                folder = Path(temporary) / framework.key
                projects[framework.key] = generator.generate(
                    framework, PROJECT_NAME, folder, record=False
                )
            project = projects[framework.key]
            skeletons.append(examine(framework, project.path, project.names.package))
            tell(f"{framework.label}: skeleton")
        measurements: list[Measurement | None] = [None] * len(frameworks)
        if measure:
            first: dict[str, Framework] = {}
            for framework in frameworks:  # a template is installed as its first view
                first.setdefault(framework.key, framework)
            paths = {key: project.path for key, project in projects.items()}
            measurements = list(measuring_all(frameworks, first, paths, options=options, tell=tell))
    entries = tuple(Entry(s, m) for s, m in zip(skeletons, measurements, strict=True))
    return Comparison(entries=entries, machine=machine, settings=settings, concepts=chosen)


class _Counter:
    """Counts the steps done and tells ``progress``; safe to call from several threads."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.done, self.total, self.progress = 0, total, progress
        self.lock = threading.Lock()

    def __call__(self, label: str) -> None:
        with self.lock:
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total, label)


def measuring_all(
    frameworks: list[Framework],
    first: Mapping[str, Framework],
    projects: Mapping[str, Path],
    *,
    options: Any,
    tell: Callable[[str], None],
) -> list[Measurement]:
    """Measure every skeleton in two phases, so the suites never disturb a timed figure.

    First every template's project is installed and tested, side by side (one per
    core: none of it is timed); then each framework's cold start, memory and requests
    are measured one at a time, with nothing else of scaffold's running.
    """
    from . import measure as measuring

    with contextlib.ExitStack() as held:

        def install(key: str) -> tuple[contextlib.ExitStack, Any]:
            stack = contextlib.ExitStack()
            steps = measuring.Steps(first[key].label, tell)
            installing = measuring.install(first[key], projects[key], steps, tests=options.tests)
            return stack, stack.enter_context(installing)

        workers = max(1, min(len(first), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="scaffold-install") as pool:
            futures = {key: pool.submit(install, key) for key in first}
            try:
                installed = {}
                for key, future in futures.items():
                    stack, installed[key] = future.result()
                    held.enter_context(stack)
            except BaseException:
                # Nothing more starts; what is running finishes (Ctrl-C reaches its
                # children too), and every environment it holds is given back.
                pool.shutdown(wait=True, cancel_futures=True)
                for future in futures.values():
                    if not future.cancelled() and future.exception() is None:
                        future.result()[0].close()
                raise
        results = []
        for framework in frameworks:
            done = installed[framework.key]
            steps = measuring.Steps(framework.label, tell)
            if isinstance(done, measuring.Measurement):
                steps.finish(measuring.TIMED_STEPS)
                results.append(done)
            else:
                results.append(measuring.timed(framework, done, options, steps))
        return results


def concept(framework: Framework, name: str) -> ConceptCode | None:
    """The code of one concept in ``framework``'s generated starter, or None if it maps none."""
    with tempfile.TemporaryDirectory(prefix="scaffold-concept-") as temporary:
        project = generator.generate(
            framework, PROJECT_NAME, Path(temporary) / framework.key, record=False
        )
        found = concepts_of(framework, project.path, project.names.package, names=[name])
    return found[0] if found else None
