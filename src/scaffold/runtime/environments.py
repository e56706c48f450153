"""Virtual environments for generated projects: create one, install a project into it.

uv is used when it is on PATH (it is several times faster); otherwise the
standard library's venv and pip. Both are plain subprocesses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import EnvironmentSetupError
from . import processes
from .processes import clean_env

INSTALL_TIMEOUT = 1200
# The extras `check` installs, and the measured environments hold: tests and servers.
CHECK_EXTRAS = ("test", "deploy")
TEST_TIMEOUT = 900


@dataclass(frozen=True)
class Environment:
    """A virtual environment and the installer that manages it."""

    path: Path
    installer: str  # "uv" or "pip"

    @property
    def python(self) -> Path:
        scripts = "Scripts" if os.name == "nt" else "bin"
        suffix = ".exe" if os.name == "nt" else ""
        return self.path / scripts / f"python{suffix}"

    def script(self, name: str) -> Path:
        return self.python.with_name(name + (".exe" if os.name == "nt" else ""))


def uv_path() -> str | None:
    """The uv executable: on PATH, or installed beside the running Python."""
    return shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))


def create(path: Path, python: str | None = None) -> Environment:
    """Create a virtual environment at ``path`` (or reuse the one already there)."""
    uv = uv_path()
    environment = Environment(path, "uv" if uv else "pip")
    if environment.python.exists():
        return environment
    if path.exists():
        raise EnvironmentSetupError(
            f"{path} is not a working virtual environment (it has no {environment.python.name});"
            f" delete it and run the command again to create a fresh one."
        )
    if uv:
        _run([uv, "venv", "--quiet", "--python", python or sys.executable, str(path)])
    else:
        _run([python or sys.executable, "-m", "venv", str(path)])
    return environment


def install(
    environment: Environment,
    requirements: Sequence[str],
    *,
    cwd: Path | None = None,
) -> str:
    """Install requirements (``-e .[test]`` style arguments allowed); return the log."""
    uv = uv_path() if environment.installer == "uv" else None
    if uv:
        command = [uv, "pip", "install", "--python", str(environment.python), *requirements]
    else:
        command = [str(environment.python), "-m", "pip", "install", "-q", *requirements]
    return _run(command, cwd=cwd)


def uninstall(environment: Environment, distribution: str) -> None:
    """Remove one distribution from the environment; quietly, whether or not it is there."""
    uv = uv_path() if environment.installer == "uv" else None
    if uv:
        command = [uv, "pip", "uninstall", "--python", str(environment.python), distribution]
    else:
        command = [str(environment.python), "-m", "pip", "uninstall", "-y", "-q", distribution]
    subprocess.run(
        command, capture_output=True, stdin=subprocess.DEVNULL, env=clean_env(), check=False
    )


def install_project(project: Path) -> Environment:
    """Create ``project/.venv`` and install the project into it with its test extra.

    If anything stops it, Ctrl-C included, the half-made ``.venv`` is removed, so
    a later command never mistakes it for a working environment.
    """
    path = project / ".venv"
    existed = path.exists()
    try:
        environment = create(path)
        install(environment, ["-e", ".[test]"], cwd=project)
    except BaseException:
        if not existed:
            shutil.rmtree(path, ignore_errors=True)
        raise
    return environment


@dataclass(frozen=True)
class TestRun:
    """The outcome of a project's own test suite."""

    passed: bool
    lines: tuple[str, ...]

    @property
    def summary(self) -> str:
        """pytest's closing line, such as ``8 passed in 0.12s``."""
        return self.lines[-1].strip("= ") if self.lines else "no output"


def run_tests(
    environment: Environment, project: Path, env: Mapping[str, str] | None = None
) -> TestRun:
    """Run the project's own tests with pytest, in the environment's Python (``env`` added)."""
    try:
        completed = subprocess.run(
            [str(environment.python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=TEST_TIMEOUT,
            stdin=subprocess.DEVNULL,
            env=clean_env(env),
        )
    except subprocess.TimeoutExpired:
        return TestRun(False, (f"the tests ran longer than {TEST_TIMEOUT} s",))
    lines = tuple((completed.stdout + completed.stderr).strip().splitlines())
    return TestRun(completed.returncode == 0, lines)


def _run(command: Sequence[str], cwd: Path | None = None) -> str:
    return processes.run(command, error=EnvironmentSetupError, cwd=cwd, timeout=INSTALL_TIMEOUT)
