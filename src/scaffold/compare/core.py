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

import tempfile
from collections.abc import Callable, Iterable, Mapping
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
) -> Comparison:
    """Generate and examine each framework's skeleton; measure them too if asked.

    ``progress`` is called as ``(done, total, label)`` after every step, for a
    progress bar. ``runs`` and ``seconds`` override the measurement's defaults.
    ``concepts`` narrows the concepts shown side by side to those named.
    """
    from .concepts import CONCEPTS

    chosen = tuple(name for name in CONCEPTS if name in set(concepts))
    frameworks = list(frameworks)
    entries: list[Entry] = []
    machine = None
    settings: dict[str, Any] = {}
    per_framework = 1
    if measure:
        from . import measure as measuring

        machine = measuring.machine()
        options = measuring.Options.default(runs=runs, seconds=seconds)
        settings = options.as_dict()
        per_framework += len(measuring.STEPS)
    done = 0
    total = per_framework * len(frameworks)

    def tell(label: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, label)

    with tempfile.TemporaryDirectory(prefix="scaffold-compare-") as temporary:
        for framework in frameworks:
            project = generator.generate(
                framework, PROJECT_NAME, Path(temporary) / framework.key, record=False
            )
            skeleton = examine(framework, project.path, project.names.package)
            tell(f"{framework.key}: skeleton")
            measurement = None
            if measure:
                measurement = measuring.measure(
                    framework, project.path, options=options, progress=tell
                )
            entries.append(Entry(skeleton, measurement))
    return Comparison(entries=tuple(entries), machine=machine, settings=settings, concepts=chosen)


def concept(framework: Framework, name: str) -> ConceptCode | None:
    """The code of one concept in ``framework``'s generated starter, or None if it maps none."""
    with tempfile.TemporaryDirectory(prefix="scaffold-concept-") as temporary:
        project = generator.generate(
            framework, PROJECT_NAME, Path(temporary) / framework.key, record=False
        )
        found = concepts_of(framework, project.path, project.names.package, names=[name])
    return found[0] if found else None
