"""The app's safety net: a WSGI middleware around the whole TurboGears stack.

TurboGears leaves these to the application, so this starter adds them in one
place, following OWASP's cheat sheets (CSRF prevention, HTTP headers):

* a Host header that is not one of the site's names is refused (400), so a
  forged one never ends up in a redirect or a link (as Django's ALLOWED_HOSTS);
* security headers on every response: pages, static files and error pages;
* request bodies capped at ``MAX_BODY`` bytes (answered 413 beyond);
* malformed input: query parameters that are not UTF-8 text are dropped, and
  a form that is not is answered 400;
* a CSRF token on every state-changing request (POST /notes, the login and the
  logout), bound to the browser and to its login: see ``SecurityMiddleware``;
* no method override: TurboGears' RestController would take ``_method=put`` in
  a POST for a PUT; a request that sends ``_method`` is refused (400);
* every cookie HttpOnly and SameSite (Secure behind HTTPS), whoever sets it;
* no body in the answer to HEAD, whatever the server.

make_app() (config/application.py) wraps the app with it, outside TurboGears'
authentication, so the login and logout handlers are covered too.
"""

import hashlib
import hmac
import io
import re
import secrets
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs, unquote_to_bytes

from tg import request
from tg.exceptions import HTTPForbidden as TGForbidden
from webob import Request
from webob.exc import (
    HTTPBadRequest,
    HTTPForbidden,
    HTTPMethodNotAllowed,
    HTTPNotFound,
    HTTPRequestEntityTooLarge,
)

__all__ = ["CSRF_FIELD", "LOCAL_HOSTS", "MAX_BODY", "SecurityMiddleware", "require_csrf_token"]

# About 1 MB: far more than a 500-character note needs.
MAX_BODY = 1024 * 1024
CSRF_COOKIE = "csrf"
CSRF_FIELD = "_csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# The names of this machine, always allowed in the Host header; make_app() adds
# the ones in TG_ALLOWED_HOSTS.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# A Host header: a name or a bracketed IPv6 address, then an optional port.
HOST_PATTERN = re.compile(r"([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]+)?")
# The parameter some frameworks read to override the HTTP method of a POST.
METHOD_OVERRIDE = "_method"
# repoze.who answers these paths itself; logging in and out changes state: POST only.
POST_ONLY_PATHS = ("/login_handler", "/logout_handler")

# A Content-Security-Policy the pages meet: everything from this site only, no
# inline scripts or styles, no framing (clickjacking), forms post back here only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)
SECURITY_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),  # browsers trust the Content-Type we send
    ("X-Frame-Options", "DENY"),  # older browsers' frame-ancestors
    ("Referrer-Policy", "same-origin"),  # other sites are not told which page linked them
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
]
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")

CSRF_REFUSAL = "This form has expired or was sent from another site: reload it and try again."

StartResponse = Callable[..., Callable[[bytes], object]]
WSGIApp = Callable[[dict, StartResponse], Iterable[bytes]]


def host_name(host: str) -> str:
    """The name in a Host header, lower case, without the port ("" if it is not valid).

    "[::1]:8000" is "[::1]"; the pattern is Django's (a name or an IPv6 address
    in brackets, then an optional port), so "a:80@evil" is no name at all.
    """
    match = HOST_PATTERN.fullmatch(host.lower())
    return match.group(1) if match else ""


def host_is_allowed(host: str, allowed: Iterable[str]) -> bool:
    """True if ``host`` is one of ``allowed``; ".example.com" allows its subdomains too."""
    name = host_name(host).removesuffix(".")
    if not name:
        return False
    for pattern in (pattern.lower() for pattern in allowed):
        if name == pattern or (pattern.startswith(".") and f".{name}".endswith(pattern)):
            return True
    return False


