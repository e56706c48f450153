"""Real servers for the tests: PostgreSQL and ZEO on 127.0.0.1, on ports the OS picks.

PostgreSQL comes from the machine's own packages (``initdb`` and ``pg_ctl`` under
``/usr/lib/postgresql/*/bin`` or on PATH), ZEO's ``runzeo`` from the test extra.
Each server lives in a temporary directory and is stopped by its own PID at the
end. One PostgreSQL server per test session (per xdist worker) hands every test a
fresh database; every test that asks for ZEO gets its own ``runzeo`` on a new
FileStorage. When a server cannot be had, the tests that need it skip, except
under ``CI=true``, where they fail: CI must not pass by skipping them. The run's
package download cache and the virtual environments its tests share (one per template
and option set, keyed by what it installs, shared with the measure tests) are here too.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from scaffold.compare import environment_cache

START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
# The environment variable that points a starter at its database server, per value.
SERVER_SETTING = {"postgresql": "DATABASE_URL", "zeo": "ZEO_ADDRESS"}


def unavailable(reason: str) -> None:
    """Skip the test that needs this server, or fail it in CI."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the real servers are required)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the operating system says is free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float, alive=lambda: True) -> bool:  # type: ignore[no-untyped-def]
    """Wait until something accepts connections on 127.0.0.1:``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_pid(pid: int, first: signal.Signals = signal.SIGTERM) -> None:
    """Stop one process we started, by its PID: ``first``, then SIGKILL if it lingers."""
    for sig in (first, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                # Reap it if it is our child; otherwise just look whether it is gone.
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            except ChildProcessError:
                if not pid_alive(pid):
                    return
            time.sleep(0.1)


# PostgreSQL ------------------------------------------------------------------------------


def postgresql_bindir() -> Path | None:
    """The directory of ``initdb`` and ``pg_ctl``: Debian's newest version, else PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda path: int(Path(path).parent.name) if Path(path).parent.name.isdigit() else 0,
    )
    for bindir in reversed(candidates):
        if all((Path(bindir) / tool).is_file() for tool in ("initdb", "pg_ctl", "createdb")):
            return Path(bindir)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    return None


