"""A WSGI filter around Zope: what every response and request goes through.

Zope's WSGI stack is a pipeline of filters around the publisher (zope.ini's
``httpexceptions`` is one); this one does what Zope does not do by itself:

- security headers on every response, error pages and static files included
  (OWASP's HTTP headers cheat sheet);
- HEAD answered like GET, without a body (Zope looks up a HEAD method on the
  published object instead, which views do not have: a 404);
- 405 with ``Allow`` for a method a page of the site does not answer (Zope
  would take PUT or DELETE for WebDAV and ask for a login);
- request bodies over 1 MB refused with 413, and the body read into memory
  first: when a ConflictError makes the publisher run a request again, it
  reads the body again, which gunicorn's own input stream cannot do;
- 400 for form fields Zope cannot convert (``?name:int=x``), not a 500.
"""

from io import BytesIO

MAX_BODY = 1024 * 1024

# The Content-Security-Policy the site's own pages meet: everything from this
# site only, no inline scripts or styles, never inside another site's frame.
CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
# The ZMI's pages use inline scripts and styles: Zope's own, trusted code.
ZMI_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'"
)
HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
]
# Built once: the headers of the site's pages, and of the ZMI's.
SITE_HEADERS = [*HEADERS, ("X-Frame-Options", "DENY"), ("Content-Security-Policy", CSP)]
ZMI_HEADERS = [*HEADERS, ("X-Frame-Options", "SAMEORIGIN"), ("Content-Security-Policy", ZMI_CSP)]
# Zope's own values of these are replaced; X-Powered-By tells an attacker
# which software to look up, and is dropped.
REPLACED = {name.lower() for name, _ in SITE_HEADERS} | {"x-powered-by"}

# The methods each page of the site answers (HEAD wherever GET is).
GET = ("GET", "HEAD")
METHODS = {"/": GET, "/index": GET, "/health": GET, "/notes": (*GET, "POST")}


def allowed_methods(path: str) -> tuple[str, ...] | None:
    """The methods ``path`` answers, or None for Zope's own URLs (the ZMI)."""
    if path.startswith("/static/") or path.startswith("/++resource++"):
        return GET
    return METHODS.get(path.rstrip("/") or "/")


class SafetyFilter:
    """Wraps a WSGI application; see the module's docstring."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        is_zmi = "manage" in path
        allowed = allowed_methods(path)
        if allowed is not None and method not in allowed:
            extra = [("Allow", ", ".join(allowed))]
            return self.answer(start_response, "405 Method Not Allowed", is_zmi, method, extra)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.answer(start_response, "400 Bad Request", is_zmi, method)
        if length > MAX_BODY:
            return self.answer(start_response, "413 Content Too Large", is_zmi, method)
        environ = dict(environ)
        chunked = environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked"
        if length or chunked:
            body = environ["wsgi.input"].read(MAX_BODY + 1 if chunked else length)
            if len(body) > MAX_BODY:
                return self.answer(start_response, "413 Content Too Large", is_zmi, method)
            environ["wsgi.input"] = BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        if method == "HEAD":
            return self.head(environ, start_response, is_zmi)

        def start(status, headers, exc_info=None):
            return start_response(status, with_safety_headers(headers, is_zmi), exc_info)

        try:
            return self.application(environ, start)
        except ValueError:
            # Zope converts typed fields (name:int, name:date) before any
            # view runs, and a value it cannot convert raises ValueError.
            return self.answer(start_response, "400 Bad Request", is_zmi, method)

    def head(self, environ, start_response, is_zmi):
        """HEAD: the answer to GET, without its body but with its length."""
        environ["REQUEST_METHOD"] = "GET"
        answered = []

        def start(status, headers, exc_info=None):
            answered[:] = [status, headers]
            return lambda data: None

        try:
            answer = self.application(environ, start)
        except ValueError:
            return self.answer(start_response, "400 Bad Request", is_zmi, "HEAD")
        try:
            length = sum(len(chunk) for chunk in answer)
        finally:
            if hasattr(answer, "close"):
                answer.close()
        status, headers = answered
        if not any(name.lower() == "content-length" for name, _ in headers):
            # Without it, a server would send HEAD's answer chunked.
            headers = [*headers, ("Content-Length", str(length))]
        start_response(status, with_safety_headers(headers, is_zmi))
        return []

    @staticmethod
    def answer(start_response, status, is_zmi, method, extra=()):
        text = status.encode()
        headers = [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(text))),
            *extra,
        ]
        start_response(status, with_safety_headers(headers, is_zmi))
        return [] if method == "HEAD" else [text]


def with_safety_headers(headers, is_zmi: bool):
    kept = [(name, value) for name, value in headers if name.lower() not in REPLACED]
    return kept + (ZMI_HEADERS if is_zmi else SITE_HEADERS)
