"""The smallest Litestar app with the starter's /health route: the reference for overhead.

As Litestar's docs write it: a ``@get`` handler returning a dict (sent as JSON)
and ``Litestar(route_handlers=[...])`` with its defaults (debug off, the OpenAPI
docs on). Serve it with ``uvicorn litestar_app:application``; the benchmarks
drive the ASGI callable.
"""

from litestar import Litestar, get


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok", "framework": "litestar"}


application = Litestar(route_handlers=[health])
