"""WSGI entry point.

A WSGI server imports the callable named ``application`` from this file, for
example: ``waitress-serve wsgi:application`` or ``gunicorn wsgi:application``.
asgi.py is its ASGI twin: the same app, served by an asynchronous server.
"""

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import get_settings

settings = get_settings()

# This starter signs nothing yet: it has no sessions or tokens. The starter
# contract still asks every production entry point for a secret, so that the
# first signed cookie or token you add has one, and each deployment gets its own
# from the first day. Anyone who knows the key could forge what it signs: a
# production server must not start without it.
if not settings.secret_key:
    raise RuntimeError(
        "APP_SECRET_KEY is not set: copy .env.example to .env and fill it in,"
        " or set it in the environment."
    )

# falcon.App instances are WSGI callables: this is what the server calls.
application = create_app(settings)
