"""What Litestar leaves to the app: security headers, and host names compared without the port.

Litestar ships CSRF protection, allowed hosts and sessions (configured in app.py);
it sends no security headers of its own. A ``before_send`` hook is Litestar's
way to touch every response: the app calls it with each message it sends,
pages, JSON, static files and error pages alike.
"""

from litestar.middleware.allowed_hosts import (
    AllowedHostsMiddleware as LitestarAllowedHostsMiddleware,
)
from litestar.types import BeforeMessageSendHookHandler, Message, Receive, Scope, Send

# (name, value) pairs as ASGI sends headers: bytes, names in lower case (OWASP's HTTP
# headers cheat sheet). The Content-Security-Policy lets the browser load scripts,
# styles and images from this site only, so injected markup cannot run; that is
# also why the pages keep every style in static/style.css.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),  # trust Content-Type, never guess it
    (b"x-frame-options", b"DENY"),  # no other site may show these pages in a frame
    (b"referrer-policy", b"same-origin"),  # other sites are not told which page linked them
]
# Behind HTTPS: browsers must come back over HTTPS only, for a year.
HSTS = (b"strict-transport-security", b"max-age=31536000")


def security_headers(https: bool) -> BeforeMessageSendHookHandler:
    """The ``before_send`` hook that adds SECURITY_HEADERS (and HSTS behind HTTPS)."""
    extra = [*SECURITY_HEADERS, HSTS] if https else SECURITY_HEADERS
    names = frozenset(name for name, _value in extra)

    async def add_security_headers(message: Message, scope: Scope) -> None:
        # Called for every message the app sends; the first of a response carries its
        # headers. It runs on every request, /health included: kept to a few steps.
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", ()))  # ASGI allows any iterable
            for name, _value in headers:
                if name.lower() in names:  # the handler set one itself: its value wins
                    present = {name.lower() for name, _value in headers}
                    message["headers"] = headers + [h for h in extra if h[0] not in present]
                    return
            message["headers"] = headers + extra

    return add_security_headers


class AllowedHostsMiddleware(LitestarAllowedHostsMiddleware):
    """Litestar's allowed-hosts check, with the port taken off the Host header first.

    Litestar 2.22 and later compare the whole header, so ``Host: 127.0.0.1:8000``
    fails to match "127.0.0.1" (litestar-org/litestar#4869). A host that matches
    without its port goes on; any other is refused by Litestar's own check (400).
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allowed_hosts_regex is not None:
            host = next((value for name, value in scope["headers"] if name == b"host"), b"")
            name, _, port = host.decode("latin-1").rpartition(":")
            if not port.isdigit():  # no port ("[::1]" ends with "1]")
                name = host.decode("latin-1")
            if name and self.allowed_hosts_regex.fullmatch(name):
                await self.app(scope, receive, send)
                return
        await super().__call__(scope, receive, send)
