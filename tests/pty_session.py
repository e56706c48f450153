"""Drive a command through a pseudo-terminal, as a person at a keyboard would."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from collections.abc import Mapping, Sequence
from types import TracebackType

TIMEOUT = 20.0


class PtySession:
    """Run ``command`` with a terminal for its input and output; read and type into it."""

    def __init__(self, command: Sequence[str], env: Mapping[str, str] | None = None) -> None:
        self.command = list(command)
        self.env = dict(env or os.environ)
        self.output = ""
        self._seen = 0

    def __enter__(self) -> PtySession:
        master, slave = pty.openpty()
        self.master = master
        self.process = subprocess.Popen(
            self.command, stdin=slave, stdout=slave, stderr=slave, env=self.env, close_fds=True
        )
        os.close(slave)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        os.close(self.master)

    def expect(self, text: str, timeout: float = TIMEOUT) -> None:
        """Read until ``text`` appears after what an earlier `expect` matched."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.output.find(text, self._seen)
            if found >= 0:
                self._seen = found + len(text)
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                raise AssertionError(
                    f"{text!r} did not appear; the terminal showed:\n{self.output}"
                )

    def send(self, line: str) -> None:
        """Type ``line`` and press Enter."""
        os.write(self.master, line.encode() + b"\r")

    def wait(self, timeout: float = TIMEOUT) -> int:
        """Read what is left and return the exit status."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.1):
            pass
        return self.process.wait(timeout=max(0.1, deadline - time.monotonic()))

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 4096)
        except OSError:  # the other end closed: the command has exited
            return False
        self.output += data.decode("utf-8", "replace")
        return bool(data)
