"""The deploy image's server keeps answering while clients send their requests slowly.

A client that sends its request headers a byte at a time ("slowloris") ties up
whatever reads them: a gunicorn sync worker, or a thread of a threaded server that
reads its own requests. A few such clients stall such a server for as long as they
keep sending. The image's server must not be one of those: these tests run the
Dockerfile's own ``CMD`` on 127.0.0.1, open more slow clients than it has workers
or threads, and ask ``/health`` meanwhile, on new connections, as a load balancer
would.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from scaffold import generator, registry
from scaffold.runtime import environments, servers

from .database_servers import shared_environment
from .helpers import on_loopback

# More slow clients than any worker pool of the servers the templates use: waitress has
# 4 threads, `gunicorn -w 2` 2 workers; one thread per client would need 16.
SLOW_CLIENTS = 16
# Each slow client sends one byte of its headers, then waits this long, and so on.
PAUSE = 0.2
# How long /health may take to answer while the slow clients are sending.
ANSWER_WITHIN = 2.0
# Each slow client gives up after this long, whatever happens (the test stays bounded).
GIVE_UP_AFTER = 30.0
# The headers a slow client sends: long enough to still be sending when the probes end.
SLOW_REQUEST = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"p" * 400 + b"\r\n\r\n"


def image_command(dockerfile: str) -> list[str]:
    """The Dockerfile's ``CMD``, in its exec (JSON) form."""
    joined = re.sub(r"\\\n\s*", " ", dockerfile)
    commands = [line[4:] for line in joined.splitlines() if line.startswith("CMD ")]
    assert commands, "the Dockerfile has no CMD"
    return json.loads(commands[-1])


class SlowClient(threading.Thread):
    """One connection that sends ``SLOW_REQUEST`` a byte at a time until told to stop."""

    def __init__(self, port: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.port, self.stop = port, stop
        self.connected = threading.Event()
        self.sent = 0
        self.error = ""

    def run(self) -> None:
        deadline = time.monotonic() + GIVE_UP_AFTER
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
                self.connected.set()
                for byte in SLOW_REQUEST[:-1]:  # never the last byte: the request never ends
                    if self.stop.is_set() or time.monotonic() > deadline:
                        return
                    sock.sendall(bytes([byte]))
                    self.sent += 1
                    self.stop.wait(PAUSE)
        except OSError as exc:
            self.error = str(exc)
            self.connected.set()


def health_while_slow_clients_send(port: int, probes: int = 3) -> list[str]:
    """Ask ``/health`` ``probes`` times while ``SLOW_CLIENTS`` clients send slowly.

    Returns what went wrong: one line per probe that failed or answered late, or
    per slow client that could not even start, so an empty list is the good answer.
    """
    stop = threading.Event()
    clients = [SlowClient(port, stop) for _ in range(SLOW_CLIENTS)]
    for client in clients:
        client.start()
    problems = []
    try:
        for client in clients:
            client.connected.wait(10)
        # Let every slow client get its first bytes read: a server that reads them
        # with a worker has then handed out its workers.
        time.sleep(1.0)
        for _ in range(probes):
            started = time.monotonic()
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/health", timeout=ANSWER_WITHIN
                ) as response:
                    status = response.status
                    body = json.loads(response.read())
            except (OSError, ValueError) as exc:  # URLError and timeouts are OSErrors
                problems.append(f"/health failed after {time.monotonic() - started:.1f} s: {exc}")
                continue
            took = time.monotonic() - started
            if status != 200 or body.get("status") != "ok" or took > ANSWER_WITHIN:
                problems.append(f"/health answered {status} {body} in {took:.1f} s")
        # The probes count only if the slow clients were still sending all along.
        still_sending = [c for c in clients if c.is_alive() and not c.error]
        if len(still_sending) < SLOW_CLIENTS:
            errors = sorted({c.error for c in clients if c.error})
            problems.append(
                f"only {len(still_sending)} of {SLOW_CLIENTS} slow clients were still sending"
                + (f" ({'; '.join(errors)})" if errors else "")
            )
    finally:
        stop.set()
        for client in clients:
            client.join(GIVE_UP_AFTER)
    return problems


@pytest.mark.e2e
@pytest.mark.parametrize("key", ["flask", "django", "fastapi"])
def test_image_server_answers_while_slow_clients_send(key: str, tmp_path: Path) -> None:
    framework = registry.get(key)
    project = generator.generate(framework, "slow-demo", tmp_path, extra={"deploy": True}).path
    executable, *arguments = image_command((project / "Dockerfile").read_text(encoding="utf-8"))
    port = servers.free_port()
    with shared_environment(project) as environment_dir:
        environment = environments.create(environment_dir)
        environments.install(environment, ["./[deploy]"], cwd=project)
        command = [str(environment.script(executable)), *on_loopback(arguments, port)]
        # compose.yaml hands the container the settings of .env (env_file): so do we.
        settings = dict(
            line.split("=", 1)
            for line in (project / ".env").read_text(encoding="utf-8").splitlines()
            if "=" in line and not line.lstrip().startswith("#")
        )
        with servers.serving(command, project, port=port, env=settings):
            problems = health_while_slow_clients_send(port)
    assert not problems, f"{' '.join([executable, *arguments])} stalled:\n" + "\n".join(problems)
