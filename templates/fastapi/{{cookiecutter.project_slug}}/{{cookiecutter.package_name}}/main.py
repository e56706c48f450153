"""The FastAPI application: ``app``, built by ``create_app()``.

``fastapi dev``, ``python -m {{ cookiecutter.package_name }}`` and asgi.py all
serve ``app``; tests build their own with ``create_app(settings)``.
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, staticfiles
from starlette.responses import Response
from starlette.types import Scope

from .body_limit import BodySizeLimitMiddleware
from .config import Settings, get_settings
from .routers import docs, health, pages
from .security_headers import SecurityHeadersMiddleware, server_error

PACKAGE = Path(__file__).resolve().parent
logger = logging.getLogger(__name__)


class StaticFiles(staticfiles.StaticFiles):
    """Starlette's StaticFiles, whose 405 answer always says which methods it takes."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        # Some Starlette releases (1.7, which Python 3.10 installs) answer 405 without Allow.
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(status_code=405, headers={"Allow": "GET, HEAD"})
        return await super().get_response(path, scope)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start-up and shut-down, once per server process.

    The code before ``yield`` runs before the first request, the code after it
    once the last one is answered: open what requests share here (a database
    pool, an HTTP client) and close it after ``yield``.
    """
    if app.debug:
        logger.warning("Debug mode is on: tracebacks in error pages, API docs at /docs.")
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    """Create and configure the FastAPI application."""
    if settings is None:
        settings = get_settings()
    app = FastAPI(
        title=settings.project_name,
        debug=settings.debug,
        lifespan=lifespan,
        # The generated API docs are off unless APP_DEBUG is on: Swagger UI loads its
        # scripts from a CDN, which the pages' Content-Security-Policy forbids, so
        # routers/docs.py serves it, in debug mode only, under a policy of its own.
        # ReDoc is off; without docs the schema they read (openapi.json) is off too.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.debug else None,
        # "/health/" is 404, as in Flask, instead of a redirect to "/health" whose
        # absolute URL Starlette would build from the request's Host header.
        redirect_slashes=False,
    )
    # The router tries path operations in the order they were included: /health,
    # which load balancers ask many times a second, first.
    app.include_router(health.router)
    app.include_router(pages.router)
    if settings.debug:
        app.include_router(docs.router)
    # StaticFiles serves the files in static/ and nothing outside it (404).
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")

    # Middleware added last runs first: the headers go on every response,
    # the 413 of the body limit included.
    app.add_middleware(BodySizeLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_exception_handler(Exception, server_error)
    return app


app = create_app()
