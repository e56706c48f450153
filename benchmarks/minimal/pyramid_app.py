"""The smallest Pyramid app with the starter's /health route: the reference for overhead.

A Configurator with one route and one view rendered by Pyramid's JSON renderer,
as Pyramid's own "Hello World" and its narrative docs write them; no tweens,
no session, no security policy.
"""

from pyramid.config import Configurator


def health(request):
    return {"status": "ok", "framework": "pyramid"}


with Configurator() as config:
    config.add_route("health", "/health")
    config.add_view(health, route_name="health", renderer="json")
application = config.make_wsgi_app()
