"""Virtual environments for generated projects: create one, install a project into it.

uv is used when it is on PATH (it is several times faster); otherwise the
standard library's venv and pip. Both are plain subprocesses.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import EnvironmentSetupError
from . import processes

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
    processes.capture(command, timeout=INSTALL_TIMEOUT)


# Written into a project's .venv once `install_project` has finished: the only sign of a
# working environment scaffold trusts, since running a .venv's Python would run whatever
# a cloned project put there.
INSTALLED_MARK = ".scaffold-installed"


def install_project(project: Path) -> Environment:
    """Create ``project/.venv`` and install the project into it with its test extra.

    A ``.venv`` already there without `INSTALLED_MARK` is an install that did not
    finish (or one scaffold did not make): it is removed and made again, never run.
    If anything stops the install, Ctrl-C included, the half-made ``.venv`` is
    removed, so a later command never mistakes it for a working environment.
    """
    path = project / ".venv"
    if path.is_symlink():
        raise EnvironmentSetupError(
            f"{path} is a symbolic link; scaffold installs only into a .venv it makes itself."
        )
    if path.exists():
        shutil.rmtree(path)
    try:
        environment = create(path)
        install(environment, ["-e", ".[test]"], cwd=project)
        (path / INSTALLED_MARK).write_text("", encoding="utf-8")
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return environment


def installed_by_scaffold(project: Path) -> bool:
    """Whether ``project/.venv`` is one `install_project` finished (told by its mark, not run)."""
    venv = project / ".venv"
    return not venv.is_symlink() and (venv / INSTALLED_MARK).is_file()


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
    completed = processes.capture(
        [str(environment.python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        timeout=TEST_TIMEOUT,
        env=env,
    )
    if completed.status is None:
        return TestRun(False, (f"the tests ran longer than {TEST_TIMEOUT} s",))
    lines = tuple(completed.output.strip().splitlines())
    return TestRun(completed.status == 0, lines)


def _run(command: Sequence[str], cwd: Path | None = None) -> str:
    return processes.run(command, error=EnvironmentSetupError, cwd=cwd, timeout=INSTALL_TIMEOUT)
