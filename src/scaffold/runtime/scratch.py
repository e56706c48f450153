"""Scratch copies for `scaffold check`: the project and its data, never the developer's own.

A check writes: its tests, migrations and probes add notes, accounts and tables.
So it works on a copy of the project in a temporary folder (its SQLite file or
FileStorage copied with it), and when the environment names a database server
(``DATABASE_URL``, ``ZEO_ADDRESS``), on a scratch database of that server made for
the check and removed after it: a new PostgreSQL database beside the named one,
or a ZEO server of its own on a temporary FileStorage.
"""

from __future__ import annotations

import os
import secrets
import shutil
import textwrap
import urllib.parse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ..errors import EnvironmentSetupError, ServerStartError
from . import processes, servers
from .environments import Environment

# What a copy leaves out: environments, git's folder and caches, which a check
# neither needs nor may trust (a committed .venv is never run).
NOT_COPIED = frozenset(
    {".venv", "venv", ".git", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
)
SERVER_SETTINGS = ("DATABASE_URL", "ZEO_ADDRESS")
SERVER_TIMEOUT = 60.0

# Create or drop a PostgreSQL database with the project's own driver (psycopg, or
# psycopg2 for pydal), connected to the database the URL names.
POSTGRESQL = textwrap.dedent("""
    import sys
    url, action, name = sys.argv[1:]
    try:
        import psycopg
        connection = psycopg.connect(url, autocommit=True)
    except ImportError:
        import psycopg2
        connection = psycopg2.connect(url)
        connection.autocommit = True
    statement = "CREATE DATABASE" if action == "create" else "DROP DATABASE IF EXISTS"
    connection.cursor().execute(f'{statement} "{name}"')
    connection.close()
""")


def copy_project(project: Path, into: Path) -> Path:
    """Copy ``project`` to ``into``: every file and folder but `NOT_COPIED` and links.

    A link could lead a write out of the copy, so links are left out.
    """

    def ignored(folder: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name in NOT_COPIED or name.endswith(".pyc") or os.path.islink(Path(folder, name))
        }

    shutil.copytree(project, into, ignore=ignored, symlinks=True)
    return into


@contextmanager
def databases(environment: Environment, scratch: Path) -> Iterator[dict[str, str]]:
    """Scratch stand-ins for the database servers this process's environment names.

    Yields the settings to give the project instead (empty when it names none);
    everything made is removed at the end. A server that cannot be reached, or a
    database that cannot be created, is an `EnvironmentSetupError` in one sentence.
    """
    settings: dict[str, str] = {}
    with _postgresql(environment, os.environ.get("DATABASE_URL", "")) as url:
        if url:
            settings["DATABASE_URL"] = url
        with _zeo(environment, os.environ.get("ZEO_ADDRESS", ""), scratch) as address:
            if address:
                settings["ZEO_ADDRESS"] = address
            yield settings


@contextmanager
def _postgresql(environment: Environment, url: str) -> Iterator[str]:
    if not url.startswith(("postgresql:", "postgres:")):
        yield ""
        return
    name = f"scaffold_check_{secrets.token_hex(6)}"
    _postgresql_command(environment, url, "create", name)
    try:
        yield urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        _postgresql_command(environment, url, "drop", name)


def _postgresql_command(environment: Environment, url: str, action: str, name: str) -> None:
    server = urllib.parse.urlsplit(url).hostname or "the local server"
    try:
        processes.run(
            [str(environment.python), "-c", POSTGRESQL, url, action, name],
            error=EnvironmentSetupError,
            timeout=SERVER_TIMEOUT,
            shown=f"{action} a scratch database on {server}",
        )
    except EnvironmentSetupError as exc:
        raise EnvironmentSetupError(
            f"A check writes to a scratch database of its own, and could not {action} one on"
            f" {server} with the user DATABASE_URL names (it needs the CREATEDB right): {exc}"
        ) from None


@contextmanager
def _zeo(environment: Environment, address: str, scratch: Path) -> Iterator[str]:
    if not address:
        yield ""
        return
    runzeo = environment.script("runzeo")
    if not runzeo.exists():
        raise EnvironmentSetupError(
            "ZEO_ADDRESS is set, but the project's environment has no runzeo to start a scratch"
            " ZEO server with; install the project with its ZEO dependency."
        )
    folder = scratch / "zeo"
    folder.mkdir()
    port = servers.free_port()
    command = [str(runzeo), "-a", f"127.0.0.1:{port}", "-f", str(folder / "Data.fs")]
    with ExitStack() as stack:
        try:
            stack.enter_context(servers.serving(command, folder, port=port, timeout=SERVER_TIMEOUT))
        except ServerStartError as exc:
            raise EnvironmentSetupError(
                f"The check's scratch ZEO server did not start: {exc}"
            ) from None
        yield f"127.0.0.1:{port}"
