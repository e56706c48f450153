"""The smallest Falcon app with the starter's /health route: the reference for overhead.

As Falcon's WSGI tutorial writes it: ``falcon.App()`` with its defaults and a
resource whose ``on_get`` responder sets ``resp.media``, which Falcon's JSON
media handler serializes. Serve it with ``waitress-serve falcon_app:application``;
the benchmarks drive the WSGI callable.
"""

import falcon


class HealthResource:
    def on_get(self, req, resp):
        resp.media = {"status": "ok", "framework": "falcon"}


application = falcon.App()
application.add_route("/health", HealthResource())
