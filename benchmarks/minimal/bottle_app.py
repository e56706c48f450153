"""The smallest Bottle app with the starter's /health route: the reference for overhead.

Debug is off, as it is by default: bottle.debug() is never called.
"""

from bottle import Bottle

application = Bottle()


@application.get("/health")
def health():
    # Bottle turns a returned dict into a JSON response.
    return {"status": "ok", "framework": "bottle"}
