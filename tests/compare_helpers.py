"""Helpers for the tests of `scaffold.compare`: made-up measurements, to render without installs."""

from __future__ import annotations

from scaffold.compare import measure
from scaffold.compare.core import Comparison, Entry


def entry_of(comparison: Comparison, key: str) -> Entry:
    return next(entry for entry in comparison.entries if entry.skeleton.key == key)


def fake_measured(comparison: Comparison) -> Comparison:
    """The comparison with made-up measurements, to render every chart without installing."""
    entries = []
    for index, entry in enumerate(comparison.entries, start=1):
        figures = measure.Measurement(
            environment=f"env{index}",
            reused=True,
            runtime=tuple((f"dist{n}", "1.0", 100_000 * index) for n in range(index)),
            installed=("pytest==8.0",),
            environment_bytes=5_000_000 * index,
            start_seconds=(0.05 * index, 0.06 * index),
            rss_bytes=20_000_000 + 1_000_000 * index,
            requests_per_second={"/health": 1000.0 * index, "/": None if index == 2 else 500.0},
            tests_passed=index != 3,
            tests_summary="1 passed",
            errors=("GET / answered 500 Internal Server Error",) if index == 2 else (),
        )
        entries.append(Entry(entry.skeleton, figures))
    machine = measure.Machine("Linux 6", "x86_64", "CPU", 2, "3.11.7", "CPython", "uv", "now")
    return Comparison(
        tuple(entries), machine=machine, settings={"start_runs": 2, "request_seconds": 0.1}
    )
