"""The files in static/, served by Falcon's own static route, for GET and HEAD only.

``app.add_static_route()`` serves a POST or a PUT there as if it were a GET
(falconry/falcon issue 2337), where a wrong method should answer 405. These
subclasses of Falcon's public ``StaticRoute`` refuse other methods first, and
the apps mount them as *sinks* (Falcon's handlers for a path prefix): a sink is
consulted only when no route matched, so /health pays nothing for it.
"""

from pathlib import Path

import falcon
from falcon.routing import StaticRoute, StaticRouteAsync

PREFIX = "/static"
FOLDER = Path(__file__).resolve().parent / "static"
# The methods a file answers; OPTIONS is Falcon's own answer for CORS preflights.
ALLOWED = ("GET", "HEAD", "OPTIONS")


def refuse_other_methods(req) -> None:
    if req.method not in ALLOWED:
        raise falcon.HTTPMethodNotAllowed(list(ALLOWED))


class StaticFiles(StaticRoute):
    """static/ for the WSGI app: a file, or 404 for any path outside the folder."""

    def __call__(self, req, resp, **kwargs):
        refuse_other_methods(req)
        super().__call__(req, resp, **kwargs)


class AsyncStaticFiles(StaticRouteAsync):
    """static/ for the ASGI app: the same, with the file read without blocking."""

    async def __call__(self, req, resp, ws=None, **kwargs):
        refuse_other_methods(req)
        await super().__call__(req, resp, ws, **kwargs)
