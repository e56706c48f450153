"""The smallest FastAPI app with the starter's /health route: the reference for overhead.

As FastAPI's tutorial writes it: ``FastAPI()`` with its defaults (debug off, the
API docs on) and an ``async def`` path operation, which runs on the event loop
(a plain ``def`` would be sent to a thread pool on every request). Serve it with
``uvicorn minimal_fastapi:application``; the benchmarks drive the ASGI callable.
"""

from fastapi import FastAPI

application = FastAPI()


@application.get("/health")
async def health():
    # FastAPI turns a returned dict into a JSON response.
    return {"status": "ok", "framework": "fastapi"}
