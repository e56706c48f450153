"""Middleware: components whose process_* methods Falcon runs around every request.

A component can serve both apps, as Falcon's docs show: falcon.App calls its
``process_response``, and falcon.asgi.App, whose middleware methods must be
coroutines, calls its ``_async`` twin instead.

The security headers are sent with every response, pages, JSON, static files
and errors alike (OWASP's HTTP headers cheat sheet). The Content-Security-Policy
lets the browser load scripts, styles and images from this site only, so
injected markup cannot run; that is also why the pages keep every style in
static/style.css.
"""

import falcon
import falcon.asgi

SECURITY_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),  # trust Content-Type, never guess it
    ("X-Frame-Options", "DENY"),  # no other site may show these pages in a frame
    ("Referrer-Policy", "same-origin"),  # other sites are not told which page linked them
]


class SecurityHeaders:
    """Add SECURITY_HEADERS to every response."""

    # Falcon calls process_response once the responder has run, and also after
    # it has turned an error into a response (404, 405, 413, 500): errors carry
    # the headers too. set_headers replaces a header of the same name, so each
    # is sent once.
    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: object, req_succeeded: bool
    ) -> None:
        resp.set_headers(SECURITY_HEADERS)

    # The ASGI app awaits this one. Setting headers waits on nothing, so it does
    # the same work as the WSGI method.
    async def process_response_async(
        self,
        req: falcon.asgi.Request,
        resp: falcon.asgi.Response,
        resource: object,
        req_succeeded: bool,
    ) -> None:
        resp.set_headers(SECURITY_HEADERS)
