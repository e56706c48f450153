"""{{ cookiecutter.project_name }}: a Flask application.

``create_app`` is an *application factory*: it builds a new, configured app on
each call, so tests can make one with their own settings.
"""

from pathlib import Path

from dotenv import load_dotenv
from flask import Flask

from .security_headers import security_headers

# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the Flask application."""
    # Copy .env (local settings, never committed) into the environment first; a
    # variable that is already set wins. Flask reads FLASK_DEBUG from there
    # itself, as `flask run` does: debug mode is off unless FLASK_DEBUG=1.
    load_dotenv(ROOT / ".env")
    app = Flask(__name__)
    app.config.from_mapping(
        PROJECT_NAME="{{ cookiecutter.project_name }}",
        # Bodies larger than 1 MB are refused with 413 before a view reads them.
        MAX_CONTENT_LENGTH=1024 * 1024,
        # Should you add sessions: the browser sends their cookie with links
        # from other sites but not with their forms (HttpOnly is Flask's default).
        SESSION_COOKIE_SAMESITE="Lax",
    )
    # Every FLASK_* variable becomes a setting: FLASK_SECRET_KEY is SECRET_KEY,
    # the key Flask signs session cookies with.
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)

    # Flask's docs wrap app.wsgi_app (not the app) in WSGI middleware, so the
    # app object keeps working as before. The headers are added as the response
    # leaves Flask, ready-made: an after_request hook would look each one up in
    # the response's headers and check it again on every request.
    app.wsgi_app = security_headers(app.wsgi_app)

    # A blueprint groups related views; the app registers it to serve them.
    from . import views

    app.register_blueprint(views.bp)
    return app
