"""Start a project's server on 127.0.0.1, wait until it listens, and stop it by its PID.

A multi-process server (``gunicorn -w 2``) is stopped through its master, which
stops its own workers.
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..errors import ServerStartError
from .processes import clean_env

START_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the operating system says is free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(
    command: Sequence[str],
    cwd: Path,
    *,
    port: int,
    env: Mapping[str, str] | None = None,
    timeout: float = START_TIMEOUT,
    output: IO[bytes] | None = None,
) -> Iterator[str]:
    """Run ``command`` in ``cwd`` until the block ends; yield the server's base URL.

    The server's stdout and stderr go to ``output`` when given (to show its errors
    afterwards), else to a temporary file read only if it fails to start. It gets
    a private, temporary home directory: a server writes nothing into the user's
    (gunicorn, for one, keeps a control socket under ``~/.gunicorn``).
    """
    with _output(output) as log, tempfile.TemporaryDirectory(prefix="scaffold-home-") as home:
        environment = {**clean_env(), **(env or {}), "PORT": str(port), "HOME": home}
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_listening(process, port, timeout, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(process)


@contextmanager
def _output(output: IO[bytes] | None) -> Iterator[IO[bytes]]:
    if output is not None:
        yield output
    else:
        with tempfile.TemporaryFile() as log:
            yield log


def tail(output: IO[bytes], lines: int = 15) -> list[str]:
    """The last ``lines`` lines a server wrote to ``output``."""
    output.seek(0)
    return output.read().decode("utf-8", "replace").strip().splitlines()[-lines:]


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process we started: politely, then for sure."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _wait_until_listening(
    process: subprocess.Popen[bytes], port: int, timeout: float, log: IO[bytes]
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerStartError(
                f"The server exited with status {process.returncode} before answering:\n"
                + "\n".join(tail(log))
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServerStartError(f"The server did not listen on 127.0.0.1:{port} within {timeout:.0f} s.")
