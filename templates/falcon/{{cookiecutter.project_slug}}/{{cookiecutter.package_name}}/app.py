"""The WSGI application: ``create_app()`` builds a ``falcon.App``.

wsgi.py and ``python -m {{ cookiecutter.package_name }}`` serve it; tests build
their own with ``create_app(settings)``. asgi_app.py builds the ASGI twin from
the same parts.
"""

import falcon

from .config import Settings, get_settings
from .middleware import SecurityHeaders
from .resources import Greeting, Health, Index
from .static_files import FOLDER, PREFIX, StaticFiles


def create_app(settings: Settings | None = None) -> falcon.App:
    """Create and configure the WSGI application."""
    if settings is None:
        settings = get_settings()
    # Middleware components run around every request, in the order listed.
    app = falcon.App(middleware=[SecurityHeaders()])

    # Routing: each URL template maps to one resource instance, shared by every
    # request (so a resource keeps no per-request state). Falcon matches the
    # path exactly: "/health/" is 404, not a redirect.
    app.add_route("/", Index(settings))
    app.add_route("/health", Health())
    app.add_route("/api/greeting", Greeting())
    # The files in static/, and nothing outside it (404), GET and HEAD only
    # (static_files.py says why it is a sink). Falcon's docs advise letting a
    # web server or a CDN serve them in front of a busy site.
    app.add_sink(StaticFiles(PREFIX, FOLDER), PREFIX + "/")
    return app
