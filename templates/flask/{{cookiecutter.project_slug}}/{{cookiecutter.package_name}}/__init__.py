"""{{ cookiecutter.project_name }}: a Flask application.

``create_app`` is an *application factory*: it builds a new, configured app on
each call, so tests can make one with their own settings.
"""

import os

from flask import Flask

# A development secret generated for this project only. In production, set the
# SECRET_KEY environment variable instead; Flask signs session cookies with it.
DEV_SECRET_KEY = "{{ cookiecutter.__dev_secret_key }}"


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the Flask application."""
    app = Flask(__name__)
    app.config.from_mapping(
        PROJECT_NAME="{{ cookiecutter.project_name }}",
        SECRET_KEY=os.environ.get("SECRET_KEY", DEV_SECRET_KEY),
        # Debug mode shows tracebacks in the browser: never on unless asked for.
        DEBUG=os.environ.get("FLASK_DEBUG") == "1",
    )
    if test_config is not None:
        app.config.from_mapping(test_config)

    # A blueprint groups related views; the app registers it to serve them.
    from . import views

    app.register_blueprint(views.bp)
    return app
