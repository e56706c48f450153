"""The security headers every response carries, and the WSGI middleware that adds them.

Sent with every response, pages, static files and errors alike (OWASP's HTTP
headers cheat sheet). The Content-Security-Policy lets the browser load
scripts, styles and images from this site only, so injected markup cannot run;
that is also why the pages keep every style in static/style.css.
"""

# A list of (name, value) pairs, as WSGI sends headers: it is built once, and
# each response's headers are extended with it in one step.
SECURITY_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),  # trust Content-Type, never guess it
    ("X-Frame-Options", "DENY"),  # no other site may show these pages in a frame
    ("Referrer-Policy", "same-origin"),  # other sites are not told which page linked them
]
SECURITY_HEADER_NAMES = frozenset(name.lower() for name, _value in SECURITY_HEADERS)


def with_security_headers(headers):
    """``headers`` and each of SECURITY_HEADERS it lacks: a header the app set wins."""
    # A plain loop: every response passes here, and it costs half what a generator does.
    for name, _value in headers:
        if name.lower() in SECURITY_HEADER_NAMES:
            break
    else:
        return headers + SECURITY_HEADERS  # the usual case, in one step
    present = {name.lower() for name, _value in headers}
    return headers + [header for header in SECURITY_HEADERS if header[0].lower() not in present]


# WSGI middleware takes a WSGI application and returns one that calls it; this
# one adds the headers to whatever the app answers, error pages included.
def security_headers(wsgi_app):
    """WSGI middleware: add SECURITY_HEADERS to every response ``wsgi_app`` sends."""

    def middleware(environ, start_response):
        def start_response_with_headers(status, headers, exc_info=None):
            return start_response(status, with_security_headers(headers), exc_info)

        return wsgi_app(environ, start_response_with_headers)

    return middleware
