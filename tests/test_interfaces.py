"""`runtime.interfaces`: the one place that knows WSGI and ASGI, their servers and drivers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from scaffold.runtime import interfaces


def wsgi_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    found = environ["PATH_INFO"] == "/health"
    start_response("200 OK" if found else "404 Not Found", [("Content-Type", "text/plain")])
    return [b"ok"]


def asgi_app(events: list[str], *, lifespan: bool = True) -> Callable[..., Any]:
    async def app(scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]):
        if scope["type"] == "lifespan":
            if not lifespan:
                raise ValueError("no lifespan here")
            while True:
                message = await receive()
                events.append(message["type"])
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        assert (await receive())["type"] == "http.request"
        status = 200 if scope["path"] == "/health" and scope["query_string"] == b"x=1" else 404
        events.append(f"GET {scope['path']}")
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


def test_the_wsgi_driver_calls_the_application_as_a_server_does() -> None:
    driver = interfaces.WSGI.driver(wsgi_app)
    assert driver.get("/health").startswith("200")
    assert driver.get("/nowhere").startswith("404")
    driver.close()


def test_the_asgi_driver_sends_lifespan_around_the_requests() -> None:
    events: list[str] = []
    driver = interfaces.ASGI.driver(asgi_app(events))
    assert events == ["lifespan.startup"]
    assert driver.get("/health?x=1").startswith("200")
    assert driver.get("/nowhere").startswith("404")
    driver.close()
    assert events == ["lifespan.startup", "GET /health", "GET /nowhere", "lifespan.shutdown"]


def test_an_asgi_application_without_lifespan_is_still_driven() -> None:
    events: list[str] = []
    driver = interfaces.ASGI.driver(asgi_app(events, lifespan=False))
    assert driver.get("/health?x=1").startswith("200")
    driver.close()


def test_a_failed_start_up_is_an_error() -> None:
    async def app(scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]):
        await receive()
        await send({"type": "lifespan.startup.failed", "message": "no database"})

    with pytest.raises(RuntimeError, match="no database"):
        interfaces.ASGI.driver(app)


@pytest.mark.parametrize("interface", interfaces.INTERFACES.values(), ids=lambda i: i.name)
def test_every_server_listens_on_loopback_at_the_port_given(
    interface: interfaces.Interface,
) -> None:
    for server in interface.servers:
        argv = server.argv(port=8123, entry="asgi:application")
        assert "8123" in " ".join(argv) and "127.0.0.1" in " ".join(argv)
        assert argv[-1] == "asgi:application"
        assert "0.0.0.0" not in " ".join(argv)
