"""What every request and response needs, before py4web routes it and after.

``secure_headers`` is WSGI middleware: a callable that wraps the application, so
it sees each request before py4web and each response after it, static files and
error pages included. (A py4web fixture runs only around the actions that use
it, and the router rebuilds the headers of its own 404 and 405 answers.)
``refuse_bad_requests`` is a py4web hook that runs before routing.

Both run on every request, so they do their work once where they can (the
header list is built here, at import) and look only at what a request has: no
query string, no body, no cookie means nothing to check.
"""

from ombott.request_pkg.errors import RequestError
from py4web import abort, request

# About 1 MB: far more than any form here sends, little enough for a server to
# read into memory. A request announcing a larger body is refused unread (413).
MAX_BODY_BYTES = 1024 * 1024

# OWASP's HTTP headers cheat sheet: the browser must not guess content types,
# frame these pages in another site, or send full URLs to other sites. The
# Content-Security-Policy allows scripts, styles and images from this site only,
# and forms that post back to it; the pages keep all their CSS in static files.
SECURITY_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    (
        "Content-Security-Policy",
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
        "base-uri 'self'; object-src 'none'",
    ),
]
# Their names as HTTP compares them (case-insensitively): a response that sets
# one of these itself keeps its own value.
_SECURITY_NAMES = frozenset(name.lower() for name, _ in SECURITY_HEADERS)


def secure_headers(application, *, https=False):
    """Wrap ``application``: cap request bodies, add the security headers.

    With ``https`` (PY4WEB_HTTPS=1, behind a TLS proxy) requests count as
    HTTPS, so py4web builds https:// links, and every cookie is marked Secure.
    """

    def middleware(environ, start_response):
        if https:
            environ["wsgi.url_scheme"] = "https"
        # WSGI gives the path as latin-1 text; it must be UTF-8 underneath
        # (an ASCII path, the usual one, is).
        path = environ.get("PATH_INFO", "")
        if not path.isascii() and not _is_utf8(path):
            return _refuse(environ, start_response, "400 Bad Request", b"The path is not UTF-8.")
        length = environ.get("CONTENT_LENGTH")
        if length:
            try:
                too_large = int(length) > MAX_BODY_BYTES
            except ValueError:
                return _refuse(environ, start_response, "400 Bad Request", b"Bad Content-Length.")
            if too_large:
                return _refuse(environ, start_response, "413 Content Too Large", b"Too large.")

        def start_with_headers(status, headers, exc_info=None):
            names = {name.lower() for name, _ in headers}
            if "set-cookie" in names:
                headers = [_cookie_flags(item, https) for item in headers]
            if names.isdisjoint(_SECURITY_NAMES):
                headers = headers + SECURITY_HEADERS
            else:
                headers = headers + [h for h in SECURITY_HEADERS if h[0].lower() not in names]
            return start_response(status, headers, exc_info)

        return application(environ, start_with_headers)

    return middleware


def _is_utf8(path):
    """Whether a WSGI path (latin-1 text) holds UTF-8 bytes."""
    try:
        path.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return False
    return True


def _cookie_flags(header, https):
    """Give a Set-Cookie header the flags OWASP's session cheat sheet asks for.

    py4web's session cookie has them already; its flash and form-key cookies
    lack some. HttpOnly: no script of these pages reads a cookie, so an injected
    script cannot steal one either. SameSite=Lax: the browser leaves the cookie
    out of cross-site POSTs. Secure (over HTTPS): never sent over plain http.
    """
    name, value = header
    if name.lower() != "set-cookie":
        return header
    attributes = {part.strip().split("=")[0].lower() for part in value.split(";")[1:]}
    if "httponly" not in attributes:
        value += "; HttpOnly"
    if "samesite" not in attributes:
        value += "; SameSite=Lax"
    if https and "secure" not in attributes:
        value += "; Secure"
    return name, value


def _refuse(environ, start_response, status, body):
    """Answer a request the application never sees (HEAD: headers only)."""
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    start_response(status, headers + SECURITY_HEADERS)
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def refuse_bad_requests():
    """Answer 404 to a path with a ``..`` segment, 400 to a body that cannot be read.

    A URL such as /static/../wsgi.py must be "not found", like any other path
    that is not there (py4web's file server would answer 403). A body that is
    not what its Content-Type says (a broken multipart form, invalid JSON, JSON
    that is not an object) is the client's mistake, 400, not a server error
    when py4web reads it. A repeated parameter (name=a&name=b) arrives as a
    list, which py4web's own code does not always expect: it keeps its last
    value, as a single form field would.
    """
    environ = request.environ
    # py4web has decoded PATH_INFO by now (the middleware checked it was UTF-8).
    path = environ["PATH_INFO"]
    if ".." in path and ".." in path.split("/"):
        abort(404)
    parameters = [request.query] if environ.get("QUERY_STRING") else []
    if environ.get("REQUEST_METHOD", "GET").upper() in {"POST", "PUT", "PATCH", "DELETE"}:
        try:
            body = request.json  # None unless the body is JSON
            parameters += [request.POST, request.forms]  # parsed once, kept for the action
        except RequestError:
            abort(400, "The request body could not be read.")
        if body is not None and not isinstance(body, dict):
            abort(400, "A JSON body must be an object.")
    for values in parameters:
        for name, value in list(values.items()):
            if isinstance(value, list):
                values[name] = value[-1]
