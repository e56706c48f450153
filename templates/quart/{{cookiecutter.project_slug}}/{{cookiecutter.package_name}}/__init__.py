"""{{ cookiecutter.project_name }}: a Quart application.

``create_app`` is an *application factory*: it builds a new, configured app on
each call, so tests can make one with their own settings.
"""

from pathlib import Path

from dotenv import load_dotenv
from quart import Quart

from .security_headers import security_headers

# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Quart:
    """Create and configure the Quart application."""
    # Copy .env (local settings, never committed) into the environment first; a
    # variable that is already set wins. Quart reads QUART_DEBUG from there with
    # the other QUART_* settings below: debug mode is off unless QUART_DEBUG=1.
    load_dotenv(ROOT / ".env")
    app = Quart(__name__)
    app.config.from_mapping(
        PROJECT_NAME="{{ cookiecutter.project_name }}",
        # Bodies larger than 1 MB are refused with 413 when a view reads them;
        # Quart stops buffering one past the limit (its default is 16 MB).
        MAX_CONTENT_LENGTH=1024 * 1024,
        # Should you add sessions: the browser sends their cookie with links
        # from other sites but not with their forms (HttpOnly is Quart's default).
        SESSION_COOKIE_SAMESITE="Lax",
    )
    # Every QUART_* variable becomes a setting: QUART_SECRET_KEY is SECRET_KEY,
    # the key Quart signs session cookies with, and QUART_DEBUG is DEBUG.
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)

    # Quart's docs wrap app.asgi_app (not the app) in ASGI middleware, so the app
    # object keeps working as before and its test client goes through it. The
    # headers are added as the response leaves Quart, ready-made: an after_request
    # hook would look each one up in the response's headers on every request.
    app.asgi_app = security_headers(app.asgi_app)

    # A blueprint groups related views; the app registers it to serve them.
    from . import views

    app.register_blueprint(views.bp)
    return app
