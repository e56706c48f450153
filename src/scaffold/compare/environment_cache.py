"""The cache of measurement environments: one virtual environment per pinned dependency set.

`compare --measure` installs each skeleton into the environment its resolved
dependencies (exact pinned versions) and the Python that runs it call for, so a
second run installs nothing and a new release of any package gives a new
environment. Only environments are cached, never figures. The cache lives in
``$SCAFFOLD_CACHE_DIR``, else ``$XDG_CACHE_HOME/scaffold``, else ``~/.cache/scaffold``,
and is used only when it is the user's own (`scaffold.cache`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .. import cache
from ..errors import MeasureError
from ..runtime import environments, processes

# Written into an environment once everything is installed: a half-built one is rebuilt.
READY = ".scaffold-ready"
RESOLVE_TIMEOUT = 600


def cache_dir() -> Path:
    """Where environments are kept (see the module's docstring)."""
    return cache.root()


def resolve(project: Path) -> list[str]:
    """The project's dependencies and the extras `check` installs, pinned to exact versions.

    The environment is the one `scaffold check` would make: the runtime, the test
    tools and the production servers (the runtime figures count the runtime alone). uv
    resolves them (fast, and exact); without uv the declared requirements are
    used, and the environment's installed versions are reported instead.
    """
    uv = environments.uv_path()
    if uv:
        command = [uv, "pip", "compile", "--quiet", "--no-header", "--no-annotate"]
        command += ["--python", sys.executable]
        for extra in environments.CHECK_EXTRAS:
            command += ["--extra", extra]
        try:
            command.append("pyproject.toml")
            output = processes.run(
                command, error=MeasureError, cwd=project, timeout=RESOLVE_TIMEOUT
            )
        except MeasureError as exc:
            raise MeasureError(f"Could not resolve the dependencies: {exc}") from None
        return [line.strip() for line in output.splitlines() if line.strip()[:1].isalnum()]
    if sys.version_info < (3, 11):  # no tomllib, and no uv to read pyproject.toml
        raise MeasureError("Measuring on Python 3.10 needs uv: pip install uv.")
    import tomllib

    config = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(config.get("dependencies", []))
    for extra in environments.CHECK_EXTRAS:
        declared += config.get("optional-dependencies", {}).get(extra, [])
    return sorted(declared)


def environment_key(requirements: list[str]) -> str:
    """The cache key: the pinned requirements and the exact Python that runs them."""
    identity = {
        "python": sys.version,
        "executable": str(Path(sys.executable).resolve()),
        "platform": platform.platform(),
        "requirements": sorted(requirements),
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:20]


@contextlib.contextmanager
def cached_environment(project: Path) -> Iterator[tuple[environments.Environment, str, bool]]:
    """The cached environment for ``project``'s pinned dependencies, for this caller alone.

    Yields the environment, its key, and whether it was ready before. Anything
    may install ``project`` into it; the project is uninstalled at the end, so
    the cache keeps dependencies only and any project with the same pinned
    dependencies (another rendering of one template, a test) shares it.
    """
    requirements = resolve(project)
    key = environment_key(requirements)
    envs = cache.private_folder("envs")
    if envs is None:  # not the user's own: a throwaway environment instead
        with tempfile.TemporaryDirectory(prefix="scaffold-env-") as folder:
            environment = prepare(Path(folder) / "venv", requirements)
            yield environment, key, False
        return
    with locked(envs / key) as env_path:
        reused = (env_path / READY).is_file()
        environment = prepare(env_path, requirements)
        try:
            yield environment, key, reused
        finally:
            environments.uninstall(environment, project.name)


def prepare(env_path: Path, requirements: list[str]) -> environments.Environment:
    """The cached environment at ``env_path``, created and filled if it is not ready."""
    if (env_path / READY).is_file():
        return environments.create(env_path)
    shutil.rmtree(env_path, ignore_errors=True)  # a half-built one from an interrupted run
    environment = environments.create(env_path)
    requirements_file = env_path / "requirements.txt"
    requirements_file.write_text("\n".join(requirements) + "\n", encoding="utf-8")
    environments.install(environment, ["-r", str(requirements_file)])
    (env_path / READY).write_text("", encoding="utf-8")
    return environment


@contextlib.contextmanager
def locked(env_path: Path) -> Iterator[Path]:
    """Hold a lock on ``env_path`` so two runs never build one environment at once."""
    env_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        yield env_path
        return
    with open(env_path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield env_path
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
