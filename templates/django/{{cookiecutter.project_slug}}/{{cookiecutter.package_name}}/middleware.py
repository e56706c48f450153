"""Project middleware: small classes that see every request and response.

MIDDLEWARE in settings/base.py lists them in order; each one wraps the next.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

GetResponse = Callable[[HttpRequest], HttpResponseBase]


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy built from ``settings.SECURE_CSP``.

    A CSP tells the browser where a page may load scripts, styles and images
    from; ``default-src 'self'`` allows this site only, which stops injected
    markup from pulling in or running anything else. Django 6.0 has this
    middleware built in (``django.middleware.csp``); this one does the same for
    Django 5.2, and settings/base.py picks whichever the installed Django needs.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.policy = "; ".join(
            f"{directive} {' '.join(values)}" for directive, values in settings.SECURE_CSP.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # A view that sets its own policy keeps it.
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class HeadWithoutBodyMiddleware:
    """Answer HEAD with GET's status and headers, and no body.

    Django runs a GET view for a HEAD request. Its development server then drops
    the body, but WSGI servers such as waitress send whatever the application
    returns, so the body is removed here. Content-Length stays that of GET, as
    HTTP asks.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                response.content = b""
        return response
