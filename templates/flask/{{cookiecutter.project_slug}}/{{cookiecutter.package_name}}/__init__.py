"""{{ cookiecutter.project_name }}: a Flask application.

``create_app`` is an *application factory*: it builds a new, configured app on
each call, so tests can make one with their own settings.
"""

from pathlib import Path

from dotenv import load_dotenv
from flask import Flask

# The project folder (where pyproject.toml is): its .env holds local settings.
ROOT = Path(__file__).resolve().parent.parent

# Sent with every response, pages, static files and errors alike (OWASP's HTTP
# headers cheat sheet). The Content-Security-Policy lets the browser load
# scripts, styles and images from this site only, so injected markup cannot
# run; that is also why the pages keep every style in static/style.css.
# A list of (name, value) pairs, as WSGI sends headers: it is built once, and
# each response's headers are extended with it in one step.
SECURITY_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),  # trust Content-Type, never guess it
    ("X-Frame-Options", "DENY"),  # no other site may show these pages in a frame
    ("Referrer-Policy", "same-origin"),  # other sites are not told which page linked them
]


# WSGI middleware takes a WSGI application and returns one that calls it; this
# one adds the headers to whatever the app answers, error pages included.
def security_headers(wsgi_app):
    """WSGI middleware: add SECURITY_HEADERS to every response ``wsgi_app`` sends."""

    def middleware(environ, start_response):
        def start_response_with_headers(status, headers, exc_info=None):
            return start_response(status, headers + SECURITY_HEADERS, exc_info)

        return wsgi_app(environ, start_response_with_headers)

    return middleware


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
