"""The security headers every response carries, and the ASGI middleware that adds them.

Sent with every response, pages, static files and errors alike (OWASP's HTTP
headers cheat sheet). The Content-Security-Policy lets the browser load
scripts, styles and images from this site only, so injected markup cannot run;
that is also why the pages keep every style in static/style.css.
"""

# A list of (name, value) pairs, as ASGI sends headers: bytes, names in lower
# case. It is built once, and each response's headers are extended with it in one step.
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


def with_security_headers(headers):
    """``headers`` and each of SECURITY_HEADERS it lacks: a header the app set wins."""
    if SECURITY_HEADER_NAMES.isdisjoint(name.lower() for name, _value in headers):
        return headers + SECURITY_HEADERS  # the usual case, in one step
    present = {name.lower() for name, _value in headers}
    return headers + [header for header in SECURITY_HEADERS if header[0] not in present]


# ASGI middleware takes an ASGI application and returns one that calls it; this
# one adds the headers to whatever the app answers, error pages included. Where
# WSGI passes a start_response function, ASGI passes ``send``, which the app
# awaits with each message: the first one starts the response with its headers.
def security_headers(asgi_app):
    """ASGI middleware: add SECURITY_HEADERS to every response ``asgi_app`` sends."""

    async def middleware(scope, receive, send):
        if scope["type"] != "http":  # lifespan and websockets pass through
            return await asgi_app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                # Quart sends its headers as a list; ASGI allows any iterable.
                headers = with_security_headers(list(message.get("headers", ())))
                message = {**message, "headers": headers}
            await send(message)

        return await asgi_app(scope, receive, send_with_headers)

    return middleware
