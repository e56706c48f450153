"""The Litestar application, built by ``create_app()``.

asgi.py serves ``create_app()``'s app in production, ``python -m
{{ cookiecutter.package_name }}`` in development; tests build their own with
test settings. Everything Litestar does for every request is configured here:
the route handlers, templates, the database plugin, CSRF, allowed hosts,
sessions and the security headers.
"""

from pathlib import Path
from urllib.parse import quote

from advanced_alchemy.extensions.litestar import SQLAlchemyPlugin
from advanced_alchemy.extensions.litestar.store import SQLAlchemyStore
from litestar import Litestar, Request, Router
from litestar.config.allowed_hosts import AllowedHostsConfig
from litestar.config.csrf import CSRFConfig
from litestar.exceptions import NotAuthorizedException
from litestar.middleware import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from .auth import session_config
from .config import Settings
from .controllers.accounts import AccountController
from .controllers.notes import NotesController
from .controllers.site import SiteController, health
from .database import alchemy_config
from .models import SessionRecord
from .security import AllowedHostsMiddleware, security_headers

PACKAGE = Path(__file__).resolve().parent
# Litestar's request_max_body_size: a larger body is answered 413 before it is read.
MAX_BODY_SIZE = 1024 * 1024  # 1 MB


def route_handlers(settings: Settings) -> list:
    """Every URL of the site, in Litestar's layers.

    Middleware given to a Router wraps that Router's routes alone: the pages get
    the allowed-hosts check and CSRF protection, the account pages the session
    too, while /health (which load balancers ask many times a second) and the
    static files go straight to their handlers.
    """
    # A request whose Host header names another site is refused (400).
    allowed_hosts = DefineMiddleware(
        AllowedHostsMiddleware,
        config=AllowedHostsConfig(allowed_hosts=list(settings.allowed_hosts), www_redirect=False),
    )
    # Litestar's CSRF protection: a POST, PUT, PATCH or DELETE is refused (403) unless
    # its _csrf_token field (or X-CSRFToken header) matches this browser's CSRF cookie,
    # which a page of another site can neither read nor set.
    csrf = DefineMiddleware(
        CSRFMiddleware,
        config=CSRFConfig(
            secret=settings.secret_key,
            cookie_httponly=True,  # the forms carry the token: no script needs the cookie
            cookie_samesite="lax",
            cookie_secure=settings.https,
        ),
    )
    account_pages = Router(
        path="/",
        route_handlers=[AccountController],
        middleware=[session_config(settings).middleware],
    )
    return [
        health,
        # The files in static/, and nothing outside it (404).
        create_static_files_router(
            path="/static", directories=[PACKAGE / "static"], name="static", include_in_schema=False
        ),
        Router(
            path="/",
            route_handlers=[SiteController, NotesController, account_pages],
            middleware=[allowed_hosts, csrf],  # the first listed runs first
        ),
    ]


def redirect_to_login(request: Request, exc: NotAuthorizedException) -> Redirect:
    """A page that needs a login sends the browser to the login form, and back after it."""
    return Redirect(path=f"/login?next={quote(request.url.path)}", status_code=303)


def create_app(settings: Settings | None = None) -> Litestar:
    """Create and configure the Litestar application."""
    if settings is None:
        settings = Settings.from_env()
    if not settings.secret_key:
        # Anyone who knows the key could forge the CSRF tokens it signs.
        raise RuntimeError(
            "APP_SECRET_KEY is not set: copy .env.example to .env and fill it in,"
            " or set it in the environment."
        )
    database = alchemy_config(settings)
    return Litestar(
        route_handlers=route_handlers(settings),
        debug=settings.debug,
        # Jinja2 autoescapes every template: a value's HTML is shown as text, never run.
        template_config=TemplateConfig(
            directory=PACKAGE / "templates",
            engine=JinjaTemplateEngine,
            # Values every page may use: Jinja globals.
            engine_callback=lambda jinja: jinja.engine.globals.update(
                project_name=settings.project_name
            ),
        ),
        plugins=[SQLAlchemyPlugin(config=database)],
        # The session store: a table (see models.SessionRecord), shared by every worker.
        stores={"sessions": SQLAlchemyStore(config=database, model=SessionRecord)},
        request_max_body_size=MAX_BODY_SIZE,
        before_send=[security_headers(settings.https)],
        exception_handlers={NotAuthorizedException: redirect_to_login},
        # No generated API docs: the site is HTML pages, and the docs pages load
        # scripts from a CDN that the Content-Security-Policy forbids.
        openapi_config=None,
    )
