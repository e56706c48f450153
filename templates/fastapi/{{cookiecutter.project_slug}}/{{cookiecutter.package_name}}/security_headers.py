"""The security headers every response carries, and the ASGI middleware that adds them.

Sent with every response, pages, JSON, static files and errors alike (OWASP's
HTTP headers cheat sheet). The Content-Security-Policy lets the browser load
scripts, styles and images from this site only, so injected markup cannot run;
that is also why the pages keep every style in static/style.css.
"""

from collections.abc import Iterable

from fastapi import Request
from fastapi.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# (name, value) pairs as ASGI sends headers: bytes, names in lower case. Built
# once; each response's headers are extended with them in one step.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),  # trust Content-Type, never guess it
    (b"x-frame-options", b"DENY"),  # no other site may show these pages in a frame
    (b"referrer-policy", b"same-origin"),  # other sites are not told which page linked them
]
SECURITY_HEADER_NAMES = frozenset(name for name, _value in SECURITY_HEADERS)


def with_security_headers(headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` and each of SECURITY_HEADERS it lacks: a header the app set wins."""
    headers = list(headers)  # ASGI allows any iterable: read it once
    present = {name.lower() for name, _value in headers}
    if SECURITY_HEADER_NAMES.isdisjoint(present):
        return [*headers, *SECURITY_HEADERS]  # the usual case, in one step
    return [*headers, *(header for header in SECURITY_HEADERS if header[0] not in present)]


class SecurityHeadersMiddleware:
    """Pure ASGI middleware: add SECURITY_HEADERS to every response the app sends.

    Middleware wraps the app: it is called with each request's ``scope`` and
    passes the app a ``send`` of its own, which adds the headers to the message
    that starts the response. Written as plain ASGI rather than with
    ``@app.middleware("http")``, it never reads or buffers a body (Starlette's
    docs recommend this for middleware that only touches headers).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan and websockets pass through
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": with_security_headers(message.get("headers", []))}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def server_error(request: Request, exc: Exception) -> Response:
    """The 500 page, with the security headers.

    Starlette answers an unhandled exception from its outermost layer, outside
    every middleware, so this page carries the headers itself. (With APP_DEBUG
    on, Starlette shows its traceback page instead.)
    """
    headers = {name.decode(): value.decode() for name, value in SECURITY_HEADERS}
    return PlainTextResponse("Internal Server Error", status_code=500, headers=headers)
