"""A comparison as JSON, with stable keys for scripts: the one place that names them."""

from __future__ import annotations

import json
from typing import Any

from . import view_claims
from .core import Comparison, Entry
from .measure import PATHS, Machine, Measurement


def compare_data(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data with stable keys."""
    return {
        "scaffold_version": comparison.scaffold_version,
        "measured": comparison.measured,
        "machine": _machine_data(comparison.machine),
        "settings": dict(comparison.settings),
        "concepts_asked": list(comparison.concepts),
        "frameworks": [_entry_data(e, comparison.concepts) for e in comparison.entries],
        "claims": [
            {
                "framework": row.framework,
                "claim": row.claim,
                "verdict": row.verdict,
                "evidence": row.evidence,
                "behind": row.behind,
            }
            for row in view_claims.rows(comparison)
        ],
    }


def _machine_data(machine: Machine | None) -> dict[str, Any] | None:
    if machine is None:
        return None
    return {
        "system": machine.system,
        "machine": machine.machine,
        "cpu": machine.cpu,
        "cpus": machine.cpus,
        "python": machine.python,
        "implementation": machine.implementation,
        "installer": machine.installer,
        "measured_at": machine.measured_at,
        "load_average": machine.load,
    }


def _entry_data(entry: Entry, comparison_concepts: tuple[str, ...] = ()) -> dict[str, Any]:
    skeleton = entry.skeleton
    return {
        "key": skeleton.key,
        "title": skeleton.title,
        "category": skeleton.category,
        "dependencies": list(skeleton.dependencies),
        "interface": dict(skeleton.interface),
        "files": skeleton.files,
        "python_lines": skeleton.python_lines,
        "python_code_lines": skeleton.python_code_lines,
        "template_lines": skeleton.template_lines,
        "tree": list(skeleton.tree),
        "paths": list(skeleton.paths),
        "batteries": dict(skeleton.batteries),
        "routes": {
            code.route: {
                "path": code.path,
                "file": code.file,
                "first_line": code.first_line,
                "language": code.language,
                "code": code.code,
            }
            for code in skeleton.routes
        },
        "concepts": {
            code.concept: {
                "file": code.file,
                "anchor": code.anchor,
                "first_line": code.first_line,
                "language": code.language,
                "code": code.code,
                "problem": code.problem,
            }
            for code in skeleton.concepts
            if not comparison_concepts or code.concept in comparison_concepts
        },
        "measurement": _measurement_data(entry.measurement),
    }


def _measurement_data(measurement: Measurement | None) -> dict[str, Any] | None:
    if measurement is None:
        return None
    return {
        "environment": measurement.environment,
        "environment_reused": measurement.reused,
        "distributions": measurement.distributions,
        "runtime": [
            {"name": name, "version": version, "bytes": size}
            for name, version, size in measurement.runtime
        ],
        "runtime_bytes": measurement.runtime_bytes,
        "environment_bytes": measurement.environment_bytes,
        "installed": list(measurement.installed),
        "cold_start_seconds": measurement.cold_start,
        "start_seconds": list(measurement.start_seconds),
        "rss_bytes": measurement.rss_bytes,
        "requests_per_second": {path: measurement.requests_per_second.get(path) for path in PATHS},
        "tests_passed": measurement.tests_passed,
        "tests_summary": measurement.tests_summary,
        "errors": list(measurement.errors),
    }


def to_json(comparison: Comparison) -> str:
    return json.dumps(compare_data(comparison), indent=2)


render = to_json
