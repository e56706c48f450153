"""The smallest Falcon ASGI app with the starter's /health route: the reference for overhead.

As Falcon's ASGI tutorial writes it: ``falcon.asgi.App()`` with its defaults and
a resource whose ``async def on_get`` responder sets ``resp.media``. Serve it
with ``uvicorn falcon_asgi_app:application``; a benchmark of the starter's ASGI
side drives this ASGI callable.
"""

import falcon.asgi


class HealthResource:
    async def on_get(self, req, resp):
        resp.media = {"status": "ok", "framework": "falcon"}


application = falcon.asgi.App()
application.add_route("/health", HealthResource())
