"""The app's safety net: a WSGI middleware around the whole TurboGears stack.

TurboGears leaves these to the application, so this starter adds them in one
place, following OWASP's cheat sheets (CSRF prevention, HTTP headers):

* security headers on every response: pages, static files and error pages;
* request bodies capped at ``MAX_BODY`` bytes (answered 413 beyond);
* malformed input: query parameters that are not UTF-8 text are dropped, and
  a form that is not is answered 400;
* a CSRF token on every state-changing request (POST /notes, the login and the
  logout): see ``CSRFMiddleware`` below;
* no body in the answer to HEAD, whatever the server.

make_app() (config/application.py) wraps the app with it, outside TurboGears'
authentication, so the login and logout handlers are covered too.
"""

import hashlib
import hmac
import io
import secrets
from collections.abc import Callable, Iterable
from urllib.parse import unquote_to_bytes

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

__all__ = ["CSRF_FIELD", "MAX_BODY", "SecurityMiddleware", "require_csrf_token"]

# About 1 MB: far more than a 500-character note needs.
MAX_BODY = 1024 * 1024
CSRF_COOKIE = "csrf"
CSRF_FIELD = "_csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
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
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
]
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")

CSRF_REFUSAL = "This form has expired or was sent from another site: reload it and try again."

StartResponse = Callable[..., Callable[[bytes], object]]
WSGIApp = Callable[[dict, StartResponse], Iterable[bytes]]


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
    a *signed double-submit token*: each browser gets a random value in a
    cookie (``csrf``), and every form carries ``_csrf_token``, an HMAC of that
    value signed with the app's secret (``h.csrf_token()`` in the templates).
    Another site can make a browser send the cookie, but cannot read it nor the
    page, so it cannot put the matching token in its forged form: the post is
    refused with 403.
    """

    def __init__(self, app: WSGIApp, secret: str, https: bool = False) -> None:
        self.app = app
        self.secret = secret.encode("utf-8")
        self.https = https

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        headers = list(SECURITY_HEADERS) + ([HSTS] if self.https else [])
        cookie, new_cookie = self._csrf_cookie(environ)
        environ["csrf.token"] = self._sign(cookie)

        def secured_start_response(status, response_headers, exc_info=None):
            names = {name.lower() for name, _ in headers}
            response_headers = [h for h in response_headers if h[0].lower() not in names]
            response_headers.extend(headers)
            content_type = next((v for k, v in response_headers if k.lower() == "content-type"), "")
            # Give a new visitor the cookie with the first page (a form may be on it).
            if new_cookie and content_type.startswith("text/html"):
                response_headers.append(("Set-Cookie", self._cookie_header(cookie)))
            return start_response(status, response_headers, exc_info)

        refusal = self._refusal(environ)
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
            sent = request.POST.get(CSRF_FIELD, "")
        except (UnicodeDecodeError, ValueError):
            return HTTPBadRequest("The form could not be read.")
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

    def _sign(self, value: str) -> str:
        return hmac.new(self.secret, value.encode("ascii"), hashlib.sha256).hexdigest()

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
