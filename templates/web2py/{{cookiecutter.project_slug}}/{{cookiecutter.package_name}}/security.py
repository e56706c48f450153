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

import re
from urllib.parse import urljoin, urlsplit

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


# Request headers a client can send that py4web would believe about where it is
# served: X-Forwarded-Host and X-Forwarded-Proto (ombott prefers them to Host and
# to the server's own scheme when it builds absolute URLs) and py4web's
# X-Py4web-Appname (for a proxy that maps a domain to one app). This project takes
# its host from Host, checked below, and its scheme from PY4WEB_HTTPS, so they go.
_PROXY_HEADERS = ("HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PROTO", "HTTP_X_PY4WEB_APPNAME")

# A Host header: a name or an IPv4 address, or an IPv6 address in brackets, then
# perhaps a port.
_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:[0-9]{1,5})?")


def secure_headers(application, *, https=False, allowed_hosts=("127.0.0.1", "localhost")):
    """Wrap ``application``: check the Host, cap request bodies, add the security headers.

    With ``https`` (PY4WEB_HTTPS=1, behind a TLS proxy) requests count as
    HTTPS, so py4web builds https:// links, and every cookie is marked Secure.
    A request whose Host header names none of ``allowed_hosts`` is refused.
    """
    allowed_hosts = frozenset(name.lower().rstrip(".") for name in allowed_hosts)

    def middleware(environ, start_response):
        for name in _PROXY_HEADERS:
            environ.pop(name, None)
        # The Host header is the client's to write: py4web copies it into the
        # absolute URLs it builds (the login form posts to //<host>/auth/login),
        # so a forged one would send forms and links to another site. As Django's
        # ALLOWED_HOSTS does, a host this site does not serve is a bad request.
        host = environ.get("HTTP_HOST")
        if host is not None and _host_name(host) not in allowed_hosts:
            return _refuse(environ, start_response, "400 Bad Request", b"Unknown host.")
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
            if "location" in names:
                headers = [_same_site_location(item, environ) for item in headers]
            if names.isdisjoint(_SECURITY_NAMES):
                headers = headers + SECURITY_HEADERS
            else:
                headers = headers + [h for h in SECURITY_HEADERS if h[0].lower() not in names]
            return start_response(status, headers, exc_info)

        return application(environ, start_with_headers)

    return middleware


def _host_name(host):
    """The name in a Host header, lowercase, without its port; "" if it is malformed."""
    match = _HOST.fullmatch(host.strip().lower())
    return match.group(1).rstrip(".") if match else ""


def is_same_site_path(target):
    """Whether ``target`` is a path on this site, safe to redirect a browser to.

    It must start with one "/": "//evil.example" is another site, and so is
    "/\\evil.example" (browsers read a backslash as a slash).
    """
    return target.startswith("/") and not target.startswith("//") and _is_url_text(target)


def _is_url_text(text):
    """Whether ``text`` is printable ASCII with no backslash, as a safe URL is.

    Browsers drop tabs and newlines from a URL ("/\t/evil.example" becomes
    "//evil.example") and read a backslash as a slash; a URL carries any other
    character percent-encoded.
    """
    return all("!" <= character <= "~" for character in text) and "\\" not in text


def _same_site_location(header, environ):
    """Keep a redirect on this site: a Location elsewhere becomes "/".

    Whatever chose the target (a ``next`` parameter from the query string, an
    Auth page, a plugin added later), the browser only ever goes to a path of
    this site, or to an absolute URL naming this site's own (checked) host.
    A relative target ("login") is resolved against the request's path first.
    """
    name, value = header
    if name.lower() != "location":
        return header
    if _is_url_text(value):
        base = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        target = urljoin(base if base.startswith("/") else "/", value)
        if is_same_site_path(target):
            return name, target
        parts = urlsplit(target)
        own_host = environ.get("HTTP_HOST", "").lower()
        if parts.scheme in {"http", "https"} and own_host and parts.netloc.lower() == own_host:
            return name, target
    return name, "/"


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
    value, as a single form field would. A ``next`` parameter (where Auth's
    login page sends the browser afterwards) that is not a path of this site is
    dropped, so Auth goes to its default page instead.
    """
    environ = request.environ
    # py4web has decoded PATH_INFO by now (the middleware checked it was UTF-8).
    path = environ["PATH_INFO"]
    if ".." in path and ".." in path.split("/"):
        abort(404)
    parameters = [request.query] if environ.get("QUERY_STRING") else []
    if environ.get("REQUEST_METHOD", "GET").upper() in {"POST", "PUT", "PATCH", "DELETE"}:
        multipart = request.content_type.startswith("multipart/")
        try:
            if multipart and not _multipart_is_whole():
                abort(400, "The multipart body is malformed or cut short.")
            body = request.json  # None unless the body is JSON
            parameters += [request.POST, request.forms]  # parsed once, kept for the action
        except RequestError:
            abort(400, "The request body could not be read.")
        except (LookupError, ValueError, AssertionError):
            # What py4web's multipart parser raises on a malformed part: a part
            # with no name (KeyError), text that is not UTF-8 (UnicodeDecodeError).
            abort(400, "The request body could not be read.")
        if body is not None and not isinstance(body, dict):
            abort(400, "A JSON body must be an object.")
        if multipart and not request.POST:
            # A multipart body has one part at least (RFC 2046); the parser
            # skips a part it cannot name, which leaves none.
            abort(400, "The multipart body has no field.")
    for values in parameters:
        for name, value in list(values.items()):
            if isinstance(value, list):
                values[name] = value[-1]
        if "next" in values and not is_same_site_path(values["next"]):
            del values["next"]


# A multipart boundary: 1 to 70 characters, as RFC 2046 says. It names a stricter
# set of characters than this (printable ASCII but spaces, quotes and semicolons),
# which some clients do not keep to: WebTest's boundaries end with a "$".
_BOUNDARY = re.compile(r"[!#-:<-~]{1,70}")
_BOUNDARY_PARAMETER = re.compile(r';\s*boundary=("?)(.*?)\1\s*(?:;|$)', re.IGNORECASE)


def _multipart_is_whole():
    """Whether a multipart body names a valid boundary and ends with ``--<boundary>--``.

    py4web's parser reads a body cut short before that last line as a form
    with no fields, as if nothing had been posted.
    """
    # The boundary as sent: request.content_type is lowercased, a boundary is not.
    match = _BOUNDARY_PARAMETER.search(request.environ.get("CONTENT_TYPE", ""))
    if match is None or not _BOUNDARY.fullmatch(match.group(2)):
        return False
    body = request.body
    content = body.read()
    body.seek(0)
    return b"--" + match.group(2).encode("ascii") + b"--" in content
