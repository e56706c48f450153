"""How the benchmark suite measures: fresh processes, A and B interleaved, CPU-time ratios.

Shared machines drift, so no figure stands alone: each is the median of the
pairwise ratios of A against a reference B run in turn with it (A B A B ...).
The verdict is judged on CPU time, which other jobs on the machine disturb far
less than wall time; wall time is shown beside it.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scaffold.compare.render_text import table


@dataclass(frozen=True)
class Sample:
    """One measured run: its main figure (seconds, or requests per CPU second) and its CPU time."""

    value: float
    cpu: float | None = None


@dataclass
class Result:
    """One benchmark: what was compared, the medians, the ratios and the verdict."""

    name: str
    a: str
    b: str
    a_median: float
    b_median: float
    ratio: float | None  # judged: the CPU-time ratio where there is one
    bound: str
    holds: bool | None
    unit: str = "s"
    runs: int = 0
    wall_ratio: float | None = None
    notes: list[str] = field(default_factory=list)


def timed(
    command: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> Sample:
    """Wall and CPU time of one run of ``command`` in a fresh process; fails if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(
        list(command), cwd=cwd, env=env, capture_output=True, stdin=subprocess.DEVNULL
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Sample(wall, cpu)


def paired(
    run_a: Callable[[int], Sample], run_b: Callable[[int], Sample], runs: int
) -> tuple[list[Sample], list[Sample]]:
    """Interleave A and B after one warm-up each; return both series."""
    run_a(-1), run_b(-1)
    a_samples, b_samples = [], []
    for i in range(runs):
        a_samples.append(run_a(i))
        b_samples.append(run_b(i))
    return a_samples, b_samples


def ratio_result(
    name: str,
    a: str,
    b: str,
    a_samples: list[Sample],
    b_samples: list[Sample],
    bound: float,
    *,
    higher_is_better: bool = False,
    unit: str = "s",
) -> Result:
    """Medians of A and B and the median of their pairwise ratios, judged against ``bound``.

    For timed commands the judged ratio is CPU time over CPU time, and the wall
    ratio is kept beside it; for request rates (already per CPU second) the
    values themselves are the ratio.
    """
    pairs = list(zip(a_samples, b_samples, strict=True))
    value_ratio = statistics.median(x.value / y.value for x, y in pairs)
    cpu_ratio = None
    if unit == "s" and all(x.cpu and y.cpu for x, y in pairs):
        cpu_ratio = statistics.median(x.cpu / y.cpu for x, y in pairs)  # type: ignore[operator]
    judged = cpu_ratio if cpu_ratio is not None else value_ratio
    holds = judged >= bound if higher_is_better else judged <= bound
    sign = ">=" if higher_is_better else "<="
    return Result(
        name,
        a,
        b,
        statistics.median(x.value for x in a_samples),
        statistics.median(y.value for y in b_samples),
        judged,
        f"{'cpu ' if cpu_ratio is not None else ''}ratio {sign} {bound}",
        holds,
        unit,
        len(pairs),
        wall_ratio=value_ratio if cpu_ratio is not None else None,
    )


HEADER = ("benchmark", "A median", "B median", "ratio", "wall ratio", "bound", "holds")


def row(result: Result) -> tuple[str, ...]:
    """One result as table cells."""

    def shown(value: float) -> str:
        if not value:
            return "-"
        return f"{value:,.0f}" if result.unit == "req/s" else f"{value * 1000:.0f} ms"

    notes = f" ({'; '.join(result.notes)})" if result.notes else ""
    return (
        result.name,
        shown(result.a_median),
        shown(result.b_median),
        f"{result.ratio:.2f}" if result.ratio is not None else "-",
        f"{result.wall_ratio:.2f}" if result.wall_ratio is not None else "-",
        result.bound,
        {True: "yes", False: "NO", None: "-"}[result.holds] + notes,
    )


def report(result: Result) -> Result:
    """Print ``result`` as soon as it is measured, so a stopped run keeps what it measured."""
    cells = row(result)
    print("  ".join(cells), flush=True)
    sys.stdout.flush()
    return result


def results_table(results: list[Result]) -> str:
    """Every result, aligned, for the end of a run."""
    return table(list(HEADER), [list(row(result)) for result in results], numeric_from=99)
