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
- 400 for form fields Zope cannot convert (``?name:int=x``), and for form
  bodies it cannot parse (a multipart body without a boundary), not a 500;
- 400 for a ``Host`` that is not one of the site's own names (ZOPE_ALLOWED_HOSTS):
  Zope builds absolute URLs (``<base href>``, links, redirects) from it;
- 403 for a cross-site request that could change something: the ZMI has no CSRF
  tokens, and the browser sends an administrator's basic-auth login along with
  a form that another site submits to it.

GET and HEAD never change the database either: events.py dooms their
transaction, so a link or an image on another site cannot call a ZMI method
such as ``manage_addFolder?id=x``.
"""

import codecs
import os
from io import BytesIO
from urllib.parse import urlsplit

from multipart import MultipartError, MultipartParser, parse_options_header
from ZPublisher import HTTPRequest

MAX_BODY = 1024 * 1024

# The host names the site answers to when ZOPE_ALLOWED_HOSTS is not set: this
# machine. Add the site's public name(s) in production, as Django's ALLOWED_HOSTS.
DEFAULT_ALLOWED_HOSTS = ("127.0.0.1", "localhost")

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
# Zope's own URLs (the ZMI) need no more than these: its forms use GET and POST.
# Zope would also take WebDAV's methods (PUT, DELETE, PROPFIND, ...); add them
# here if you use WebDAV.
ZOPE_METHODS = (*GET, "POST")
# Methods that only read: nothing else can change anything.
SAFE_METHODS = frozenset(GET)


def allowed_methods(path: str) -> tuple[str, ...]:
    """The methods ``path`` answers."""
    if path.startswith("/static/") or path.startswith("/++resource++"):
        return GET
    return METHODS.get(path.rstrip("/") or "/", ZOPE_METHODS)


def allowed_hosts() -> frozenset[str]:
    """ZOPE_ALLOWED_HOSTS (comma-separated host names, no ports), or the defaults."""
    names = os.environ.get("ZOPE_ALLOWED_HOSTS") or ",".join(DEFAULT_ALLOWED_HOSTS)
    return frozenset(name.strip().lower() for name in names.split(",") if name.strip())


def split_host(value: str) -> tuple[str, str] | None:
    """``host[:port]`` as (lower-case host, port), or None if it is not one."""
    value = value.strip().lower()
    if value.startswith("["):  # an IPv6 address: [::1]:8000
        host, bracket, port = value[1:].partition("]")
        if not bracket or (port and not port.startswith(":")):
            return None
        port = port[1:]
    else:
        host, _, port = value.partition(":")
    if not host or (port and not port.isdigit()):
        return None
    # A browser leaves the default port out of Origin; a Host may name it.
    return host, "" if port in ("80", "443") else port


def is_cross_site(environ) -> bool:
    """Whether a browser sent this request for a page of another origin.

    A browser says where a request comes from: ``Sec-Fetch-Site`` (every
    current browser), else ``Origin`` (sent with every cross-origin POST), else
    ``Referer``. Another port of the same host is another origin: a "same-site"
    request is refused too. A request with none of them is not a browser's
    cross-site request (a script, curl): forms from other sites always carry one.
    """
    fetch_site = environ.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    source = environ.get("HTTP_ORIGIN") or environ.get("HTTP_REFERER")
    if not source:
        return False
    try:
        origin = urlsplit(source)
    except ValueError:
        return True
    # "null" (a sandboxed frame, a file: page) and other schemes are cross-site.
    if origin.scheme not in ("http", "https") or not origin.netloc:
        return True
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    return split_host(origin.netloc) != split_host(host)


def is_malformed_form(environ, body: bytes) -> bool:
    """Whether Zope would fail on this form body: a 400 instead of a 500.

    Zope parses form bodies (urlencoded and multipart) itself, before any view
    runs; a multipart body without a boundary, a broken one, or an unknown
    charset make it raise errors that would end in a 500.
    """
    content_type, options = parse_options_header(environ.get("CONTENT_TYPE") or "")
    charset = options.get("charset")
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            return True
    if content_type.lower() != "multipart/form-data":
        return False
    boundary = options.get("boundary")
    if not boundary:
        return True
    # The parser and the limits Zope itself uses (zope.conf can change them).
    parser = MultipartParser(
        BytesIO(body),
        boundary,
        part_limit=HTTPRequest.FORM_PART_LIMIT,
        mem_limit=HTTPRequest.FORM_MEMORY_LIMIT,
        disk_limit=HTTPRequest.FORM_DISK_LIMIT,
        memfile_limit=HTTPRequest.FORM_MEMFILE_LIMIT,
        charset="latin-1",
    )
    try:
        for part in parser.parts():
            part.close()
    except (MultipartError, ValueError, LookupError):
        return True
    return False


class SafetyFilter:
    """Wraps a WSGI application; see the module's docstring."""

    def __init__(self, application):
        self.application = application
        # Read once, at start-up, like every other setting.
        self.allowed_hosts = allowed_hosts()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        is_zmi = "manage" in path
        # Zope writes the Host into absolute URLs and redirects: a forged one
        # (evil.example) would send visitors, and their next form, elsewhere.
        # Without a Host (HTTP/1.0), Zope uses the server's own address.
        host = environ.get("HTTP_HOST")
        if host is not None and not self.is_allowed(host):
            return self.answer(start_response, "400 Bad Request", is_zmi, method)
        if not self.is_allowed_virtual_host(path):
            return self.answer(start_response, "400 Bad Request", is_zmi, method)
        allowed = allowed_methods(path)
        if method not in allowed:
            extra = [("Allow", ", ".join(allowed))]
            return self.answer(start_response, "405 Method Not Allowed", is_zmi, method, extra)
        if method not in SAFE_METHODS and is_cross_site(environ):
            return self.answer(start_response, "403 Forbidden", is_zmi, method)
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
        else:
            body = b""
        if method not in SAFE_METHODS and is_malformed_form(environ, body):
            return self.answer(start_response, "400 Bad Request", is_zmi, method)
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

    def is_allowed(self, host: str) -> bool:
        """Whether ``host`` (a Host header's ``name[:port]``) names this site."""
        name = split_host(host)
        return name is not None and name[0] in self.allowed_hosts

    def is_allowed_virtual_host(self, path: str) -> bool:
        """Whether a virtual-hosting path names an allowed host (or there is none).

        Zope's virtual host monster (the root's ``virtual_hosting``) lets a
        front proxy say in the path which URL the visitor used:
        ``/VirtualHostBase/https/example.org:443/...``. Zope then builds its URLs
        from that host, so it must be one of the site's own, as the Host must.
        """
        segments = path.split("/")
        for index, segment in enumerate(segments):
            if segment == "VirtualHostBase":
                protocol, host = (segments[index + 1 : index + 3] + ["", ""])[:2]
                if protocol not in ("http", "https") or not self.is_allowed(host):
                    return False
        return True

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
