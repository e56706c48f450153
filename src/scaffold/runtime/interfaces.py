"""The server interfaces a starter can offer, WSGI and ASGI: how to serve each, and drive each.

This is the one module of scaffold that knows an interface by name. A template
declares which it offers and where each entry point is (``_scaffold.interface``,
``{"wsgi": "wsgi:application"}``); `check` serves it with the production servers
listed here (or the template's own list), and `compare --measure` calls it in
process through a `Driver`. Standard library only: the measurement child loads
this file by path inside a project's own environment.

- WSGI (PEP 3333): ``application(environ, start_response)``, called once per request.
- ASGI (the ASGI 3 specification): ``await application(scope, receive, send)``; an
  application may want the ``lifespan`` protocol's start-up before its first request
  and its shut-down after the last, which a driver sends as a server would.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio


@dataclass(frozen=True)
class Server:
    """A production server for one interface, as the starters' READMEs run it.

    ``command`` may hold ``{port}`` and ``{entry}``; ``packages`` provide it (added by
    name when a project's ``deploy`` extra lacks them); ``several`` is true when it runs
    several worker processes (skipped for a project that must serve one process).
    """

    name: str
    command: tuple[str, ...]
    packages: tuple[str, ...]
    several: bool = False

    def argv(self, *, port: int, entry: str) -> list[str]:
        return [part.format(port=port, entry=entry) for part in self.command]


@dataclass(frozen=True)
class Interface:
    """One interface: its name, its production servers and its in-process driver."""

    name: str
    servers: tuple[Server, ...]
    driver: Callable[[Any], Driver]


class Driver:
    """Sends ``GET`` requests to an application in this process; returns each status line."""

    def get(self, path: str) -> str:
        raise NotImplementedError

    def close(self) -> None:
        """End what the driver started (an ASGI application's lifespan)."""


class WsgiDriver(Driver):
    """Calls a WSGI application as a server does, with a minimal environ."""

    def __init__(self, application: Callable[..., Any]) -> None:
        self.application = application

    def get(self, path: str) -> str:
        from wsgiref.util import setup_testing_defaults

        path, _, query = path.partition("?")
        environ: dict[str, Any] = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
        }
        setup_testing_defaults(environ)
        statuses: list[str] = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            statuses.append(status)
            return lambda data: None

        result = self.application(environ, start_response)
        try:
            for _chunk in result:
                pass
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        return statuses[-1] if statuses else "no status"


class AsgiDriver(Driver):
    """Calls an ASGI application on one event loop, after its lifespan start-up.

    An application that does not speak ``lifespan`` raises or returns at once, as
    the specification allows; requests are then sent without it.
    """

    def __init__(self, application: Callable[..., Any]) -> None:
        import asyncio  # here, not at the top: loading the registry never pays for it

        self.application = application
        self.loop = asyncio.new_event_loop()
        self._lifespan: asyncio.Task[Any] | None = None
        self._events: asyncio.Queue[dict[str, Any]] | None = None
        self._said: asyncio.Queue[dict[str, Any]] | None = None
        try:
            self.loop.run_until_complete(self._start())
        except BaseException:
            self.loop.close()
            raise

    async def _start(self) -> None:
        import asyncio

        self._events, self._said = asyncio.Queue(), asyncio.Queue()
        scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}}
        self._lifespan = asyncio.ensure_future(
            self.application(scope, self._events.get, self._said.put)
        )
        await self._events.put({"type": "lifespan.startup"})
        said = asyncio.ensure_future(self._said.get())
        await asyncio.wait({said, self._lifespan}, return_when=asyncio.FIRST_COMPLETED)
        if said.done():
            message = said.result()
            if message["type"] == "lifespan.startup.failed":
                self._lifespan.cancel()
                await asyncio.gather(self._lifespan, return_exceptions=True)
                raise RuntimeError(f"the application's start-up failed: {message.get('message')}")
        else:  # no lifespan support: the application returned or raised at once
            said.cancel()
            await asyncio.gather(said, self._lifespan, return_exceptions=True)
            self._lifespan = None

    def get(self, path: str) -> str:
        return self.loop.run_until_complete(self._get(path))

    async def _get(self, path: str) -> str:
        import asyncio

        path, _, query = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"scaffold")],
            "client": ("127.0.0.1", 40000),
            "server": ("127.0.0.1", 8000),
        }
        sent = False
        statuses: list[int] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Event().wait()  # as a client that stays connected
            return {"type": "http.disconnect"}

        async def send(message: Mapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(int(message["status"]))

        await self.application(scope, receive, send)
        return f"{statuses[-1]} " if statuses else "no status"

    def close(self) -> None:
        if self._lifespan is not None and self._events is not None and self._said is not None:
            self.loop.run_until_complete(self._stop(self._lifespan, self._events, self._said))
        self.loop.close()

    async def _stop(
        self,
        lifespan: asyncio.Task[Any],
        events: asyncio.Queue[dict[str, Any]],
        said: asyncio.Queue[dict[str, Any]],
    ) -> None:
        import asyncio

        await events.put({"type": "lifespan.shutdown"})
        answer = asyncio.ensure_future(said.get())
        await asyncio.wait({lifespan, answer}, timeout=10)
        for task in (lifespan, answer):
            task.cancel()
        await asyncio.gather(lifespan, answer, return_exceptions=True)


# Every server listens on loopback only: a check serves a project for itself alone.
BIND = "127.0.0.1:{port}"
# uvicorn's worker class for gunicorn (the uvicorn-worker package; uvicorn.workers is deprecated).
UVICORN_WORKER = "uvicorn_worker.UvicornWorker"

WSGI = Interface(
    "wsgi",
    servers=(
        Server("waitress", ("waitress-serve", f"--listen={BIND}", "{entry}"), ("waitress",)),
        Server(
            "gunicorn",
            ("gunicorn", "-w", "2", "--bind", BIND, "{entry}"),
            ("gunicorn",),
            several=True,
        ),
    ),
    driver=WsgiDriver,
)
ASGI = Interface(
    "asgi",
    servers=(
        Server(
            "uvicorn",
            ("uvicorn", "--host", "127.0.0.1", "--port", "{port}", "--workers", "2", "{entry}"),
            ("uvicorn",),
            several=True,
        ),
        Server(
            "gunicorn-uvicorn",
            ("gunicorn", "-w", "2", "-k", UVICORN_WORKER, "--bind", BIND, "{entry}"),
            ("gunicorn", "uvicorn-worker"),
            several=True,
        ),
    ),
    driver=AsgiDriver,
)
INTERFACES: Mapping[str, Interface] = {interface.name: interface for interface in (WSGI, ASGI)}


def named(names: Sequence[str]) -> list[Interface]:
    """The interfaces called ``names``; an unknown name is a `KeyError`."""
    return [INTERFACES[name] for name in names]


def describe(interface: Mapping[str, str]) -> str:
    """``WSGI wsgi:application`` (and ``, ASGI asgi:application`` when both are offered)."""
    return ", ".join(f"{name.upper()} {entry}" for name, entry in interface.items())
