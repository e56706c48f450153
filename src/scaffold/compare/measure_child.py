"""The measurement child: figures taken inside a generated project's virtual environment.

`measure` runs this file as a script with the environment's own Python, in a
fresh process for every figure, so nothing of scaffold is loaded or warm.
Standard library only (``packaging`` is used when the environment has it).
Each mode prints one JSON line prefixed by ``RESULT:`` on stdout::

    python -I measure_child.py start PROJECT INTERFACE MODULE:ATTR
    python -I measure_child.py requests PROJECT INTERFACE MODULE:ATTR SECONDS PATH [PATH ...]
    python -I measure_child.py distributions PROJECT_DISTRIBUTION

Requests go through the interface's in-process driver from scaffold's
``runtime/interfaces.py`` (loaded by its path: this child imports no package).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from typing import Any

PREFIX = "RESULT:"


def load(project: str, entry: str) -> tuple[Callable[..., Any], float]:
    """Import the application named by ``module:attr`` from ``project``; time it."""
    sys.path.insert(0, project)
    os.chdir(project)
    module_name, _, attribute = entry.partition(":")
    started = time.perf_counter()
    application = getattr(importlib.import_module(module_name), attribute or "application")
    return application, time.perf_counter() - started


def resident_bytes() -> int:
    """The process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def driver(interface: str, application: Callable[..., Any]) -> Any:
    """The in-process driver of ``interface`` for ``application`` (see runtime/interfaces.py)."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "runtime", "interfaces.py")
    spec = importlib.util.spec_from_file_location("scaffold_interfaces", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module.INTERFACES[interface].driver(application)


def requests_per_second(driver: Any, path: str, seconds: float) -> dict[str, Any]:
    """Send ``GET path`` for ``seconds`` of CPU time; the rate, or the failing status."""
    call = driver.get
    try:
        status = call(path)
    except Exception as exc:  # the application's own error: report it, measure the rest
        return {"path": path, "status": f"an error ({type(exc).__name__}: {exc})", "rps": None}
    if not status.startswith("200"):
        return {"path": path, "status": status, "rps": None}
    for _ in range(20):  # warm up caches the first requests fill
        call(path)
    # CPU time of this process, not wall time: on a shared machine the time spent
    # waiting for a core says nothing about the code under test.
    count = 0
    started = time.process_time()
    deadline = started + seconds
    while True:
        call(path)
        count += 1
        now = time.process_time()
        if now >= deadline:
            break
    return {"path": path, "status": status, "rps": count / (now - started)}


def distributions(root: str) -> dict[str, Any]:
    """Every installed distribution, and the runtime closure of ``root`` with sizes."""
    from importlib import metadata

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    installed: dict[str, Any] = {}
    for dist in metadata.distributions():
        if dist.metadata["Name"]:
            installed.setdefault(norm(dist.metadata["Name"]), dist)
    needed: dict[str, set[str]] = {}
    queue: list[tuple[str, set[str]]] = [(norm(root), set())]
    while queue:
        name, extras = queue.pop()
        if name not in installed or (name in needed and extras <= needed[name]):
            continue
        needed[name] = needed.get(name, set()) | extras
        queue.extend(_requirements(installed[name], needed[name]))
    runtime = []
    for name in sorted(needed):
        if name == norm(root):
            continue
        dist = installed[name]
        size = 0
        for file in dist.files or ():
            located = file.locate()
            if os.path.isfile(located):
                size += os.path.getsize(located)
        runtime.append({"name": dist.metadata["Name"], "version": dist.version, "bytes": size})
    everything = sorted(
        f"{dist.metadata['Name']}=={dist.version}"
        for name, dist in installed.items()
        if name != norm(root)
    )
    return {"runtime": runtime, "installed": everything}


def _packaging_requirement() -> Callable[[str], Any] | None:
    """``packaging``'s Requirement class when the environment has it (most do), else None."""
    try:
        import importlib

        return getattr(importlib.import_module("packaging.requirements"), "Requirement", None)
    except ImportError:
        return None


def _requirements(dist: Any, extras: set[str]) -> list[tuple[str, set[str]]]:
    """The requirements of ``dist`` that apply here, with the extras they ask for."""
    parse: Callable[[str], Any] | None = _packaging_requirement()
    wanted = extras | {""}
    found: list[tuple[str, set[str]]] = []
    for line in dist.requires or ():
        if parse is not None:
            requirement = parse(line)
            marker = requirement.marker
            if marker and not any(marker.evaluate({"extra": extra}) for extra in wanted):
                continue
            found.append((requirement.name, set(requirement.extras)))
            continue
        spec, _, marker_text = line.partition(";")
        extra_match = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker_text)
        if extra_match and extra_match.group(1) not in extras:
            continue
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?", spec)
        if match:
            asked = {part.strip() for part in (match.group(2) or "").split(",") if part.strip()}
            found.append((match.group(1), asked))
    return [(re.sub(r"[-_.]+", "-", name).lower(), asked) for name, asked in found]


def main(argv: list[str]) -> dict[str, Any]:
    mode = argv[0]
    if mode == "distributions":
        return distributions(argv[1])
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # whatever the application prints stays out of the result
    try:
        project, interface, entry = argv[1:4]
        application, seconds = load(project, entry)
        if mode == "start":
            return {"seconds": seconds, "rss_bytes": resident_bytes()}
        duration = float(argv[4])
        calls = driver(interface, application)
        try:
            return {"requests": [requests_per_second(calls, p, duration) for p in argv[5:]]}
        finally:
            calls.close()
    finally:
        sys.stdout = real_stdout


if __name__ == "__main__":
    print(PREFIX + json.dumps(main(sys.argv[1:])), flush=True)
