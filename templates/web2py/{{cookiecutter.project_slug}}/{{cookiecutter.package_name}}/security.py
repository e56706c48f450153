"""What every response needs, added around the WSGI application.

This is WSGI middleware: a callable that wraps the application, so it sees each
request before py4web and each response after it, static files and error pages
included. (A py4web fixture runs only around the actions that use it, and the
router rebuilds the headers of its own 404 and 405 answers.)
"""

# About 1 MB: far more than any form here sends, little enough for a server to
# read into memory. A request announcing a larger body is refused unread (413).
MAX_BODY_BYTES = 1024 * 1024

# OWASP's HTTP headers cheat sheet: the browser must not guess content types,
# frame these pages in another site, or send full URLs to other sites. The
# Content-Security-Policy allows scripts, styles and images from this site only,
# and forms that post back to it; the pages keep all their CSS in static files.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
        "base-uri 'self'; object-src 'none'"
    ),
}


def secure_headers(application, *, https=False):
    """Wrap ``application``: cap request bodies, add the security headers.

    With ``https`` (PY4WEB_HTTPS=1, behind a TLS proxy) requests count as
    HTTPS, so py4web builds https:// links, and every cookie is marked Secure.
    """

    def middleware(environ, start_response):
        if https:
            environ["wsgi.url_scheme"] = "https"
        try:
            # WSGI gives the path as latin-1 text; it must be UTF-8 underneath.
            environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        except UnicodeError:
            return _refuse(environ, start_response, "400 Bad Request", b"The path is not UTF-8.")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refuse(environ, start_response, "400 Bad Request", b"Bad Content-Length.")
        if length > MAX_BODY_BYTES:
            return _refuse(environ, start_response, "413 Content Too Large", b"Too large.")

        def start_with_headers(status, headers, exc_info=None):
            headers = [_cookie_flags(item, https) for item in headers]
            present = {name.lower() for name, _ in headers}
            headers += [(k, v) for k, v in SECURITY_HEADERS.items() if k.lower() not in present]
            return start_response(status, headers, exc_info)

        return application(environ, start_with_headers)

    return middleware


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
    start_response(status, headers + list(SECURITY_HEADERS.items()))
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