@dataclass(frozen=True)
class PostgreSQLServer:
    """A running PostgreSQL server that this test session started."""

    bindir: Path
    port: int
    user: str
    password: str
    pid: int

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database; return its ``DATABASE_URL``."""
        subprocess.run(
            [
                str(self.bindir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                self.user,
                name,
            ],
            env={**os.environ, "PGPASSWORD": self.password},
            check=True,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        return self.url(name)


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the unprivileged ``postgres`` user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def start_postgresql(base: Path) -> PostgreSQLServer:
    """``initdb`` a cluster in ``base`` and start it with ``pg_ctl`` on a free port."""
    bindir = postgresql_bindir()
    if bindir is None:
        unavailable("PostgreSQL is not installed (no initdb/pg_ctl; apt-get install postgresql)")
    assert bindir is not None
    if os.geteuid() == 0 and not shutil.which("runuser"):
        unavailable("running as root, and runuser is missing to start PostgreSQL as 'postgres'")
    password = secrets.token_urlsafe(16)
    data, sockets, pwfile, log = base / "data", base / "sockets", base / "pwfile", base / "log"
    sockets.mkdir(parents=True)
    pwfile.write_text(password + "\n", encoding="utf-8")
    if os.geteuid() == 0:
        try:
            shutil.chown(base, "postgres")
            for path in (sockets, pwfile):
                shutil.chown(path, "postgres")
        except (LookupError, OSError) as exc:
            unavailable(f"cannot hand a directory to the 'postgres' user: {exc}")
    initdb = subprocess.run(
        _as_server_user(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "scram-sha-256",
                f"--pwfile={pwfile}",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ]
        ),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=180,
    )
    if initdb.returncode != 0:
        unavailable(f"initdb failed: {(initdb.stdout + initdb.stderr).strip()[-500:]}")
    for _attempt in range(3):
        port = free_port()
        options = f"-h 127.0.0.1 -p {port} -k {sockets} -c fsync=off -c max_connections=60"
        started = subprocess.run(
            _as_server_user(
                [
                    str(bindir / "pg_ctl"),
                    "start",
                    "-D",
                    str(data),
                    "-l",
                    str(log),
                    "-w",
                    "-t",
                    str(int(START_TIMEOUT)),
                    "-o",
                    options,
                ]
            ),
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=START_TIMEOUT + 10,
        )
        pidfile = data / "postmaster.pid"
        if started.returncode == 0 and pidfile.is_file():
            pid = int(pidfile.read_text().split()[0])
            if wait_for_port(port, 10):
                return PostgreSQLServer(bindir, port, "postgres", password, pid)
            stop_pid(pid, signal.SIGINT)
    tail = log.read_text(errors="replace")[-800:] if log.exists() else started.stderr
    unavailable(f"PostgreSQL did not start: {tail.strip()}")
    raise AssertionError("unreachable")


# ZEO -------------------------------------------------------------------------------------


def runzeo_path() -> str | None:
    """``runzeo`` from the test extra, beside the running Python, else on PATH."""
    beside = Path(sys.executable).parent / "runzeo"
    return str(beside) if beside.is_file() else shutil.which("runzeo")


@dataclass(frozen=True)
class ZEOServer:
    """A running ZEO server on its own FileStorage."""

    address: str
    pid: int
    storage: Path


def start_zeo(base: Path) -> tuple[ZEOServer, subprocess.Popen[bytes]]:
    """Start ``runzeo`` on a new FileStorage in ``base``, on a free port."""
    runzeo = runzeo_path()
    if runzeo is None:
        unavailable("ZEO's runzeo is not installed (it is in scaffold's test extra)")
    assert runzeo is not None
    base.mkdir(parents=True, exist_ok=True)
    storage, log = base / "Data.fs", base / "runzeo.log"
    for _attempt in range(3):
        port = free_port()
        with log.open("wb") as output:
            process = subprocess.Popen(
                [runzeo, "-a", f"127.0.0.1:{port}", "-f", str(storage)],
                cwd=base,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        if wait_for_port(port, START_TIMEOUT, alive=lambda p=process: p.poll() is None):
            return ZEOServer(f"127.0.0.1:{port}", process.pid, storage), process
        stop_pid(process.pid)
        process.wait()
    unavailable(f"runzeo did not start: {log.read_text(errors='replace')[-800:].strip()}")
    raise AssertionError("unreachable")


# Fixtures --------------------------------------------------------------------------------


def run_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shared by every xdist worker of this run (and by this run only)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def shared_package_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One download cache for every test and worker of the run, outside the home directory.

    Every test gets an empty HOME, so without this each environment that a test
    creates would download its packages again into that HOME's cache.
    """
    cache = Path(os.environ.get("SCAFFOLD_E2E_CACHE") or run_root(tmp_path_factory) / "cache")
    os.environ.setdefault("UV_CACHE_DIR", str(cache / "uv"))
    os.environ.setdefault("PIP_CACHE_DIR", str(cache / "pip"))


@contextmanager
def shared_environment(project: Path) -> Iterator[Path]:
    """The run's environment for ``project``'s pinned dependencies, for this test alone.

    It is the one ``scaffold compare --measure`` uses (`environment_cache.cached_environment`:
    keyed by the pinned dependencies with the extras `check` installs, and the
    Python), kept in the run's ``$SCAFFOLD_CACHE_DIR``: the end-to-end and measure
    tests of one template share it, a test on the other xdist worker waits for it
    instead of installing it again, and the project is uninstalled afterwards.
    """
    with environment_cache.cached_environment(project) as (environment, _key, _reused):
        yield environment.path


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgreSQLServer]:
    """One PostgreSQL server for the session (each xdist worker has its own)."""
    # Not under pytest's temporary root: that is private to this user, and the server runs
    # as 'postgres' when the tests run as root. mkdtemp's folder is private to its owner.
    base = Path(tempfile.mkdtemp(prefix="scaffold-postgresql-"))
    try:
        server = start_postgresql(base)
        try:
            yield server
        finally:
            # SIGINT is PostgreSQL's "fast" shutdown: end the sessions, then exit cleanly.
            stop_pid(server.pid, signal.SIGINT)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgresql_url(postgresql_server: PostgreSQLServer) -> str:
    """A ``DATABASE_URL`` for a new, empty database of this test's own."""
    name = "t_" + secrets.token_hex(6)
    return postgresql_server.create_database(name)


@pytest.fixture(scope="session")
def zeo_available() -> str:
    """The ``runzeo`` executable, or a skip (a failure under CI=true)."""
    runzeo = runzeo_path()
    if runzeo is None:
        unavailable("ZEO's runzeo is not installed (it is in scaffold's test extra)")
    return str(runzeo)


@pytest.fixture
def zeo_address(zeo_available: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A ``ZEO_ADDRESS`` (``host:port``) of a ZEO server on a new FileStorage, for this test."""
    server, process = start_zeo(tmp_path_factory.mktemp("zeo"))
    try:
        yield server.address
    finally:
        stop_pid(server.pid)
        process.wait()
