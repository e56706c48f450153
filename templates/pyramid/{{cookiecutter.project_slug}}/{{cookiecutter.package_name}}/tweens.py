"""The safety net around every request: a Pyramid tween.

A tween wraps Pyramid's request handling, so it sees every request before any
view and every response after, error pages and static files included. Pyramid
leaves these to the application, so this starter adds them in one place
(OWASP's cheat sheets on HTTP headers and input validation):

* a Host header that is not one of the site's names is refused (400), so a
  forged one never ends up in a redirect or a link (as Django's ALLOWED_HOSTS);
* request bodies are capped at ``MAX_BODY`` bytes (413 beyond);
* a form that cannot be read (not UTF-8, a broken multipart body) is refused
  with 400 before a view or the CSRF check reads it;
* every response carries the security headers of security_headers.py, and
  Strict-Transport-Security behind HTTPS.
"""

import io
import re
from urllib.parse import unquote_to_bytes

from pyramid.httpexceptions import HTTPBadRequest, HTTPRequestEntityTooLarge
from pyramid.tweens import INGRESS

from .security_headers import SECURITY_HEADERS

__all__ = ["LOCAL_HOSTS", "MAX_BODY", "host_is_allowed", "includeme", "security_tween_factory"]

# About 1 MB: far more than a 500-character note needs.
MAX_BODY = 1024 * 1024
# This machine's names, always allowed; PYRAMID_ALLOWED_HOSTS adds the site's own.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# A Host header: a name or a bracketed IPv6 address, then an optional port.
HOST = re.compile(r"([a-z0-9.-]+|\[[a-f0-9:.]+\])(?::[0-9]{1,5})?")
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
READS_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def host_is_allowed(host: str, allowed: frozenset[str]) -> bool:
    """Whether the Host header ``host`` names one of ``allowed``.

    An entry that starts with a dot (".example.com") allows the domain and its subdomains.
    """
    match = HOST.fullmatch(host.lower())
    if match is None:
        return False
    name = match.group(1)
    if name in allowed:
        return True
    return any(
        entry.startswith(".") and (name.endswith(entry) or name == entry[1:]) for entry in allowed
    )


def security_tween_factory(handler, registry):
    """The tween: ``handler`` is the rest of Pyramid; what is returned wraps it."""
    settings = registry.settings
    extra_hosts = settings.get("app.allowed_hosts", "").replace(",", " ").split()
    allowed = frozenset([*LOCAL_HOSTS, *(host.lower() for host in extra_hosts)])
    headers = SECURITY_HEADERS + ([HSTS] if settings.get("app.https") else [])

    # The Host headers already found allowed: a site is reached by few names.
    known_hosts = set()

    def security_tween(request):
        environ = request.environ
        host = environ.get("HTTP_HOST")
        if host not in known_hosts:
            if not host_is_allowed(host or request.host, allowed):
                response = HTTPBadRequest("This site is not served under that host name.")
                response.headerlist.extend(headers)
                return response
            if host and len(known_hosts) < 100:
                known_hosts.add(host)
        if environ["REQUEST_METHOD"] in READS_BODY:
            response = refuse_body(request) or handler(request)
        else:
            response = handler(request)
        # Added once, to every response: no view of this app sets them itself.
        response.headerlist.extend(headers)
        return response

    return security_tween


def refuse_body(request):
    """The error response a request with a body earns before any view runs, or None."""
    length = request.content_length
    if length is not None and length > MAX_BODY:
        return HTTPRequestEntityTooLarge(f"Requests are limited to {MAX_BODY} bytes.")
    if length is None and request.environ.get("wsgi.input_terminated"):
        # A chunked body has no Content-Length: read at most the limit, then decide.
        data = request.environ["wsgi.input"].read(MAX_BODY + 1)
        if len(data) > MAX_BODY:
            return HTTPRequestEntityTooLarge(f"Requests are limited to {MAX_BODY} bytes.")
        request.environ["wsgi.input"] = io.BytesIO(data)
        request.environ["CONTENT_LENGTH"] = str(len(data))
    if request.content_type == "application/x-www-form-urlencoded":
        # WebOb would quietly turn bytes that are not UTF-8 into "\ufffd" characters.
        try:
            unquote_to_bytes(request.body).decode("utf-8")
        except UnicodeDecodeError:
            return HTTPBadRequest("The form is not UTF-8 text.")
    try:
        # Read the form now: a body WebOb cannot parse (a broken multipart body)
        # becomes a 400 here, not a 500 in the CSRF check or the view.
        request.POST  # noqa: B018
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return HTTPBadRequest("The form could not be read.")
    return None


def includeme(config):
    # Outermost: right under the ingress, around Pyramid's error views and pyramid_tm.
    config.add_tween(f"{__name__}.security_tween_factory", under=INGRESS)
