"""The ASGI application: ``create_app()`` builds a ``falcon.asgi.App``.

asgi.py serves it; tests build their own with ``create_app(settings)``. It is
app.py with falcon.asgi.App and the resources of asgi_resources.py: routing,
middleware and static files are set up with the same calls.
"""

import falcon.asgi

from .asgi_resources import Greeting, Health, Index
from .config import Settings, get_settings
from .middleware import SecurityHeaders
from .static_files import FOLDER, PREFIX, AsyncStaticFiles


def create_app(settings: Settings | None = None) -> falcon.asgi.App:
    """Create and configure the ASGI application."""
    if settings is None:
        settings = get_settings()
    # Middleware components run around every request, in the order listed; the
    # ASGI app calls their async methods (SecurityHeaders.process_response_async).
    app = falcon.asgi.App(middleware=[SecurityHeaders()])

    # Routing: each URL template maps to one resource instance, shared by every
    # request (so a resource keeps no per-request state). Falcon matches the
    # path exactly: "/health/" is 404, not a redirect. falcon.asgi.App refuses
    # a resource whose responders are not coroutines.
    app.add_route("/", Index(settings))
    app.add_route("/health", Health())
    app.add_route("/api/greeting", Greeting())
    # The files in static/, and nothing outside it (404), GET and HEAD only
    # (static_files.py says why it is a sink). Falcon's docs advise letting a
    # web server or a CDN serve them in front of a busy site.
    app.add_sink(AsyncStaticFiles(PREFIX, FOLDER), PREFIX + "/")
    return app