def _is_text(raw: bytes) -> bool:
    """True if ``raw`` is UTF-8 text without NUL bytes."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in raw


class SecurityMiddleware:
    """Wraps the WSGI app: headers, body limit, input checks, CSRF, HEAD.

    A CSRF (cross-site request forgery) attack is a page on another site that
    makes your browser post to this one, with your cookies. The defence here is
    a *signed double-submit token* (OWASP's HMAC token): each browser gets a
    random value in a cookie (``csrf``), and every form carries ``_csrf_token``,
    an HMAC of that value and of the browser's login session
    (``login_session``, lib/auth.py), signed with the app's secret
    (``h.csrf_token()`` in the templates). Another site can make a browser send
    the cookie, but cannot read it nor the page, so it cannot put the matching
    token in its forged form: the post is refused with 403. Because the token is
    bound to the login too, a token seen before a login is worthless after it,
    and one planted with a cookie by someone else does not match your login.
    """

    def __init__(
        self,
        app: WSGIApp,
        secret: str,
        https: bool = False,
        allowed_hosts: Iterable[str] = LOCAL_HOSTS,
        login_session: Callable[[dict], str] | None = None,
    ) -> None:
        self.app = app
        self.secret = secret.encode("utf-8")
        self.https = https
        self.allowed_hosts = tuple(allowed_hosts)
        self.login_session = login_session or (lambda environ: "")

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        headers = list(SECURITY_HEADERS) + ([HSTS] if self.https else [])
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if host_is_allowed(host, self.allowed_hosts):
            cookie, new_cookie = self._csrf_cookie(environ)
            environ["csrf.token"] = self._sign(cookie, self.login_session(environ))
            refusal = self._refusal(environ)
        else:
            # Checked first: WebOb makes redirects absolute URLs with the Host
            # header, which the client chooses; refused, it never gets that far.
            new_cookie = False
            refusal = HTTPBadRequest("This site does not answer to that host name.")

        def secured_start_response(status, response_headers, exc_info=None):
            names = {name.lower() for name, _ in headers}
            response_headers = [
                (name, self._safe_cookie(value)) if name.lower() == "set-cookie" else (name, value)
                for name, value in response_headers
                if name.lower() not in names
            ]
            response_headers.extend(headers)
            content_type = next((v for k, v in response_headers if k.lower() == "content-type"), "")
            # Give a new visitor the cookie with the first page (a form may be on it).
            if new_cookie and content_type.startswith("text/html"):
                response_headers.append(("Set-Cookie", self._cookie_header(cookie)))
            return start_response(status, response_headers, exc_info)

        app = refusal if refusal is not None else self.app
        body = app(environ, secured_start_response)
        if environ["REQUEST_METHOD"] == "HEAD":
            # HEAD is GET without the body: some servers send what the app returns.
            if hasattr(body, "close"):
                body.close()
            return []
        return body

    def _refusal(self, environ: dict) -> WSGIApp | None:
        """The error to answer instead of the app, or None when the request may go on."""
        method = environ["REQUEST_METHOD"]
        if environ.get("PATH_INFO") in POST_ONLY_PATHS and method != "POST":
            return HTTPMethodNotAllowed(headers={"Allow": "POST"})
        if not _is_text(environ.get("PATH_INFO", "").encode("latin-1", "replace")):
            return HTTPNotFound()  # no URL of this app has such a path
        # A query parameter that is not UTF-8 text is dropped, as if it was not sent.
        query = environ.get("QUERY_STRING", "")
        if query and not _is_text(unquote_to_bytes(query.encode("latin-1", "replace"))):
            environ["QUERY_STRING"] = "&".join(
                pair
                for pair in query.split("&")
                if _is_text(unquote_to_bytes(pair.encode("latin-1", "replace").replace(b"+", b" ")))
            )
        if METHOD_OVERRIDE in parse_qs(environ.get("QUERY_STRING", "")):
            return HTTPBadRequest("Send the HTTP method itself: _method is not read here.")
        if method in SAFE_METHODS:
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HTTPBadRequest("Bad Content-Length.")
        if length > MAX_BODY:
            return HTTPRequestEntityTooLarge(f"Requests are limited to {MAX_BODY} bytes.")
        if not length and environ.get("wsgi.input_terminated"):
            # A chunked body has no Content-Length: read at most the limit, then refuse.
            data = environ["wsgi.input"].read(MAX_BODY + 1)
            if len(data) > MAX_BODY:
                return HTTPRequestEntityTooLarge(f"Requests are limited to {MAX_BODY} bytes.")
            environ["wsgi.input"] = io.BytesIO(data)
            environ["CONTENT_LENGTH"] = str(len(data))
        request = Request(environ)
        if request.content_type == "application/x-www-form-urlencoded":
            if not _is_text(unquote_to_bytes(request.body.replace(b"+", b" "))):
                return HTTPBadRequest("The form is not UTF-8 text.")
        try:
            form = request.POST
            sent = form.get(CSRF_FIELD, "")
        except (UnicodeDecodeError, ValueError):
            return HTTPBadRequest("The form could not be read.")
        if METHOD_OVERRIDE in form:
            # RestController would dispatch POST /notes with _method=put to put().
            return HTTPBadRequest("Send the HTTP method itself: _method is not read here.")
        valid = isinstance(sent, str) and hmac.compare_digest(sent, environ["csrf.token"])
        environ["csrf.valid"] = valid
        # repoze.who answers the login and logout itself, so check them here; the
        # app's own actions check with @before_validate(require_csrf_token), which
        # runs after TurboGears has answered a wrong method with 405.
        if not valid and environ.get("PATH_INFO") in POST_ONLY_PATHS:
            return HTTPForbidden(CSRF_REFUSAL)
        return None

    def _csrf_cookie(self, environ: dict) -> tuple[str, bool]:
        """This browser's random CSRF value, and whether it is new (no valid cookie yet)."""
        value = Request(environ).cookies.get(CSRF_COOKIE, "")
        if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
            return value, False
        return secrets.token_hex(32), True

    def _sign(self, value: str, login_session: str) -> str:
        message = f"{value}:{login_session}".encode("ascii")
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def _safe_cookie(self, header: str) -> str:
        """A Set-Cookie header with HttpOnly, SameSite (Lax unless it names one) and,
        behind HTTPS, Secure: whoever set it. TurboGears' own flash message (which
        @require sends when it refuses a page) sets its cookie without HttpOnly."""
        attributes = {part.split("=")[0].strip().lower() for part in header.split(";")[1:]}
        if "httponly" not in attributes:
            header += "; HttpOnly"
        if "samesite" not in attributes:
            header += "; SameSite=Lax"
        if self.https and "secure" not in attributes:
            header += "; Secure"
        return header

    def _cookie_header(self, value: str) -> str:
        # HttpOnly: scripts cannot read it; SameSite=Lax: other sites' posts do not
        # carry it; Secure (behind HTTPS): never sent over plain HTTP.
        secure = "; Secure" if self.https else ""
        return f"{CSRF_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax{secure}"


def require_csrf_token(remainder, params) -> None:
    """A TurboGears hook: ``@before_validate(require_csrf_token)`` on an action that
    changes state refuses (403) a request without this browser's CSRF token."""
    if not request.environ.get("csrf.valid"):
        raise TGForbidden(CSRF_REFUSAL)
    # The token has done its job: the action (and its error handler) never see it.
    params.pop(CSRF_FIELD, None)
