"""Run a command of a generated project, or an installer, the one way scaffold does.

Every child process gets the same clean environment (scaffold's own Python kept
out), no standard input, captured output and a time limit: `capture` says what a
command did, and `run` turns a failure into the caller's error, with the last
lines of output. Only `servers` starts processes otherwise (they must outlive a call).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ScaffoldError

# What would leak scaffold's own Python into a project's: never passed on.
LEAKING = frozenset({"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"})
TAIL_LINES = 15


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without what would leak scaffold's own Python in."""
    environment = {name: value for name, value in os.environ.items() if name not in LEAKING}
    environment.update(extra or {})
    return environment


@dataclass(frozen=True)
class Completed:
    """What a command did: its exit status (None: stopped at its time limit) and its output."""

    status: int | None
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def capture(
    command: Sequence[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Completed:
    """Run ``command`` with no standard input and a time limit; what it did, whatever it did.

    Output is read as UTF-8, with bytes that are not kept as they were
    (``surrogateescape``), so a caller can have the exact bytes back. A command that
    cannot start raises `OSError`.
    """
    try:
        completed = subprocess.run(
            list(command),
            cwd=cwd,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            env=clean_env(env),
        )
    except subprocess.TimeoutExpired as exc:
        return Completed(None, _text(exc.stdout), _text(exc.stderr))
    return Completed(completed.returncode, completed.stdout, completed.stderr)


def _text(data: str | bytes | None) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", "surrogateescape")
    return data or ""


def run(
    command: Sequence[str],
    *,
    error: type[ScaffoldError],
    cwd: Path | None = None,
    timeout: float = 600,
    env: Mapping[str, str] | None = None,
    shown: str | None = None,
) -> str:
    """Run ``command`` to completion and return its output (stdout, then stderr).

    A command that cannot start, runs past ``timeout`` seconds or exits non-zero
    raises ``error`` with one sentence naming the command (as ``shown``, else as
    run) and the last lines it printed.
    """
    shown = shown or " ".join(command)
    try:
        completed = capture(command, timeout=timeout, cwd=cwd, env=env)
    except OSError as exc:
        raise error(f"Could not run '{shown}': {exc.strerror or exc}.") from exc
    if completed.status is None:
        raise error(f"'{shown}' ran longer than {timeout:.0f} s.")
    output = completed.output
    if completed.status != 0:
        tail = "\n".join(output.strip().splitlines()[-TAIL_LINES:])
        raise error(f"'{shown}' exited with status {completed.status}:\n{tail}")
    return output
