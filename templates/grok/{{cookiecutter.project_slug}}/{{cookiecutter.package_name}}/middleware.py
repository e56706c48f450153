"""A WSGI filter around the publisher: what every response and request goes through.

WSGI middleware wraps an application and sees every request and response;
this one does what the Zope Toolkit's publisher does not do by itself:

- 400 for a request whose ``Host`` is not one of the site's names (as
  Django's ALLOWED_HOSTS): Zope writes the Host into every absolute URL it
  makes (links, form actions, redirects), so a forged Host would otherwise
  send visitors, or a cache in between, to another site;
- security headers on every response, error pages and static files included
  (OWASP's HTTP headers cheat sheet);
- HEAD answered like GET, without a body but with the body's length;
- 400 for a path, or a cookie, that is not UTF-8 (the publisher would fail
  with a 500);
- 405 with ``Allow`` for a method a page of the site does not answer (the
  publisher would look for a PUT or DELETE view, and fail with a 500);
- request bodies over 1 MB refused with 413, and the body read into memory
  first, so a request the publisher runs again after a ConflictError reads
  the same body again under any server;
- 415 for a POST of XML (the publisher would read it as an XML-RPC or SOAP
  call, which this site does not offer, and fail on a malformed one with a 500).
"""

import os
import re
from http.cookies import CookieError, SimpleCookie
from io import BytesIO

MAX_BODY = 1024 * 1024

# The host names the site answers to when GROK_ALLOWED_HOSTS adds none.
DEFAULT_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# A Host header: a name or an IPv4 address, or an IPv6 one in brackets, and
# an optional port. Anything else (user info, a path, spaces) is refused.
HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:[0-9]{1,5})?")

# The Content-Security-Policy the site's own pages meet: everything from this
# site only, no inline scripts or styles, never inside another site's frame.
CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": CSP,
}

# The methods each page of the site answers (HEAD wherever GET is).
GET = ("GET", "HEAD")
FORM = (*GET, "POST")
METHODS = {
    "/": GET,
    "/health": GET,
    "/admin": GET,
    "/notes": FORM,
    "/login": FORM,
    "/@@login": FORM,
    "/logout": FORM,
}


def allowed_methods(path: str) -> tuple[str, ...] | None:
    """The methods ``path`` answers, or None for the URLs of other views."""
    if path.startswith("/static/") or path.startswith("/@@/"):
        return GET
    return METHODS.get(path.rstrip("/") or "/")


def allowed_hosts() -> frozenset[str]:
    """DEFAULT_HOSTS and the names in $GROK_ALLOWED_HOSTS (comma-separated)."""
    extra = os.environ.get("GROK_ALLOWED_HOSTS", "").split(",")
    return frozenset([*DEFAULT_HOSTS, *(name.strip().lower() for name in extra if name.strip())])


def host_name(host: str) -> str | None:
    """The name in a Host header (``Example.org:8080`` -> ``example.org``), None if malformed."""
    match = HOST.fullmatch(host.lower())
    return match.group(1) if match else None


def cookies_readable(header: str) -> bool:
    """Whether the publisher can read a Cookie header.

    It decodes each value as UTF-8 after undoing its quoting, and a quoted
    value such as ``"\\351"`` (an octal escape, Latin-1's é) is not UTF-8.
    """
    try:
        cookies = SimpleCookie(header)
    except CookieError:
        return True  # the publisher ignores a header it cannot parse
    try:
        for morsel in cookies.values():
            morsel.value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return False
    return True


def is_xml(content_type: str) -> bool:
    """Whether a Content-Type is the one the XML-RPC and SOAP publishers take."""
    return content_type.partition(";")[0].strip().lower() == "text/xml"


class SafetyFilter:
    """Wraps a WSGI application; see the module's docstring."""

    def __init__(self, application):
        self.application = application
        self.hosts = allowed_hosts()  # read once, after make_application() read .env

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        # A request without Host (HTTP/1.0) gets the server's own name from Zope.
        host = environ.get("HTTP_HOST")
        if host is not None and host_name(host) not in self.hosts:
            return self.answer(start_response, "400 Bad Request", method)
        try:
            # WSGI hands the path over as bytes decoded with latin-1.
            path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return self.answer(start_response, "400 Bad Request", method)
        if not cookies_readable(environ.get("HTTP_COOKIE", "")):
            return self.answer(start_response, "400 Bad Request", method)
        allowed = allowed_methods(path)
        if allowed is not None and method not in allowed:
            extra = [("Allow", ", ".join(allowed))]
            return self.answer(start_response, "405 Method Not Allowed", method, extra)
        if method == "POST" and is_xml(environ.get("CONTENT_TYPE", "")):
            return self.answer(start_response, "415 Unsupported Media Type", method)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.answer(start_response, "400 Bad Request", method)
        if length > MAX_BODY:
            return self.answer(start_response, "413 Content Too Large", method)
        environ = dict(environ)
        chunked = environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked"
        if length or chunked:
            body = environ["wsgi.input"].read(MAX_BODY + 1 if chunked else length)
            if len(body) > MAX_BODY:
                return self.answer(start_response, "413 Content Too Large", method)
            environ["wsgi.input"] = BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        if method == "HEAD":
            return self.head(environ, start_response)

        def start(status, headers, exc_info=None):
            return start_response(status, with_safety_headers(headers), exc_info)

        return self.application(environ, start)

    def head(self, environ, start_response):
        """HEAD: the answer to GET, without its body but with its length."""
        environ["REQUEST_METHOD"] = "GET"
        answered = []

        def start(status, headers, exc_info=None):
            answered[:] = [status, headers]
            return lambda data: None

        answer = self.application(environ, start)
        try:
            length = sum(len(chunk) for chunk in answer)
        finally:
            if hasattr(answer, "close"):
                answer.close()
        status, headers = answered
        if not any(name.lower() == "content-length" for name, _ in headers):
            # Without it, a server would send HEAD's answer chunked.
            headers = [*headers, ("Content-Length", str(length))]
        start_response(status, with_safety_headers(headers))
        return []

    @staticmethod
    def answer(start_response, status, method, extra=()):
        text = status.encode()
        headers = [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(text))),
            *extra,
        ]
        start_response(status, with_safety_headers(headers))
        return [] if method == "HEAD" else [text]


def with_safety_headers(headers):
    # X-Powered-By tells an attacker which software to look up: Zope sends it.
    kept = [
        (name, value)
        for name, value in headers
        if name.title() not in HEADERS and name.lower() != "x-powered-by"
    ]
    return kept + list(HEADERS.items())
