"""Run a command of a generated project, or an installer, the one way scaffold does.

Every child process gets the same clean environment (scaffold's own Python kept
out), no standard input, captured output and a time limit; a failure becomes
the caller's error, with the last lines of output, in one place.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
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
        completed = subprocess.run(
            list(command),
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            env=clean_env(env),
        )
    except subprocess.TimeoutExpired:
        raise error(f"'{shown}' ran longer than {timeout:.0f} s.") from None
    except OSError as exc:
        raise error(f"Could not run '{shown}': {exc.strerror or exc}.") from exc
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-TAIL_LINES:])
        raise error(f"'{shown}' exited with status {completed.returncode}:\n{tail}")
    return output
