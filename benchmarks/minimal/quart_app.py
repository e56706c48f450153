"""The smallest Quart app with the starter's /health route: the reference for overhead.

As Quart's docs write it: ``Quart(__name__)`` and an ``async def`` view. It has a
secret key, as every Quart app in production does (the starter reads its own
from QUART_SECRET_KEY): with one, Quart opens the session on each request, and
the reference must pay for that too. Serve it with ``uvicorn quart_app:application``;
the benchmarks drive the ASGI callable.
"""

from quart import Quart, jsonify

application = Quart(__name__)
application.secret_key = "a-production-app-has-a-secret-key"


@application.get("/health")
async def health():
    return jsonify(status="ok", framework="quart")
