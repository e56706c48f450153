"""Two processes of one starter share a database server: each reads what the other wrote.

``gunicorn -w 2`` in `check` shows that two workers see each other's notes over
a fast local link, where the news of a commit almost always arrives before the
next request. Here the second process reaches its database through
`slow_link`, which holds the server's replies back, and the note posted through
the first process must be listed by the second at once, every time. A ZEO
client that does not wait for the server's invalidations (ZEO's
``server-sync``) fails this on every run, where gunicorn only showed it under
load.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from scaffold import check, generator, registry
from scaffold.questions import questions
from scaffold.runtime import (
    conformance,
    contract_forms,
    environments,
    interfaces,
    processes,
    servers,
)

from .database_servers import SERVER_SETTING, shared_environment
from .helpers import FRAMEWORKS
from .slow_link import slow_link

# The database server's replies reach the second process this late (seconds).
DELAY = 0.25
ROUNDS = 3


def shared_databases() -> list:
    """Every starter with every ``database`` value on a server, which processes share."""
    params = []
    for key, framework in FRAMEWORKS.items():
        choices = {question.key: question.default for question in questions(framework)}
        for database in choices.get("database") or []:
            if database in SERVER_SETTING:
                params.append(pytest.param(framework, database, id=f"{key}-{database}"))
    return params


@pytest.fixture
def database_address(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str]:
    """The setting that names the test's fresh database, and its value (set here too)."""
    database = request.node.callspec.params["database"]
    fixture = "postgresql_url" if database == "postgresql" else "zeo_address"
    value = request.getfixturevalue(fixture)
    for name in SERVER_SETTING.values():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(SERVER_SETTING[database], value)
    return SERVER_SETTING[database], value


def server_address(setting: str, value: str) -> str:
    """The database server's ``host:port`` in a ``ZEO_ADDRESS`` or a ``DATABASE_URL``."""
    return (
        value
        if setting == "ZEO_ADDRESS"
        else urllib.parse.urlsplit(value).netloc.rpartition("@")[2]
    )


def through(setting: str, value: str, relay: str) -> str:
    """``value`` with the database server's address replaced by the relay's."""
    if setting == "ZEO_ADDRESS":
        return relay
    parts = urllib.parse.urlsplit(value)
    credentials = parts.netloc.rpartition("@")[0]
    return parts._replace(netloc=f"{credentials}@{relay}" if credentials else relay).geturl()


@pytest.mark.e2e
@pytest.mark.parametrize(("framework", "database"), shared_databases())
def test_a_note_is_read_at_once_by_a_process_far_from_the_database(
    framework: registry.Framework,
    database: str,
    database_address: tuple[str, str],
    tmp_path: Path,
) -> None:
    setting, value = database_address
    project = generator.generate(
        framework, "demo-app", tmp_path / "out", extra={"database": database}
    )
    recorded, expected = check.expectation_for(project.path)
    with shared_environment(project.path) as environment_dir:
        environment = environments.create(environment_dir)
        # The dependencies are there; the project itself, as `check` installs it.
        environments.install(environment, ["-e", ".", "--no-deps"], cwd=project.path)
        processes.run(
            [str(environment.python), "-m", recorded.package_name, "migrate"],
            error=AssertionError,
            cwd=project.path,
        )
        with slow_link(server_address(setting, value), DELAY) as relay:
            near_port, far_port = servers.free_port(), servers.free_port()
            far_env = {setting: through(setting, value, relay)}
            with (
                servers.serving(
                    _first_server(environment, near_port, framework), project.path, port=near_port
                ) as near,
                servers.serving(
                    _first_server(environment, far_port, framework),
                    project.path,
                    port=far_port,
                    env=far_env,
                ) as far,
            ):
                writer, reader = conformance.Client(near), conformance.Client(far)
                for round_ in range(1, ROUNDS + 1):
                    text = contract_forms.marker("far")
                    posted = contract_forms.post_note(writer, expected, text)
                    assert posted.status == 303, f"round {round_}: POST answered {posted.status}"
                    assert text in contract_forms.listing(reader.fresh(), expected), (
                        f"round {round_}: the process {DELAY} s from the database does not list "
                        "the note the other process has just stored"
                    )


def _first_server(
    environment: environments.Environment, port: int, framework: registry.Framework
) -> list[str]:
    """The server `check` runs first (waitress, or uvicorn for ASGI), serving the starter."""
    interface, entry = next(iter(framework.interface.items()))
    argv = interfaces.INTERFACES[interface].servers[0].argv(port=port, entry=entry)
    return [str(environment.script(argv[0])), *argv[1:]]


def test_the_slow_link_holds_replies_back() -> None:
    """The relay delays what the server says, keeps its order, and passes the rest on."""
    server = socket.create_server(("127.0.0.1", 0))
    upstream = f"127.0.0.1:{server.getsockname()[1]}"

    def echo() -> None:
        connection, _ = server.accept()
        with connection:
            while data := connection.recv(1024):
                connection.sendall(data)

    thread = threading.Thread(target=echo, daemon=True)
    thread.start()
    with slow_link(upstream, 0.3) as relay:
        host, _, port = relay.rpartition(":")
        with socket.create_connection((host, int(port))) as client:
            started = time.monotonic()
            client.sendall(b"one ")
            client.sendall(b"two")
            received = b""
            while len(received) < 7:
                received += client.recv(1024)
            elapsed = time.monotonic() - started
    server.close()
    thread.join(timeout=5)
    assert received == b"one two"
    assert elapsed >= 0.3
